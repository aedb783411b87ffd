/** Machinery of manipulation detection (window scoring and times); not part of the API. */
package io.bonafide.detection.manipulation.internal;
