package io.bonafide.schemas;

import java.util.List;
import java.util.Objects;

/**
 * The names of Bonafide's topics. {@link #defaults()} gives the names of SPEC 3; a deployment
 * that shares a cluster, or a test that needs unique topics, uses {@link #prefixed(String)}.
 *
 * @param requests   VerificationRequested events
 * @param results    VerificationResult events, one per finished operation
 * @param errors     VerificationError events
 * @param progress   VerificationStarted events (the running signal)
 * @param taskState  compacted TaskState per task
 * @param deletions  TaskDeleted events (a client deleted a task)
 * @param deadLetter records that could not be read, verbatim, with the reason in headers
 */
public record TopicNames(String requests, String results, String errors, String progress, String taskState,
                         String deletions, String deadLetter) {

    public static final String REQUESTS = "bonafide.verification.requests";
    public static final String RESULTS = "bonafide.verification.results";
    public static final String ERRORS = "bonafide.verification.errors";
    public static final String PROGRESS = "bonafide.verification.progress";
    public static final String TASK_STATE = "bonafide.task.state";
    public static final String DELETIONS = "bonafide.task.deletions";
    public static final String DEAD_LETTER = "bonafide.deadletter.events";

    public TopicNames {
        List.of(requests, results, errors, progress, taskState, deletions, deadLetter).forEach(n -> Objects.requireNonNull(n, "topic name"));
    }

    /** The topic names of SPEC 3. */
    public static TopicNames defaults() {
        return new TopicNames(REQUESTS, RESULTS, ERRORS, PROGRESS, TASK_STATE, DELETIONS, DEAD_LETTER);
    }

    /** The default names, each preceded by {@code prefix} and a dot. */
    public static TopicNames prefixed(String prefix) {
        TopicNames d = defaults();
        return new TopicNames(prefix + "." + d.requests, prefix + "." + d.results, prefix + "." + d.errors,
                prefix + "." + d.progress, prefix + "." + d.taskState, prefix + "." + d.deletions, prefix + "." + d.deadLetter);
    }

    /** All seven names. */
    public List<String> all() {
        return List.of(requests, results, errors, progress, taskState, deletions, deadLetter);
    }
}
