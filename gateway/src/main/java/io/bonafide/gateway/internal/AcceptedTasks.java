package io.bonafide.gateway.internal;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The tasks this instance accepted lately, oldest forgotten first beyond a bound: a GET that
 * arrives before the task-state topology has folded the request answers {@code pending} (not
 * 404), and a DELETE that early still finds the stored audio. Also the tasks this instance
 * deleted lately (same bound), so that a GET or DELETE right after a DELETE answers 404 here even
 * before the topology has dropped the state. Thread-safe.
 */
public final class AcceptedTasks {

    /** What is remembered of one accepted task. */
    public record Accepted(String tenant, URI audio) {
    }

    private final Map<String, Accepted> tasks;
    private final Map<String, Boolean> deleted;

    public AcceptedTasks(int capacity) {
        this.tasks = bounded(capacity);
        this.deleted = bounded(capacity);
    }

    private static <V> Map<String, V> bounded(int capacity) {
        return new LinkedHashMap<>(16, 0.75f, false) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > capacity;
            }
        };
    }

    public synchronized void add(String taskId, Accepted accepted) {
        tasks.put(taskId, accepted);
    }

    public synchronized Optional<Accepted> find(String taskId) {
        return Optional.ofNullable(tasks.get(taskId));
    }

    /** The task was deleted through this instance: forgotten as accepted, remembered as deleted. */
    public synchronized void deleted(String taskId) {
        tasks.remove(taskId);
        deleted.put(taskId, Boolean.TRUE);
    }

    /** Whether the task was deleted through this instance lately. */
    public synchronized boolean isDeleted(String taskId) {
        return deleted.containsKey(taskId);
    }

    public synchronized int size() {
        return tasks.size();
    }
}
