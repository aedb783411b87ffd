/**
 * The HTTP task API and the audio store. Filled by the gateway issue.
 */
package io.bonafide.gateway;
