/**
 * Machinery of the evaluation harness (error curves, probit scale, rendering). Nothing here is
 * API: other modules call {@code io.bonafide.detection.eval} instead.
 */
package io.bonafide.detection.eval.internal;
