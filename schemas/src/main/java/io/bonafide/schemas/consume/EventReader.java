package io.bonafide.schemas.consume;

import io.bonafide.core.BonafideException;
import io.bonafide.schemas.Topic;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a byte-level consumer's polls into typed records of one {@link Topic}, applying the
 * poison-record policy in one place. A record that can never be read is dead-lettered (or
 * fails the poll, by policy) and consumption goes on with the next one. A record that failed
 * for a transient reason is not skipped: its partition is rewound to it and paused for
 * {@code retryBackoff}, then read again. Not thread-safe, like the consumer it wraps.
 */
public final class EventReader<K, V> {
    private static final Logger LOG = LoggerFactory.getLogger(EventReader.class);

    private final Consumer<byte[], byte[]> consumer;
    private final Topic<K, V> topic;
    private final PoisonRecordPolicy policy;
    private final DeadLetterPublisher deadLetters;
    private final Duration retryBackoff;
    private final Clock clock;
    private final Map<TopicPartition, Long> pausedUntil = new HashMap<>();
    private final AtomicLong deadLettered = new AtomicLong();
    private final AtomicLong transientFailures = new AtomicLong();

    public EventReader(Consumer<byte[], byte[]> consumer, Topic<K, V> topic, PoisonRecordPolicy policy,
                       DeadLetterPublisher deadLetters, Duration retryBackoff, Clock clock) {
        this.consumer = Objects.requireNonNull(consumer, "consumer");
        this.topic = Objects.requireNonNull(topic, "topic");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.deadLetters = policy == PoisonRecordPolicy.DEAD_LETTER
                ? Objects.requireNonNull(deadLetters, "deadLetters is required by policy DEAD_LETTER")
                : deadLetters;
        this.retryBackoff = Objects.requireNonNull(retryBackoff, "retryBackoff");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Polls once and returns the records that decoded, in partition order. Poison records are
     * handled by policy; records behind a transient failure come back in a later poll.
     */
    public List<ConsumerRecord<K, V>> poll(Duration timeout) {
        resumeDuePartitions();
        ConsumerRecords<byte[], byte[]> raw = consumer.poll(timeout);
        List<ConsumerRecord<K, V>> decoded = new ArrayList<>(raw.count());
        for (TopicPartition partition : raw.partitions()) {
            for (ConsumerRecord<byte[], byte[]> record : raw.records(partition)) {
                if (!decodeInto(decoded, record, partition)) {
                    break;
                }
            }
        }
        return decoded;
    }

    /** Records dead-lettered so far. */
    public long deadLettered() {
        return deadLettered.get();
    }

    /** Transient read failures so far (each rewinds and pauses one partition). */
    public long transientFailures() {
        return transientFailures.get();
    }

    /** @return false when the rest of this partition's batch must wait for a retry */
    private boolean decodeInto(List<ConsumerRecord<K, V>> decoded, ConsumerRecord<byte[], byte[]> record,
                               TopicPartition partition) {
        String part = "key";
        try {
            K key = topic.keySerde().deserializer().deserialize(record.topic(), record.headers(), record.key());
            part = "value";
            V value = topic.valueSerde().deserializer().deserialize(record.topic(), record.headers(), record.value());
            decoded.add(new ConsumerRecord<>(record.topic(), record.partition(), record.offset(), record.timestamp(),
                    record.timestampType(), record.serializedKeySize(), record.serializedValueSize(), key, value,
                    record.headers(), record.leaderEpoch()));
            return true;
        } catch (RuntimeException failure) {
            if (isTransient(failure)) {
                transientFailures.incrementAndGet();
                LOG.warn("Transient failure reading {}; retrying in {}: {}",
                        DeadLetterPublisher.coordinates(record), retryBackoff, failure.toString());
                consumer.seek(partition, record.offset());
                consumer.pause(Set.of(partition));
                pausedUntil.put(partition, clock.millis() + retryBackoff.toMillis());
                return false;
            }
            if (policy == PoisonRecordPolicy.FAIL) {
                consumer.seek(partition, record.offset());
                throw new PoisonRecordException("unreadable " + part + " at " + DeadLetterPublisher.coordinates(record),
                        Map.of("topic", record.topic(), "partition", String.valueOf(record.partition()),
                                "offset", String.valueOf(record.offset())), failure);
            }
            deadLetters.publish(record, part, failure);
            deadLettered.incrementAndGet();
            LOG.warn("Dead-lettered unreadable {} at {}: {}", part, DeadLetterPublisher.coordinates(record),
                    failure.toString());
            return true;
        }
    }

    /**
     * The one place that tells transient read failures from permanent ones. Ours say so
     * themselves; for a plugged-in deserializer (Confluent's wraps everything in
     * SerializationException) a network failure in the cause chain means transient.
     */
    static boolean isTransient(Throwable failure) {
        if (failure instanceof BonafideException bonafide) {
            return bonafide.retriable();
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof RetriableException || t instanceof java.net.ConnectException
                    || t instanceof java.net.http.HttpTimeoutException || t instanceof java.net.SocketTimeoutException
                    || t instanceof java.net.UnknownHostException) {
                return true;
            }
        }
        return false;
    }

    private void resumeDuePartitions() {
        if (pausedUntil.isEmpty()) {
            return;
        }
        long now = clock.millis();
        Set<TopicPartition> assigned = consumer.assignment();
        List<TopicPartition> due = new ArrayList<>();
        pausedUntil.entrySet().removeIf(entry -> {
            boolean gone = !assigned.contains(entry.getKey());
            if (!gone && entry.getValue() <= now) {
                due.add(entry.getKey());
            }
            return gone || entry.getValue() <= now;
        });
        if (!due.isEmpty()) {
            consumer.resume(due);
        }
    }
}
