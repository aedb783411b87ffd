package io.bonafide.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.bonafide.schemas.BrokerTestClients;
import io.bonafide.schemas.SampleEvents;
import io.bonafide.schemas.Topic;
import io.bonafide.schemas.TopicNames;
import io.bonafide.schemas.Topics;
import io.bonafide.schemas.consume.EventReader;
import io.bonafide.schemas.consume.PoisonRecordPolicy;
import io.bonafide.schemas.event.TaskKey;
import io.bonafide.schemas.event.VerificationRequested;
import io.bonafide.schemas.serde.WireFormatException.Reason;
import io.bonafide.testkit.TestStack;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/** The serde through a real broker and a real registry (Apicurio, or Confluent's under -Pconfluent). */
class WireFormatBrokerRegistryIT {
    private static TestStack stack;

    /** Per test, so that under -Pconfluent without Docker each test reports as skipped. */
    @BeforeEach
    void startStack() {
        stack = TestStack.shared();
    }

    @Test
    void shouldReadBackEveryEventTypeEqualAfterTheBrokerAndRegistry(TestInfo test) throws Exception {
        // Given the five event topics under a unique prefix
        Topics topics = topics(test);
        stack.createTopics(3, topics.names().all());

        // When one event of each type is written through the broker
        send(topics.requests(), SampleEvents.requested(1));
        send(topics.results(), SampleEvents.result(1));
        send(topics.errors(), SampleEvents.error(1));
        send(topics.progress(), SampleEvents.started(1));
        send(topics.taskState(), SampleEvents.state(1));

        // Then each reads back equal
        assertThat(readOne(topics.requests())).isEqualTo(SampleEvents.requested(1));
        assertThat(readOne(topics.results())).isEqualTo(SampleEvents.result(1));
        assertThat(readOne(topics.errors())).isEqualTo(SampleEvents.error(1));
        assertThat(readOne(topics.progress())).isEqualTo(SampleEvents.started(1));
        assertThat(readOne(topics.taskState())).isEqualTo(SampleEvents.state(1));
    }

    @Test
    void shouldPutConfluentWireFormatOnTheTopicWithAnIdTheRegistryResolvesToTheWriterSchema(TestInfo test)
            throws Exception {
        // Given
        Topics topics = topics(test);
        stack.createTopics(1, topics.names().all());
        VerificationRequested event = SampleEvents.requested(2);

        // When
        send(topics.requests(), event);

        // Then the raw value is magic byte 0, a 4-byte big-endian id, and the Avro binary payload
        byte[] value;
        try (KafkaConsumer<byte[], byte[]> raw = BrokerTestClients.rawConsumer(stack)) {
            raw.subscribe(List.of(topics.names().requests()));
            value = BrokerTestClients.pollUntil(raw, 1).get(0).value();
        }
        assertThat(value[0]).isZero();
        int id = ((value[1] & 0xff) << 24) | ((value[2] & 0xff) << 16) | ((value[3] & 0xff) << 8) | (value[4] & 0xff);

        // And the registry's /schemas/ids/{id} gives back the writer schema
        HttpResponse<String> answer = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(stack.registryUrl() + "/schemas/ids/" + id)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(200);
        Schema registered = new Schema.Parser().parse(new ObjectMapper().readTree(answer.body()).path("schema").asText());
        assertThat(SchemaNormalization.parsingFingerprint64(registered))
                .isEqualTo(SchemaNormalization.parsingFingerprint64(VerificationRequested.getClassSchema()));

        // And the bytes are exactly what the serializer frames for that id (Avro binary after the header)
        byte[] reframed = topics.requests().valueSerde().serializer().serialize(topics.names().requests(), event);
        assertThat(value).isEqualTo(reframed);
    }

    @Test
    void shouldLookUpRegisteredSchemasAndRefuseNewOnesWhenAutoRegistrationIsOff(TestInfo test) throws Exception {
        // Given a writer that may not register, and a topic whose subject holds nothing yet
        Topics registering = topics(test);
        Map<String, Object> strictConfig = new HashMap<>(stack.serdeConfig());
        strictConfig.put(SerdeConfig.AUTO_REGISTER_SCHEMAS, false);
        Topics strict = Topics.create(registering.names(), strictConfig);
        stack.createTopics(1, registering.names().all());
        Serializer<VerificationRequested> strictValues = strict.requests().valueSerde().serializer();

        // Then it refuses the unregistered schema
        assertThatThrownBy(() -> strictValues.serialize(registering.names().requests(), SampleEvents.requested(3)))
                .isInstanceOfSatisfying(WireFormatException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.SCHEMA_NOT_REGISTERED));

        // And once a release registered it, the same writer finds its id and writes the same bytes
        byte[] registered = registering.requests().valueSerde().serializer()
                .serialize(registering.names().requests(), SampleEvents.requested(3));
        assertThat(strictValues.serialize(registering.names().requests(), SampleEvents.requested(3))).isEqualTo(registered);
    }

    private static Topics topics(TestInfo test) {
        return Topics.create(TopicNames.prefixed(TestStack.uniquePrefix(test.getTestMethod().orElseThrow().getName())),
                stack.serdeConfig());
    }

    private static <V> void send(Topic<TaskKey, V> topic, V value) throws Exception {
        try (KafkaProducer<TaskKey, V> producer = BrokerTestClients.producer(stack, topic)) {
            producer.send(new ProducerRecord<>(topic.name(), SampleEvents.key(1), value)).get();
        }
    }

    private static <V> V readOne(Topic<TaskKey, V> topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = BrokerTestClients.rawConsumer(stack)) {
            consumer.subscribe(List.of(topic.name()));
            EventReader<TaskKey, V> reader = new EventReader<>(consumer, topic, PoisonRecordPolicy.FAIL, null,
                    Duration.ofMillis(100), Clock.systemUTC());
            List<ConsumerRecord<TaskKey, V>> read = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> read.addAll(reader.poll(Duration.ofMillis(200))) || !read.isEmpty());
            assertThat(read).hasSize(1);
            assertThat(read.get(0).key()).isEqualTo(SampleEvents.key(1));
            return read.get(0).value();
        }
    }
}
