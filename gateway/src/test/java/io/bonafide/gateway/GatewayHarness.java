package io.bonafide.gateway;

import static org.awaitility.Awaitility.await;

import io.bonafide.schemas.EventSchemas;
import io.bonafide.schemas.TopicNames;
import io.bonafide.schemas.Topics;
import io.bonafide.schemas.event.TaskDeleted;
import io.bonafide.schemas.event.TaskState;
import io.bonafide.schemas.event.TaskStatus;
import io.bonafide.schemas.event.VerificationRequested;
import io.bonafide.store.AudioStoreConfig;
import io.bonafide.store.FilesystemAudioStore;
import io.bonafide.tasks.TaskLookup;
import io.bonafide.testkit.TestStack;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * One test's slice of the shared broker and registry for gateway tests: unique topics, a
 * filesystem store under target/, a collector of what the gateway publishes (requests and
 * deletions), and a {@link TaskLookup} that the test steers (states it put, or a failure to throw)
 * or that follows the published requests (each request is {@code running} on its first poll and
 * {@code done} from the second on).
 */
final class GatewayHarness implements AutoCloseable {
    final TestStack stack = TestStack.shared();
    final String prefix;
    final Topics topics;
    final Path storeRoot;
    final FilesystemAudioStore store;
    final List<VerificationRequested> requests = new CopyOnWriteArrayList<>();
    final List<TaskDeleted> deletions = new CopyOnWriteArrayList<>();
    final Map<String, TaskState> states = new ConcurrentHashMap<>();
    final Map<String, Integer> polls = new ConcurrentHashMap<>();
    volatile RuntimeException lookupFailure;
    volatile boolean followRequests;
    /** When set, a collected TaskDeleted drops the task's steered state (what the topology does). */
    volatile boolean dropStateOnDeletion;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final KafkaProducer<byte[], byte[]> producer;
    private final Thread thread;
    private volatile boolean running = true;

