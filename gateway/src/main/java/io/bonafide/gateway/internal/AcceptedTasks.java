package io.bonafide.gateway.internal;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The tasks this instance accepted lately, oldest forgotten first beyond a bound: a GET that
 * arrives before the task-state topology has folded the request answers {@code pending} (not
 * 404), and a DELETE that early still finds the stored audio. Thread-safe.
 */
public final class AcceptedTasks {

    /** What is remembered of one accepted task. */
    public record Accepted(String tenant, URI audio) {
    }

    private final Map<String, Accepted> tasks;

    public AcceptedTasks(int capacity) {
        this.tasks = new LinkedHashMap<>(16, 0.75f, false) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Accepted> eldest) {
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

    public synchronized void remove(String taskId) {
        tasks.remove(taskId);
    }

    public synchronized int size() {
        return tasks.size();
    }
}
