package io.bonafide.tasks.webhook.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/**
 * Endpoints that answered 410 Gone, remembered in a compacted topic keyed by URL so that every
 * dispatcher, now and after restarts, stops attempting them. Each dispatcher reads the whole
 * topic at start and follows it afterwards.
 */
public final class DisabledEndpoints implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Producer<byte[], byte[]> producer;
    private final Consumer<byte[], byte[]> follower;
    private final String topic;
    private final Clock clock;
    private final Set<String> disabled = ConcurrentHashMap.newKeySet();

    public DisabledEndpoints(Producer<byte[], byte[]> producer, Consumer<byte[], byte[]> follower, String topic, Clock clock) {
        this.producer = producer;
        this.follower = follower;
        this.topic = topic;
        this.clock = clock;
    }

    /** Reads the topic to its end. */
    public void restore() {
        // A topic created a moment ago may not be in this client's metadata yet.
        long deadline = clock.millis() + 30_000;
        List<PartitionInfo> partitions = follower.partitionsFor(topic, Duration.ofSeconds(30));
        while ((partitions == null || partitions.isEmpty()) && clock.millis() < deadline) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while reading " + topic, e);
            }
            partitions = follower.partitionsFor(topic, Duration.ofSeconds(5));
        }
        if (partitions == null || partitions.isEmpty()) {
            throw new IllegalStateException("the disabled-endpoints topic " + topic + " has no partitions after 30 s");
        }
        List<TopicPartition> tps = partitions.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
        follower.assign(tps);
        follower.seekToBeginning(tps);
        Map<TopicPartition, Long> end = follower.endOffsets(tps);
        while (tps.stream().anyMatch(tp -> follower.position(tp) < end.get(tp))) {
            refresh(Duration.ofMillis(200));
        }
    }

    /** Applies what other dispatchers disabled since the last call. */
    public void refresh(Duration timeout) {
        if (follower.assignment().isEmpty()) {
            return;
        }
        for (ConsumerRecord<byte[], byte[]> record : follower.poll(timeout)) {
            String url = new String(record.key(), StandardCharsets.UTF_8);
            if (record.value() == null) {
                disabled.remove(url);
            } else {
                disabled.add(url);
            }
        }
    }

    public boolean isDisabled(String url) {
        return disabled.contains(url);
    }

    /** Disables {@code url} here at once and for every dispatcher through the topic. */
    public void disable(String url, String host, String taskId) {
        disabled.add(url);
        byte[] value = JSON.createObjectNode().put("host", host).put("task_id", taskId).put("status", 410)
                .put("disabled_at", clock.millis()).toString().getBytes(StandardCharsets.UTF_8);
        producer.send(new ProducerRecord<>(topic, url.getBytes(StandardCharsets.UTF_8), value));
    }

    /** Endpoints disabled so far. */
    public int size() {
        return disabled.size();
    }

    @Override
    public void close() {
        follower.close();
    }
}
