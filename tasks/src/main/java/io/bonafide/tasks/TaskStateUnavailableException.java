package io.bonafide.tasks;

import io.bonafide.core.BonafideRetriableException;
import io.bonafide.core.ErrorType;
import java.util.Map;

/**
 * The task state cannot be read at the moment (the Streams instance is rebalancing or restoring
 * its stores, or the instance that owns the task does not answer). Retriable: the same lookup
 * succeeds once the topology is running again.
 */
public final class TaskStateUnavailableException extends BonafideRetriableException {
    private static final long serialVersionUID = 1L;

    public TaskStateUnavailableException(String message, String taskId, Throwable cause) {
        super(ErrorType.INTERNAL, message, Map.of("task_id", taskId), cause);
    }
}
