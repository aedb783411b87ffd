package io.bonafide.tasks.webhook.internal;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The persisted delivery schedule: the compacted retries topic, co-partitioned with the task-state
 * topic (partition p holds the deliveries of the tasks of state partition p), so that whichever
 * dispatcher owns a state partition also owns its pending retries and restores them when the
 * partition is assigned to it, after a restart or a rebalance.
 */
public final class RetryStore {
    private static final Logger LOG = LoggerFactory.getLogger(RetryStore.class);

    private final Producer<byte[], byte[]> producer;
    private final String topic;
    private final Supplier<Consumer<byte[], byte[]>> restoreConsumers;

    public RetryStore(Producer<byte[], byte[]> producer, String topic, Supplier<Consumer<byte[], byte[]>> restoreConsumers) {
        this.producer = producer;
        this.topic = topic;
        this.restoreConsumers = restoreConsumers;
    }

    public String topic() {
        return topic;
    }

    /** Writes the record of {@code deliveries} to {@code partition}; durable after {@link #flush()}. */
    public Future<RecordMetadata> write(int partition, TaskDeliveries deliveries) {
        return producer.send(new ProducerRecord<>(topic, partition, deliveries.taskId.getBytes(StandardCharsets.UTF_8),
                deliveries.toJson()), (metadata, failure) -> {
                    if (failure != null) {
                        // The idempotent producer already retried; the next attempt rewrites the record anyway.
                        LOG.error("could not record webhook deliveries of task {} in {}: {}", deliveries.taskId, topic,
                                failure.toString());
                    }
                });
    }

    /** Blocks until every record written so far is acknowledged. */
    public void flush() {
        producer.flush();
    }

    /** The latest record of every task in the given partitions, read to their end. */
    public Map<Integer, List<TaskDeliveries>> restore(Collection<Integer> partitions) {
        Map<Integer, List<TaskDeliveries>> out = new HashMap<>();
        if (partitions.isEmpty()) {
            return out;
        }
        List<TopicPartition> tps = partitions.stream().map(p -> new TopicPartition(topic, p)).toList();
        Map<Integer, Map<String, TaskDeliveries>> latest = new HashMap<>();
        try (Consumer<byte[], byte[]> consumer = restoreConsumers.get()) {
            consumer.assign(tps);
            consumer.seekToBeginning(tps);
            Map<TopicPartition, Long> end = consumer.endOffsets(tps);
            while (tps.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    String key = new String(record.key(), StandardCharsets.UTF_8);
                    Map<String, TaskDeliveries> byTask = latest.computeIfAbsent(record.partition(), p -> new LinkedHashMap<>());
                    if (record.value() == null) {
                        byTask.remove(key);
                        continue;
                    }
                    try {
                        byTask.put(key, TaskDeliveries.fromJson(record.value()));
                    } catch (IllegalArgumentException e) {
                        LOG.warn("skipping unreadable webhook delivery record {}-{}@{}: {}", record.topic(),
                                record.partition(), record.offset(), e.getMessage());
                    }
                }
            }
        }
        latest.forEach((partition, byTask) -> out.put(partition, new ArrayList<>(byTask.values())));
        return out;
    }
}
