package io.bonafide.tasks;

import io.bonafide.schemas.EventSchemas;
import io.bonafide.schemas.Topic;
import io.bonafide.schemas.Topics;
import io.bonafide.schemas.event.TaskKey;
import io.bonafide.schemas.event.TaskState;
import io.bonafide.store.AudioStore;
import io.bonafide.tasks.internal.TaskStateProcessor;
import io.bonafide.tasks.internal.TopicBoundSerde;
import java.util.Objects;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * The task-state topology: requests, running signals, results, errors and deletions of one task
 * (all keyed by task id, so all on the same partition number) folded by one processor into a
 * persistent, changelogged key-value store of {@link TaskState} per task id, and every change
 * published to the compacted {@code bonafide.task.state} topic; a deleted or expired task is a
 * tombstone there. Built by a plain method so that tests drive it with {@code TopologyTestDriver};
 * run it with {@code processing.guarantee=exactly_once_v2} ({@link TaskStateService} does). The
 * rules are in {@code docs/architecture.md} ("Task state").
 */
public final class TaskStateTopology {
    /** Store of TaskState per task id (String); what interactive queries read. */
    public static final String STATE_STORE = "task-state";
    /** Store of wall-clock milliseconds (Long) per task id: when the task was deleted or expired. */
    public static final String MARKER_STORE = "task-deleted-markers";
    static final String PROCESSOR = "task-state-fold";

    private TaskStateTopology() {
    }

    /**
     * The topology over {@code topics}, keeping tasks as {@code options} says and removing the
     * audio of deleted and expired tasks from {@code audioStore}.
     */
    public static Topology build(Topics topics, TaskStateOptions options, AudioStore audioStore) {
        Objects.requireNonNull(topics, "topics");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(audioStore, "audioStore");
        EventSchemas.trustEventClasses();
        Topic<TaskKey, TaskState> state = topics.taskState();
        Topology topology = new Topology();
        String[] sources = {"requests", "progress", "results", "errors", "deletions"};
        source(topology, sources[0], topics.requests());
        source(topology, sources[1], topics.progress());
        source(topology, sources[2], topics.results());
        source(topology, sources[3], topics.errors());
        source(topology, sources[4], topics.deletions());
        topology.addProcessor(PROCESSOR, () -> new TaskStateProcessor(options, audioStore), sources);
        // The store writes TaskState under the state topic's subject, which a release registers
        // anyway, so the changelog needs no subject of its own in the registry.
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STATE_STORE),
                        Serdes.String(), new TopicBoundSerde<>(state.name(), state.valueSerde()))
                .withCachingDisabled(), PROCESSOR);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(MARKER_STORE),
                Serdes.String(), Serdes.Long()).withCachingDisabled(), PROCESSOR);
        topology.addSink("task-state-sink", state.name(), state.keySerde().serializer(),
                state.valueSerde().serializer(), PROCESSOR);
        return topology;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void source(Topology topology, String name, Topic<TaskKey, ?> topic) {
        topology.addSource(name, topic.keySerde().deserializer(), (org.apache.kafka.common.serialization.Deserializer) topic.valueSerde().deserializer(), topic.name());
    }
}
