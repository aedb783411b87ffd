package io.bonafide.tasks.internal;

import io.bonafide.schemas.event.TaskDeleted;
import io.bonafide.schemas.event.TaskKey;
import io.bonafide.schemas.event.TaskState;
import io.bonafide.schemas.event.VerificationError;
import io.bonafide.schemas.event.VerificationRequested;
import io.bonafide.schemas.event.VerificationResult;
import io.bonafide.schemas.event.VerificationStarted;
import io.bonafide.store.AudioStore;
import io.bonafide.tasks.TaskStateOptions;
import io.bonafide.tasks.TaskStateTopology;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Folds every event of a task into its stored {@link TaskState} ({@link TaskStateFold} holds the
 * rules) and forwards each published change; handles deletions and, on a wall-clock punctuator,
 * retention. Time is the Streams context's wall clock ({@code currentSystemTimeMs}), which
 * {@code TopologyTestDriver} advances in tests. A state is published only once its request is
 * known: before that it is an orphan, held in the store but invisible to readers.
 */
public final class TaskStateProcessor implements Processor<TaskKey, Object, TaskKey, TaskState> {
    private static final Logger LOG = LoggerFactory.getLogger(TaskStateProcessor.class);

    private final TaskStateOptions options;
    private final AudioStore audioStore;
    private ProcessorContext<TaskKey, TaskState> context;
    private KeyValueStore<String, TaskState> states;
    private KeyValueStore<String, Long> markers;

    public TaskStateProcessor(TaskStateOptions options, AudioStore audioStore) {
        this.options = options;
        this.audioStore = audioStore;
    }

    @Override
    public void init(ProcessorContext<TaskKey, TaskState> context) {
        this.context = context;
        this.states = context.getStateStore(TaskStateTopology.STATE_STORE);
        this.markers = context.getStateStore(TaskStateTopology.MARKER_STORE);
        context.schedule(options.sweepInterval(), PunctuationType.WALL_CLOCK_TIME, this::sweep);
    }

    @Override
    public void process(Record<TaskKey, Object> record) {
        Object event = record.value();
        if (event == null) {
            return; // a tombstone on an input topic carries nothing to fold
        }
        String taskId = taskId(record.key(), event);
        long now = context.currentSystemTimeMs();
        if (markers.get(taskId) != null) {
            if (event instanceof VerificationRequested request) {
                // A request replayed after the deletion would otherwise leave its audio behind.
                deleteAudio(taskId, request);
            }
            return;
        }
        if (event instanceof TaskDeleted) {
            remove(taskId, now);
            return;
        }
        TaskState current = states.get(taskId);
        TaskState next;
        if (event instanceof VerificationRequested r) {
            next = TaskStateFold.onRequest(current, r, Instant.ofEpochMilli(now));
        } else if (event instanceof VerificationStarted s) {
            next = TaskStateFold.onStarted(current, s, Instant.ofEpochMilli(now));
        } else if (event instanceof VerificationResult r) {
            next = TaskStateFold.onResult(current, r, Instant.ofEpochMilli(now));
        } else if (event instanceof VerificationError e) {
            next = TaskStateFold.onError(current, e, Instant.ofEpochMilli(now));
        } else {
            LOG.warn("ignoring an event of unexpected type {} for task {}", event.getClass().getName(), taskId);
            return;
        }
        if (next == current) {
            return;
        }
        states.put(taskId, next);
        if (next.getRequest() != null) {
            context.forward(new Record<>(key(taskId), next, now));
        }
    }

    /** Drops the task's state and audio, publishes a tombstone, and remembers the id. */
    private void remove(String taskId, long now) {
        TaskState current = states.get(taskId);
        if (current != null) {
            states.delete(taskId);
            deleteAudio(taskId, current.getRequest());
        }
        markers.put(taskId, now);
        // Also for a task never published: a tombstone is harmless and keeps compaction clean.
        context.forward(new Record<>(key(taskId), null, now));
    }

    private void sweep(long now) {
        long terminalTtl = options.terminalTtl().toMillis();
        List<String> expired = new ArrayList<>();
        List<String> orphansDropped = new ArrayList<>();
        try (KeyValueIterator<String, TaskState> all = states.all()) {
            while (all.hasNext()) {
                KeyValue<String, TaskState> entry = all.next();
                TaskState state = entry.value;
                if (state.getRequest() == null) {
                    if (state.getCreatedAt().toEpochMilli() + terminalTtl <= now) {
                        orphansDropped.add(entry.key);
                    }
                } else if (TaskStateFold.isFinal(state.getStatus()) && state.getUpdatedAt().toEpochMilli() + terminalTtl <= now) {
                    expired.add(entry.key);
                }
            }
        }
        expired.forEach(taskId -> remove(taskId, now));
        for (String taskId : orphansDropped) {
            // Never published, so no tombstone; its request never came, so there is no audio to find.
            LOG.warn("dropping events held for task {}: its request did not arrive within {}", taskId, options.terminalTtl());
            states.delete(taskId);
        }
        long markerTtl = options.deletedMarkerTtl().toMillis();
        List<String> forgotten = new ArrayList<>();
        try (KeyValueIterator<String, Long> all = markers.all()) {
            while (all.hasNext()) {
                KeyValue<String, Long> entry = all.next();
                if (entry.value + markerTtl <= now) {
                    forgotten.add(entry.key);
                }
            }
        }
        forgotten.forEach(markers::delete);
    }

    private void deleteAudio(String taskId, VerificationRequested request) {
        if (request == null) {
            return;
        }
        try {
            audioStore.delete(URI.create(request.getAudio().getUri()));
        } catch (RuntimeException e) {
            // Not worth stopping the state of every task for: the audio stays behind, and says so.
            LOG.warn("could not remove the audio {} of task {}; it stays in the store", request.getAudio().getUri(), taskId, e);
        }
    }

    private static String taskId(TaskKey key, Object event) {
        if (key != null) {
            return key.getTaskId();
        }
        if (event instanceof VerificationRequested r) {
            return r.getTaskId();
        } else if (event instanceof VerificationStarted s) {
            return s.getTaskId();
        } else if (event instanceof VerificationResult r) {
            return r.getTaskId();
        } else if (event instanceof VerificationError e) {
            return e.getTaskId();
        } else if (event instanceof TaskDeleted d) {
            return d.getTaskId();
        }
        throw new IllegalArgumentException("record without key of type " + event.getClass().getName());
    }

    private static TaskKey key(String taskId) {
        return TaskKey.newBuilder().setTaskId(taskId).build();
    }
}
