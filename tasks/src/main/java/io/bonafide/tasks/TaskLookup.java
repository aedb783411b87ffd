package io.bonafide.tasks;

import io.bonafide.schemas.event.TaskState;
import java.util.Optional;

/**
 * Finds the current state of one task, wherever it is held: the local state store of this
 * instance, or the instance that owns the task's partition. The gateway serves polling through
 * it; a task that was deleted, expired or never existed is empty. Implementations are
 * thread-safe.
 */
public interface TaskLookup {

    /**
     * The task's state, or empty when no instance knows the task.
     *
     * @throws TaskStateUnavailableException when the state cannot be read right now (the
     *         topology is rebalancing or restoring, or the owning instance does not answer), so
     *         that the caller can answer 503 rather than 404
     */
    Optional<TaskState> find(String taskId);
}
