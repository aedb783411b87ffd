/**
 * Machinery of the task state: the state-machine rules ({@code TaskStateFold}), the processor
 * that applies them and keeps retention, the partitioner and HTTP forwarder of lookups. Not an
 * API; other modules use {@code io.bonafide.tasks}.
 */
package io.bonafide.tasks.internal;
