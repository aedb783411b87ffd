/**
 * Task state: {@link io.bonafide.tasks.TaskStateTopology} folds each task's events into the
 * compacted {@code bonafide.task.state} topic, {@link io.bonafide.tasks.TaskStateService} runs it
 * and answers {@link io.bonafide.tasks.TaskLookup}, {@link io.bonafide.tasks.TaskDocument} renders
 * a state as the SPEC 2 task document. The webhook dispatcher lives in
 * {@code io.bonafide.tasks.webhook}; machinery in {@code io.bonafide.tasks.internal}.
 */
package io.bonafide.tasks;
