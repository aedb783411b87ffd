/**
 * Kafka Streams task state and webhook dispatch. Filled by the task-state issue.
 */
package io.bonafide.tasks;
