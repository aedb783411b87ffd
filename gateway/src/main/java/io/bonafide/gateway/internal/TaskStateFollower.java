package io.bonafide.gateway.internal;

import io.bonafide.schemas.Topic;
import io.bonafide.schemas.event.TaskKey;
import io.bonafide.schemas.event.TaskState;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the compacted task-state topic from its beginning, on every partition, with a plain
 * consumer outside any group (every gateway instance sees every task), and hands each update
 * (a null state for a tombstone) to a listener: the capacity ledger counts tasks in flight
 * fleet-wide from it. New partitions are picked up as they appear; an unreadable record is
 * logged and skipped, since the topology owns the topic and the next update supersedes it.
 */
public final class TaskStateFollower implements Runnable, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TaskStateFollower.class);
    private static final Duration REFRESH = Duration.ofSeconds(30);

    private final Consumer<byte[], byte[]> consumer;
    private final Topic<TaskKey, TaskState> topic;
    private final BiConsumer<String, TaskState> listener;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean assigned;

    public TaskStateFollower(Consumer<byte[], byte[]> consumer, Topic<TaskKey, TaskState> topic,
                             BiConsumer<String, TaskState> listener) {
        this.consumer = consumer;
        this.topic = topic;
        this.listener = listener;
        this.thread = new Thread(this, "bonafide-gateway-task-state");
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    /** Whether the topic's partitions were found and are followed. */
    public boolean assigned() {
        return assigned;
    }

    @Override
    public void run() {
        Set<TopicPartition> partitions = new HashSet<>();
        long nextRefresh = 0;
        try {
            while (running) {
                if (System.nanoTime() - nextRefresh >= 0) {
                    nextRefresh = System.nanoTime() + (assigned ? REFRESH : Duration.ofSeconds(1)).toNanos();
                    List<PartitionInfo> infos = consumer.partitionsFor(topic.name(), Duration.ofSeconds(10));
                    Set<TopicPartition> found = new HashSet<>();
                    if (infos != null) {
                        infos.forEach(p -> found.add(new TopicPartition(p.topic(), p.partition())));
                    }
                    if (!found.isEmpty() && !found.equals(partitions)) {
                        Set<TopicPartition> added = new HashSet<>(found);
                        added.removeAll(partitions);
                        partitions = found;
                        consumer.assign(partitions);
                        consumer.seekToBeginning(added);
                        assigned = true;
                    }
                }
                if (!assigned) {
                    continue;
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    apply(record);
                }
            }
        } catch (WakeupException e) {
            if (running) {
                throw e;
            }
        } catch (RuntimeException e) {
            LOG.error("stopped following {}: {}", topic.name(), e.toString(), e);
        }
    }

    private void apply(ConsumerRecord<byte[], byte[]> record) {
        try {
            TaskKey key = topic.keySerde().deserializer().deserialize(record.topic(), record.key());
            TaskState state = record.value() == null ? null
                    : topic.valueSerde().deserializer().deserialize(record.topic(), record.value());
            listener.accept(key.getTaskId(), state);
        } catch (RuntimeException e) {
            LOG.warn("skipped an unreadable task-state record at {}-{}@{}: {}", record.topic(), record.partition(),
                    record.offset(), e.toString());
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
    }
}
