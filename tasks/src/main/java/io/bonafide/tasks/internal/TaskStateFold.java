package io.bonafide.tasks.internal;

import io.bonafide.schemas.event.Operation;
import io.bonafide.schemas.event.TaskState;
import io.bonafide.schemas.event.TaskStatus;
import io.bonafide.schemas.event.VerificationError;
import io.bonafide.schemas.event.VerificationRequested;
import io.bonafide.schemas.event.VerificationResult;
import io.bonafide.schemas.event.VerificationStarted;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The SPEC 3 state machine as pure functions: the state a task has after one more event. Each
 * function answers the very same instance when the event changes nothing (a duplicate, a late
 * running signal, a retryable error, anything after a final state), so that the caller can tell
 * "no change" by identity and neither stores nor publishes anything; every real change raises
 * the revision by one. A state whose {@code request} is null is an <em>orphan</em>: events came
 * before the request (out-of-order topics), and are folded in so that nothing is lost when the
 * request arrives.
 */
public final class TaskStateFold {

    private TaskStateFold() {
    }

    /** Whether {@code status} is final: DONE, FAILED or REJECTED never change again. */
    public static boolean isFinal(TaskStatus status) {
        return status == TaskStatus.DONE || status == TaskStatus.FAILED || status == TaskStatus.REJECTED;
    }

    /**
     * The status a non-retryable error leads to: REJECTED when the input itself can never be
     * processed (every {@code media.*} and {@code request.*} type, whether or not the error names
     * an operation), FAILED for everything else ({@code internal}, {@code storage.*}, …).
     */
    public static TaskStatus statusFor(VerificationError error) {
        String type = error.getErrorType();
        return type.startsWith("media.") || type.startsWith("request.") ? TaskStatus.REJECTED : TaskStatus.FAILED;
    }

    /** After a request: a new PENDING task, an orphan completed by its request, or unchanged (a duplicate). */
    public static TaskState onRequest(TaskState current, VerificationRequested request, Instant now) {
        if (current == null) {
            return TaskState.newBuilder()
                    .setTaskId(request.getTaskId())
                    .setTenant(request.getTenant())
                    .setStatus(TaskStatus.PENDING)
                    .setRequest(request)
                    .setResults(List.of())
                    .setError(null)
                    .setCreatedAt(now)
                    .setUpdatedAt(now)
                    .setRevision(1L)
                    .setCorrelationId(request.getCorrelationId())
                    .build();
        }
        if (current.getRequest() != null) {
            return current;
        }
        Set<Operation> requested = EnumSet.noneOf(Operation.class);
        requested.addAll(request.getOperations());
        // Results that came first stay only for operations the request asked for.
        List<VerificationResult> results = current.getResults().stream()
                .filter(r -> requested.contains(r.getOperation())).toList();
        TaskStatus status = current.getStatus();
        if (!isFinal(status) && covers(request, results)) {
            status = TaskStatus.DONE;
        }
        return TaskState.newBuilder(current)
                .setTenant(request.getTenant())
                .setRequest(request)
                .setResults(new ArrayList<>(results))
                .setStatus(status)
                .setCorrelationId(request.getCorrelationId())
                .setUpdatedAt(now)
                .setRevision(current.getRevision() + 1)
                .build();
    }

    /** After a running signal: PENDING becomes RUNNING; any other status stays. */
    public static TaskState onStarted(TaskState current, VerificationStarted started, Instant now) {
        if (current == null) {
            return orphan(started.getTaskId(), started.getTenant(), TaskStatus.RUNNING, now);
        }
        if (current.getStatus() != TaskStatus.PENDING) {
            return current;
        }
        return TaskState.newBuilder(current)
                .setStatus(TaskStatus.RUNNING)
                .setUpdatedAt(now)
                .setRevision(current.getRevision() + 1)
                .build();
    }

    /**
     * After a result: the first result of an operation is kept (a later one for the same operation
     * is a duplicate); the task is DONE once every requested operation has one, RUNNING before that
     * (a result proves a worker runs it). Final states take no more results.
     */
    public static TaskState onResult(TaskState current, VerificationResult result, Instant now) {
        TaskState base = current == null
                ? orphan(result.getTaskId(), result.getTenant(), TaskStatus.PENDING, now) : current;
        if (isFinal(base.getStatus())) {
            return current;
        }
        VerificationRequested request = base.getRequest();
        if (hasResultFor(base, result.getOperation())
                || (request != null && !request.getOperations().contains(result.getOperation()))) {
            return current == null ? base : current;
        }
        List<VerificationResult> results = new ArrayList<>(base.getResults());
        results.add(result);
        TaskStatus status = request != null && covers(request, results) ? TaskStatus.DONE : TaskStatus.RUNNING;
        return TaskState.newBuilder(base)
                .setResults(results)
                .setStatus(status)
                .setUpdatedAt(now)
                .setRevision(current == null ? base.getRevision() : base.getRevision() + 1)
                .build();
    }

    /**
     * After an error: a retryable one changes nothing (the worker tries again); a final one makes
     * the task FAILED or REJECTED ({@link #statusFor}) unless the task is already final or the
     * failed operation already has a result (the first answer wins).
     */
    public static TaskState onError(TaskState current, VerificationError error, Instant now) {
        if (error.getRetryable()) {
            return current;
        }
        if (current == null) {
            return TaskState.newBuilder(orphan(error.getTaskId(), error.getTenant(), statusFor(error), now))
                    .setError(error).build();
        }
        if (isFinal(current.getStatus())
                || (error.getOperation() != null && hasResultFor(current, error.getOperation()))) {
            return current;
        }
        return TaskState.newBuilder(current)
                .setStatus(statusFor(error))
                .setError(error)
                .setUpdatedAt(now)
                .setRevision(current.getRevision() + 1)
                .build();
    }

    private static TaskState orphan(String taskId, String tenant, TaskStatus status, Instant now) {
        return TaskState.newBuilder()
                .setTaskId(taskId)
                .setTenant(tenant)
                .setStatus(status)
                .setRequest(null)
                .setResults(new ArrayList<>())
                .setError(null)
                .setCreatedAt(now)
                .setUpdatedAt(now)
                .setRevision(1L)
                .setCorrelationId(null)
                .build();
    }

    private static boolean hasResultFor(TaskState state, Operation operation) {
        return state.getResults().stream().anyMatch(r -> r.getOperation() == operation);
    }

    private static boolean covers(VerificationRequested request, List<VerificationResult> results) {
        if (request.getOperations().isEmpty()) {
            return false; // never sent (the gateway fills in all three); nothing could complete it
        }
        Set<Operation> done = EnumSet.noneOf(Operation.class);
        results.forEach(r -> done.add(r.getOperation()));
        return done.containsAll(request.getOperations());
    }
}
