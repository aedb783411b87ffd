package io.bonafide.tasks;

import io.bonafide.schemas.Topic;
import io.bonafide.schemas.TopicNames;
import io.bonafide.schemas.Topics;
import io.bonafide.schemas.event.TaskKey;
import io.bonafide.schemas.event.TaskState;
import io.bonafide.store.AudioStore;
import io.bonafide.testkit.TestStack;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * One test's topics on the shared broker + registry, a producer of task events keyed as the
 * gateway and the workers key them, the settings of a {@link TaskStateService} over them, and a
 * read_committed reader of the whole state topic.
 */
final class BrokerFixture implements AutoCloseable {
    final TestStack stack = TestStack.shared();
    final String prefix;
    final Topics topics;
    private final KafkaProducer<byte[], byte[]> producer;

    BrokerFixture(String testName, int partitions) {
        this.prefix = TestStack.uniquePrefix(testName);
        TopicNames names = TopicNames.prefixed(prefix);
        stack.createTopics(partitions, names.all());
        this.topics = Topics.create(names, stack.serdeConfig());
        this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true, ProducerConfig.ACKS_CONFIG, "all"),
                new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** Settings of one service instance of this test's application. */
    Map<String, Object> settings(Path stateDir, String applicationServer) {
        Map<String, Object> settings = new HashMap<>(stack.serdeConfig());
        settings.put(TasksConfig.BOOTSTRAP_SERVERS, stack.bootstrapServers());
        settings.put(TasksConfig.APPLICATION_ID, prefix);
        settings.put(TasksConfig.TOPIC_PREFIX, prefix);
        settings.put(TasksConfig.STATE_DIR, stateDir.toString());
        settings.put(TasksConfig.APPLICATION_SERVER, applicationServer);
        settings.put(TasksConfig.CLOSE_TIMEOUT_MS, 20_000L);
        // Quick rejoin after a restart: the test restarts instances on purpose.
        settings.put(TasksConfig.STREAMS_PREFIX + "consumer.session.timeout.ms", 10_000);
        return settings;
    }

    TaskStateService service(Path stateDir, String applicationServer, AudioStore audio) {
        return new TaskStateService(settings(stateDir, applicationServer), audio);
    }

    <V> void send(Topic<TaskKey, V> topic, String taskId, V event) {
        byte[] key = topic.keySerde().serializer().serialize(topic.name(), Events.key(taskId));
        byte[] value = topic.valueSerde().serializer().serialize(topic.name(), event);
        try {
            producer.send(new ProducerRecord<>(topic.name(), key, value)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not publish to " + topic.name(), e.getCause());
        }
    }

    /** Every committed record of the state topic, in offset order per partition, grouped by task id (null value = tombstone). */
    Map<String, List<TaskState>> stateHistory() {
        Topic<TaskKey, TaskState> state = topics.taskState();
        Map<String, List<TaskState>> history = new HashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(state.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    TaskKey key = state.keySerde().deserializer().deserialize(r.topic(), r.key());
                    TaskState value = r.value() == null ? null : state.valueSerde().deserializer().deserialize(r.topic(), r.value());
                    history.computeIfAbsent(key.getTaskId(), k -> new ArrayList<>()).add(value);
                }
            }
        }
        return history;
    }

    @Override
    public void close() {
        producer.close();
    }
}
