package io.bonafide.gateway.internal;

import io.bonafide.schemas.event.TaskState;
import io.bonafide.schemas.event.TaskStatus;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * A tenant's licensed processing capacity in use: tasks in flight and seconds of audio in flight,
 * fleet-wide. It folds the task-state topic (every instance's tasks: pending and running count,
 * final and deleted ones do not) with this instance's just-accepted tasks (which the topic may
 * not show yet) and its uploads under way (reservations), so that two concurrent uploads cannot
 * both take the last slot. Audio seconds of tasks another instance accepted are estimated from
 * their size. Thread-safe.
 */
public final class CapacityLedger {

    /** The limits; 0 means no limit. */
    public record Limits(int tasksInFlight, double audioSecondsInFlight, long estimateBytesPerSecond) {
    }

    /** What is in use for one tenant. */
    public record Usage(int tasks, double audioSeconds) {
    }

    private record Entry(String tenant, double seconds) {
    }

    private final Limits limits;
    private final Map<String, Entry> fleet = new HashMap<>();
    private final Map<String, Entry> local = new HashMap<>();
    private final Set<String> finished = new HashSet<>();
    private final Map<Object, Entry> reservations = new HashMap<>();

    public CapacityLedger(Limits limits) {
        this.limits = limits;
    }

    public Limits limits() {
        return limits;
    }

    /**
     * Reserves one task slot for an upload about to be read.
     *
     * @throws ApiError 403 when the tenant's tasks in flight are at the limit
     */
    public synchronized Object reserveTask(String tenant) {
        Usage usage = usage(tenant);
        if (limits.tasksInFlight() > 0 && usage.tasks() >= limits.tasksInFlight()) {
            throw CapacityErrors.exceeded("tasks_in_flight", usage.tasks(), limits.tasksInFlight(), "tasks");
        }
        Object token = new Object();
        reservations.put(token, new Entry(tenant, 0));
        return token;
    }

    /**
     * Adds the upload's audio seconds to its reservation.
     *
     * @throws ApiError 403 when they would take the tenant past its audio seconds in flight
     */
    public synchronized void reserveSeconds(Object token, double seconds) {
        Entry entry = reservations.get(token);
        if (entry == null) {
            throw new IllegalStateException("no such reservation");
        }
        Usage usage = usage(entry.tenant());
        if (limits.audioSecondsInFlight() > 0 && usage.audioSeconds() + seconds > limits.audioSecondsInFlight()) {
            throw CapacityErrors.exceeded("audio_seconds_in_flight", usage.audioSeconds() + seconds,
                    limits.audioSecondsInFlight(), "seconds");
        }
        reservations.put(token, new Entry(entry.tenant(), seconds));
    }

    /** Turns a reservation into an accepted task. */
    public synchronized void accept(Object token, String taskId) {
        Entry entry = reservations.remove(token);
        if (entry != null && !finished.contains(taskId)) {
            local.put(taskId, entry);
        }
    }

    /** Gives a reservation back (the upload failed). */
    public synchronized void release(Object token) {
        reservations.remove(token);
    }

    /** A task-state update (null state: a tombstone, the task was deleted). */
    public synchronized void onState(String taskId, TaskState state) {
        if (state == null || isFinal(state.getStatus())) {
            fleet.remove(taskId);
            if (local.remove(taskId) == null && state != null) {
                // A final state seen before this instance's accept() would otherwise count forever.
                finished.add(taskId);
                if (finished.size() > 100_000) {
                    finished.clear();
                }
            }
            return;
        }
        Entry mine = local.get(taskId);
        double seconds = mine != null ? mine.seconds()
                : state.getRequest() == null ? 0
                : (double) state.getRequest().getAudio().getSizeBytes() / limits.estimateBytesPerSecond();
        fleet.put(taskId, new Entry(state.getTenant(), seconds));
    }

    /** A task removed by this instance (DELETE). */
    public synchronized void forget(String taskId) {
        fleet.remove(taskId);
        local.remove(taskId);
    }

    public synchronized Usage usage(String tenant) {
        int tasks = 0;
        double seconds = 0;
        for (Map.Entry<String, Entry> e : fleet.entrySet()) {
            if (e.getValue().tenant().equals(tenant)) {
                tasks++;
                seconds += e.getValue().seconds();
            }
        }
        for (Map.Entry<String, Entry> e : local.entrySet()) {
            if (e.getValue().tenant().equals(tenant) && !fleet.containsKey(e.getKey())) {
                tasks++;
                seconds += e.getValue().seconds();
            }
        }
        for (Entry e : reservations.values()) {
            if (e.tenant().equals(tenant)) {
                tasks++;
                seconds += e.seconds();
            }
        }
        return new Usage(tasks, seconds);
    }

    private static boolean isFinal(TaskStatus status) {
        return status == TaskStatus.DONE || status == TaskStatus.FAILED || status == TaskStatus.REJECTED;
    }
}
