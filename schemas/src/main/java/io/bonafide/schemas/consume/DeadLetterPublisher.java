package io.bonafide.schemas.consume;

import io.bonafide.schemas.serde.WireFormatException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Copies an unreadable record verbatim to the dead-letter topic, with its original headers and
 * the reason, source coordinates and consumer in {@link DeadLetterHeaders}. Publishing is
 * synchronous so that the source offset is committed only once the dead letter is safe.
 */
public final class DeadLetterPublisher {
    private final Producer<byte[], byte[]> producer;
    private final String topic;
    private final String consumer;
    private final Clock clock;

    /**
     * @param producer a producer of raw bytes (not closed by this class)
     * @param topic    the dead-letter topic
     * @param consumer the group or application id, recorded in the headers
     * @param clock    time source of the failed-at header
     */
    public DeadLetterPublisher(Producer<byte[], byte[]> producer, String topic, String consumer, Clock clock) {
        this.producer = Objects.requireNonNull(producer, "producer");
        this.topic = Objects.requireNonNull(topic, "topic");
        this.consumer = Objects.requireNonNull(consumer, "consumer");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Publishes {@code record} to the dead-letter topic and waits until the broker has it. */
    public RecordMetadata publish(ConsumerRecord<byte[], byte[]> record, String part, Throwable failure) {
        Headers headers = new RecordHeaders(record.headers().toArray());
        String reason = failure instanceof WireFormatException wire ? wire.reason().code() : "unreadable";
        add(headers, DeadLetterHeaders.REASON, reason);
        add(headers, DeadLetterHeaders.MESSAGE, String.valueOf(failure.getMessage()));
        add(headers, DeadLetterHeaders.EXCEPTION, failure.getClass().getName());
        add(headers, DeadLetterHeaders.PART, part);
        add(headers, DeadLetterHeaders.SOURCE_TOPIC, record.topic());
        add(headers, DeadLetterHeaders.SOURCE_PARTITION, String.valueOf(record.partition()));
        add(headers, DeadLetterHeaders.SOURCE_OFFSET, String.valueOf(record.offset()));
        add(headers, DeadLetterHeaders.CONSUMER, consumer);
        add(headers, DeadLetterHeaders.FAILED_AT, String.valueOf(clock.millis()));
        ProducerRecord<byte[], byte[]> deadLetter =
                new ProducerRecord<>(topic, null, record.timestamp(), record.key(), record.value(), headers);
        try {
            return producer.send(deadLetter).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("interrupted while dead-lettering " + coordinates(record), e);
        } catch (ExecutionException e) {
            throw new KafkaException("could not dead-letter " + coordinates(record), e.getCause());
        }
    }

    private static void add(Headers headers, String name, String value) {
        headers.remove(name);
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    static String coordinates(ConsumerRecord<?, ?> record) {
        return record.topic() + "-" + record.partition() + "@" + record.offset();
    }
}
