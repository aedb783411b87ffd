package io.bonafide.tasks.internal;

import io.bonafide.schemas.event.TaskKey;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.processor.StreamPartitioner;

/**
 * The partition of a task id as the producers of the event topics choose it (murmur2 of the
 * serialized key, as Kafka's default partitioner does), always serializing the key as for the
 * requests topic. Kafka Streams' own lookup would serialize it for whichever source topic has the
 * most partitions, whose key subject a registry without auto-registration may not hold.
 */
public final class TaskKeyPartitioner implements StreamPartitioner<TaskKey, Object> {
    private final String topic;
    private final Serializer<TaskKey> keys;

    public TaskKeyPartitioner(String topic, Serializer<TaskKey> keys) {
        this.topic = topic;
        this.keys = keys;
    }

    @Override
    public Optional<Set<Integer>> partitions(String ignored, TaskKey key, Object value, int numPartitions) {
        return Optional.of(Set.of(Utils.toPositive(Utils.murmur2(keys.serialize(topic, key))) % numPartitions));
    }
}
