package io.bonafide.schemas.consume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bonafide.schemas.SampleEvents;
import io.bonafide.schemas.Topic;
import io.bonafide.schemas.event.TaskKey;
import io.bonafide.schemas.event.VerificationRequested;
import io.bonafide.schemas.serde.InMemorySchemaLookup;
import io.bonafide.schemas.serde.SchemaRegistryUnavailableException;
import io.bonafide.schemas.serde.WireFormatDeserializer;
import io.bonafide.schemas.serde.WireFormatSerializer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;

/** The reader's policy decisions, over Kafka's MockConsumer and an in-memory registry. */
class EventReaderTest {
    private static final String TOPIC = "requests";
    private static final TopicPartition PARTITION = new TopicPartition(TOPIC, 0);

    private final InMemorySchemaLookup registry = new InMemorySchemaLookup(1);
    private final WireFormatSerializer serializer = new WireFormatSerializer(registry, true, false);
    private final FlakyDeserializer values = new FlakyDeserializer(new WireFormatDeserializer(registry, true));
    private final Serde<TaskKey> keys = narrow(Serdes.serdeFrom(serializer, new WireFormatDeserializer(registry, true)));
    private final Topic<TaskKey, VerificationRequested> topic =
            new Topic<>(TOPIC, keys, narrow(Serdes.serdeFrom(serializer, values)));
    private final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");
    private Instant now = Instant.parse("2026-11-21T00:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    @Test
    void shouldRewindAndPauseThePartitionOnATransientFailureThenReadItAgainAfterTheBackoff() {
        // Given three records, and a registry that fails once on the second
        givenAssignedPartition();
        addRecords(0, 3);
        values.failTransientlyAtCall(2);
        EventReader<TaskKey, VerificationRequested> reader = new EventReader<>(consumer, topic,
                PoisonRecordPolicy.FAIL, null, Duration.ofSeconds(5), clock);

        // When
        List<ConsumerRecord<TaskKey, VerificationRequested>> first = reader.poll(Duration.ZERO);

        // Then the first record is read, the partition waits at the failed record, paused
        assertThat(first).extracting(ConsumerRecord::offset).containsExactly(0L);
        assertThat(consumer.position(PARTITION)).isEqualTo(1);
        assertThat(consumer.paused()).containsExactly(PARTITION);
        assertThat(reader.transientFailures()).isEqualTo(1);

        // And it stays paused until the backoff has passed
        now = now.plusSeconds(4);
        assertThat(reader.poll(Duration.ZERO)).isEmpty();
        assertThat(consumer.paused()).containsExactly(PARTITION);

        // When the backoff has passed and the broker delivers from the rewound position again
        now = now.plusSeconds(1);
        addRecords(1, 3);
        List<ConsumerRecord<TaskKey, VerificationRequested>> retried = reader.poll(Duration.ZERO);

        // Then nothing was skipped
        assertThat(retried).extracting(ConsumerRecord::offset).containsExactly(1L, 2L);
        assertThat(consumer.paused()).isEmpty();
    }

    @Test
    void shouldFailWithTheCoordinatesOfAPoisonRecordUnderTheFailPolicy() {
        givenAssignedPartition();
        consumer.addRecord(new ConsumerRecord<>(TOPIC, 0, 0, key(), new byte[] {9, 9, 9}));
        EventReader<TaskKey, VerificationRequested> reader = new EventReader<>(consumer, topic,
                PoisonRecordPolicy.FAIL, null, Duration.ofSeconds(5), clock);

        assertThatThrownBy(() -> reader.poll(Duration.ZERO))
                .isInstanceOf(PoisonRecordException.class)
                .hasMessageContaining(TOPIC + "-0@0");
        assertThat(consumer.position(PARTITION)).isZero();
    }

    @Test
    void shouldRequireADeadLetterPublisherForTheDeadLetterPolicy() {
        assertThatThrownBy(() -> new EventReader<>(consumer, topic, PoisonRecordPolicy.DEAD_LETTER, null,
                Duration.ofSeconds(5), clock))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("deadLetters");
    }

    @Test
    void shouldTreatNetworkFailuresInsideAPluggedDeserializersExceptionAsTransient() {
        RuntimeException confluentStyle = new org.apache.kafka.common.errors.SerializationException(
                "Error retrieving Avro schema for id 3", new java.net.ConnectException("Connection refused"));

        assertThat(EventReader.isTransient(confluentStyle)).isTrue();
        assertThat(EventReader.isTransient(new org.apache.kafka.common.errors.SerializationException("Unknown magic byte!")))
                .isFalse();
    }

    private void givenAssignedPartition() {
        consumer.assign(List.of(PARTITION));
        consumer.updateBeginningOffsets(Map.of(PARTITION, 0L));
    }

    private void addRecords(int from, int to) {
        for (int offset = from; offset < to; offset++) {
            consumer.addRecord(new ConsumerRecord<>(TOPIC, 0, offset, key(),
                    serializer.serialize(TOPIC, SampleEvents.requested(offset))));
        }
    }

    private byte[] key() {
        return serializer.serialize(TOPIC, SampleEvents.key(1));
    }

    @SuppressWarnings("unchecked")
    private static <T> Serde<T> narrow(Serde<?> serde) {
        return (Serde<T>) serde;
    }

    /** Delegates, but throws a transient registry failure on one chosen call. */
    private static final class FlakyDeserializer implements Deserializer<Object> {
        private final Deserializer<Object> delegate;
        private int calls;
        private int failAt = -1;

        FlakyDeserializer(Deserializer<Object> delegate) {
            this.delegate = delegate;
        }

        void failTransientlyAtCall(int call) {
            failAt = call;
        }

        @Override
        public Object deserialize(String topic, byte[] data) {
            return deserialize(topic, null, data);
        }

        @Override
        public Object deserialize(String topic, Headers headers, byte[] data) {
            if (++calls == failAt) {
                throw new SchemaRegistryUnavailableException("registry down", Map.of(), null);
            }
            return delegate.deserialize(topic, data);
        }
    }
}
