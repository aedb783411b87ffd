package io.bonafide.tasks;

import java.time.Duration;
import java.util.Objects;

/**
 * How long the task-state topology keeps what it knows. {@code terminalTtl}: how long a DONE,
 * FAILED or REJECTED task stays readable after its last change (also how long events held for a
 * task whose request never came are kept); {@code deletedMarkerTtl}: how long a deleted or
 * expired task's id is remembered so that late or duplicate events for it are ignored rather
 * than bringing it back; {@code sweepInterval}: how often (wall-clock) the stores are scanned for
 * entries past their TTL. Immutable; the constructor rejects values that make no sense, naming
 * the field.
 *
 * @param terminalTtl      retention of final tasks, measured from their last change
 * @param deletedMarkerTtl retention of the markers of deleted or expired tasks
 * @param sweepInterval    wall-clock period of the retention scan
 */
public record TaskStateOptions(Duration terminalTtl, Duration deletedMarkerTtl, Duration sweepInterval) {

    /** Seven days for final tasks, one day for markers, a scan every minute. */
    public static final TaskStateOptions DEFAULTS =
            new TaskStateOptions(Duration.ofDays(7), Duration.ofDays(1), Duration.ofMinutes(1));

    public TaskStateOptions {
        positive("terminalTtl", terminalTtl);
        positive("deletedMarkerTtl", deletedMarkerTtl);
        positive("sweepInterval", sweepInterval);
    }

    private static void positive(String field, Duration value) {
        Objects.requireNonNull(value, field);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(field + " must be positive, was " + value);
        }
    }
}
