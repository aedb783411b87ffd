package io.bonafide.gateway.internal;

import io.bonafide.schemas.event.TaskState;
import io.bonafide.tasks.TaskLookup;
import io.bonafide.tasks.TaskStateUnavailableException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * A {@link TaskLookup} over the task-state topic as this instance follows it (see
 * {@link TaskStateFollower}): the latest state of the most recently updated tasks, bounded in
 * number. It is what a gateway started on its own ({@code GatewayMain}) polls from; where the
 * Kafka Streams topology runs in the same JVM, the integrator passes the topology's lookup
 * instead. Until the follower has found the topic, lookups are unavailable (503), not 404.
 */
public final class FollowedTaskStates implements TaskLookup {
    private final Map<String, TaskState> states;
    private final BooleanSupplier following;

    public FollowedTaskStates(int capacity, BooleanSupplier following) {
        this.following = following;
        this.states = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, TaskState> eldest) {
                return size() > capacity;
            }
        };
    }

    /** A state update; null removes the task (tombstone). */
    public synchronized void onState(String taskId, TaskState state) {
        if (state == null) {
            states.remove(taskId);
        } else {
            TaskState known = states.get(taskId);
            if (known == null || known.getRevision() <= state.getRevision()) {
                states.put(taskId, state);
            }
        }
    }

    @Override
    public synchronized Optional<TaskState> find(String taskId) {
        if (!following.getAsBoolean()) {
            throw new TaskStateUnavailableException("the task-state topic is not followed yet", taskId, null);
        }
        return Optional.ofNullable(states.get(taskId));
    }
}
