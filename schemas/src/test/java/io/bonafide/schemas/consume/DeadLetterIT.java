package io.bonafide.schemas.consume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bonafide.schemas.BrokerTestClients;
import io.bonafide.schemas.SampleEvents;
import io.bonafide.schemas.TopicNames;
import io.bonafide.schemas.Topics;
import io.bonafide.schemas.event.TaskKey;
import io.bonafide.schemas.event.VerificationRequested;
import io.bonafide.testkit.TestStack;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Poison records on a real broker: dead-lettered with their reason, and consumption goes on. */
class DeadLetterIT {
    private static TestStack stack;

    /** Per test, so that under -Pconfluent without Docker each test reports as skipped. */
    @BeforeEach
    void startStack() {
        stack = TestStack.shared();
    }

    @Test
    void shouldDeadLetterUnknownSchemaIdsAndCorruptBytesAndKeepConsumingTheFollowingEvents() throws Exception {
        // Given one partition holding good events interleaved with three kinds of unreadable values
        Topics topics = Topics.create(TopicNames.prefixed(TestStack.uniquePrefix("dead-letter")), stack.serdeConfig());
        String source = topics.names().requests();
        stack.createTopics(1, topics.names().all());
        byte[] good = valueBytes(topics, 0);
        byte[] unknownSchemaId = good.clone();
        unknownSchemaId[1] = 0x7f;
        unknownSchemaId[2] = (byte) 0xff;
        unknownSchemaId[3] = (byte) 0xff;
        unknownSchemaId[4] = (byte) 0xf0;
        byte[] notWireFormat = "{\"task_id\": \"not avro at all\"}".getBytes(StandardCharsets.UTF_8);
        byte[] truncatedPayload = Arrays.copyOf(good, good.length / 2);
        List<byte[]> values = List.of(valueBytes(topics, 1), unknownSchemaId, valueBytes(topics, 2), notWireFormat,
                valueBytes(topics, 3), truncatedPayload, valueBytes(topics, 4));
        try (KafkaProducer<byte[], byte[]> producer = BrokerTestClients.rawProducer(stack)) {
            for (byte[] value : values) {
                byte[] key = topics.requests().keySerde().serializer().serialize(source, SampleEvents.key(9));
                producer.send(new ProducerRecord<>(source, 0, key, value)).get();
            }
        }

        // When a reader with the dead-letter policy consumes the partition
        List<ConsumerRecord<TaskKey, VerificationRequested>> read = new ArrayList<>();
        long deadLettered;
        try (KafkaConsumer<byte[], byte[]> consumer = BrokerTestClients.rawConsumer(stack);
             KafkaProducer<byte[], byte[]> dltProducer = BrokerTestClients.rawProducer(stack)) {
            consumer.subscribe(List.of(source));
            EventReader<TaskKey, VerificationRequested> reader = new EventReader<>(consumer, topics.requests(),
                    PoisonRecordPolicy.DEAD_LETTER,
                    new DeadLetterPublisher(dltProducer, topics.names().deadLetter(), "dead-letter-it", Clock.systemUTC()),
                    Duration.ofMillis(100), Clock.systemUTC());
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                read.addAll(reader.poll(Duration.ofMillis(200)));
                return read.size() >= 4;
            });
            deadLettered = reader.deadLettered();
        }

        // Then every good event after a poison record was read, in order
        assertThat(read).extracting(r -> r.value().getTaskId())
                .containsExactly(SampleEvents.taskId(1), SampleEvents.taskId(2), SampleEvents.taskId(3),
                        SampleEvents.taskId(4));
        assertThat(deadLettered).isEqualTo(3);

        // And the three poison records sit on the dead-letter topic verbatim, with reason and origin
        List<ConsumerRecord<byte[], byte[]>> dead;
        try (KafkaConsumer<byte[], byte[]> consumer = BrokerTestClients.rawConsumer(stack)) {
            consumer.subscribe(List.of(topics.names().deadLetter()));
            dead = BrokerTestClients.pollUntil(consumer, 3);
        }
        assertThat(dead).extracting(r -> header(r, DeadLetterHeaders.REASON))
                .containsExactly("unknown-schema-id", "not-wire-format", "unreadable-payload");
        assertThat(dead).extracting(r -> header(r, DeadLetterHeaders.SOURCE_OFFSET)).containsExactly("1", "3", "5");
        assertThat(dead).allSatisfy(r -> {
            assertThat(header(r, DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo(source);
            assertThat(header(r, DeadLetterHeaders.PART)).isEqualTo("value");
            assertThat(header(r, DeadLetterHeaders.CONSUMER)).isEqualTo("dead-letter-it");
            assertThat(header(r, DeadLetterHeaders.MESSAGE)).isNotBlank();
        });
        assertThat(dead).extracting(ConsumerRecord::value)
                .containsExactly(unknownSchemaId, notWireFormat, truncatedPayload);
    }

    private static byte[] valueBytes(Topics topics, int n) {
        return topics.requests().valueSerde().serializer().serialize(topics.names().requests(), SampleEvents.requested(n));
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