    GatewayHarness(String testName) throws Exception {
        EventSchemas.trustEventClasses();
        this.prefix = TestStack.uniquePrefix(testName);
        this.topics = Topics.create(TopicNames.prefixed(prefix), stack.serdeConfig());
        stack.createTopics(2, topics.names().all());
        this.storeRoot = Path.of("target", "store-" + prefix).toAbsolutePath();
        Files.createDirectories(storeRoot);
        this.store = new FilesystemAudioStore(storeRoot);
        this.producer = new KafkaProducer<>(Map.of("bootstrap.servers", stack.bootstrapServers(), "acks", "all"),
                new ByteArraySerializer(), new ByteArraySerializer());
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, prefix + "-collector");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        this.consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(topics.names().requests(), topics.names().deletions()));
        this.thread = new Thread(this::collect, "gateway-test-collector");
        thread.setDaemon(true);
        thread.start();
    }

    /** Gateway settings against this slice; {@code overrides} win. */
    Map<String, Object> settings(Map<String, ?> overrides) {
        Map<String, Object> settings = new HashMap<>(stack.serdeConfig());
        settings.put(GatewayConfig.BOOTSTRAP_SERVERS, stack.bootstrapServers());
        settings.put(GatewayConfig.TOPIC_PREFIX, prefix);
        settings.put(GatewayConfig.HOST, "127.0.0.1");
        settings.put(GatewayConfig.PORT, 0);
        settings.put(AudioStoreConfig.ROOT, storeRoot.toString());
        settings.putAll(overrides);
        return settings;
    }

    /** A started gateway over this slice's store, topics and steered lookup. */
    GatewayServer gateway(Map<String, ?> overrides) {
        return gateway(overrides, b -> b);
    }

    GatewayServer gateway(Map<String, ?> overrides, Function<GatewayServer.Builder, GatewayServer.Builder> more) {
        return more.apply(GatewayServer.builder(settings(overrides)).store(store).topics(topics)
                .taskLookup(lookup())).build().start();
    }

    TaskLookup lookup() {
        return taskId -> {
            RuntimeException failure = lookupFailure;
            if (failure != null) {
                throw failure;
            }
            if (followRequests) {
                Optional<VerificationRequested> request = requests.stream()
                        .filter(r -> r.getTaskId().equals(taskId)).findFirst();
                if (request.isEmpty()) {
                    return Optional.empty();
                }
                int n = polls.merge(taskId, 1, Integer::sum);
                return Optional.of(state(request.get(), n == 1 ? TaskStatus.RUNNING : TaskStatus.DONE));
            }
            return Optional.ofNullable(states.get(taskId));
        };
    }

    static TaskState state(VerificationRequested request, TaskStatus status) {
        return TaskState.newBuilder().setTaskId(request.getTaskId()).setTenant(request.getTenant())
                .setStatus(status).setRequest(request).setCreatedAt(Instant.EPOCH).setUpdatedAt(Instant.EPOCH)
                .setRevision(1).setCorrelationId(request.getCorrelationId()).build();
    }

    /** Steers the lookup to answer {@code done} for the task whose request was collected. */
    void finish(String taskId) {
        states.put(taskId, state(request(taskId).orElseThrow(), TaskStatus.DONE));
    }

    /** Publishes a task state to the task-state topic (what the topology would do). */
    void publishState(TaskState state) throws Exception {
        String topic = topics.names().taskState();
        byte[] key = topics.taskState().keySerde().serializer().serialize(topic,
                io.bonafide.schemas.event.TaskKey.newBuilder().setTaskId(state.getTaskId()).build());
        byte[] value = topics.taskState().valueSerde().serializer().serialize(topic, state);
        producer.send(new ProducerRecord<>(topic, key, value)).get();
    }

    Optional<VerificationRequested> request(String taskId) {
        return requests.stream().filter(r -> r.getTaskId().equals(taskId)).findFirst();
    }

    /** The task's request event, waiting up to 30 s for the consumer to see it. */
    VerificationRequested awaitRequest(String taskId) {
        await().atMost(Duration.ofSeconds(30)).until(() -> request(taskId).isPresent());
        return request(taskId).orElseThrow();
    }

    /** A seeded mono 16-bit WAV: a harmonic tone with noise, {@code seconds} long. */
    static byte[] wav(double seconds, int sampleRate, long seed) {
        Random random = new Random(seed);
        int frames = (int) Math.round(seconds * sampleRate);
        ByteBuffer data = ByteBuffer.allocate(frames * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < frames; i++) {
            double t = (double) i / sampleRate;
            double v = 0.3 * Math.sin(2 * Math.PI * 150 * t) + 0.01 * random.nextGaussian();
            data.putShort((short) Math.round(v * 32767));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer header = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
        header.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + frames * 2)
                .put("WAVE".getBytes(StandardCharsets.US_ASCII)).put("fmt ".getBytes(StandardCharsets.US_ASCII))
                .putInt(16).putShort((short) 1).putShort((short) 1).putInt(sampleRate).putInt(sampleRate * 2)
                .putShort((short) 2).putShort((short) 16).put("data".getBytes(StandardCharsets.US_ASCII))
                .putInt(frames * 2);
        out.writeBytes(header.array());
        out.writeBytes(data.array());
        return out.toByteArray();
    }

    private void collect() {
        while (running) {
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                if (r.topic().equals(topics.names().requests())) {
                    requests.add(topics.requests().valueSerde().deserializer().deserialize(r.topic(), r.value()));
                } else {
                    TaskDeleted deleted = topics.deletions().valueSerde().deserializer().deserialize(r.topic(), r.value());
                    if (dropStateOnDeletion) {
                        states.remove(deleted.getTaskId());
                    }
                    deletions.add(deleted);
                }
            }
        }
        consumer.close();
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close();
        store.close();
    }
}
