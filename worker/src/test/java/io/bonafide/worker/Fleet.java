package io.bonafide.worker;

import static org.awaitility.Awaitility.await;

import io.bonafide.schemas.TopicNames;
import io.bonafide.schemas.Topics;
import io.bonafide.schemas.event.AudioReference;
import io.bonafide.schemas.event.ChannelMode;
import io.bonafide.schemas.event.Operation;
import io.bonafide.schemas.event.TaskKey;
import io.bonafide.schemas.event.VerificationError;
import io.bonafide.schemas.event.VerificationRequested;
import io.bonafide.schemas.event.VerificationResult;
import io.bonafide.schemas.event.VerificationStarted;
import io.bonafide.store.AudioStoreConfig;
import io.bonafide.store.FilesystemAudioStore;
import io.bonafide.store.StoredAudio;
import io.bonafide.testkit.TestStack;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * One test's slice of the shared broker and registry: unique topics, a filesystem audio store
 * under target/, seeded WAV uploads, a publisher of requests and a collector of everything the
 * workers publish (running signals, results, errors, dead letters).
 */
final class Fleet implements AutoCloseable {
    final TestStack stack = TestStack.shared();
    final String prefix;
    final Topics topics;
    final Path storeRoot;
    final FilesystemAudioStore store;
    final String group;
    private final KafkaProducer<byte[], byte[]> producer;
    private final Collector collector;

    Fleet(String testName, int partitions) throws Exception {
        this.prefix = TestStack.uniquePrefix(testName);
        this.topics = Topics.create(TopicNames.prefixed(prefix), stack.serdeConfig());
        stack.createTopics(partitions, topics.names().all());
        this.storeRoot = Path.of("target", "store-" + prefix).toAbsolutePath();
        Files.createDirectories(storeRoot);
        this.store = new FilesystemAudioStore(storeRoot);
        this.group = prefix + "-workers";
        this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new ByteArraySerializer(), new ByteArraySerializer());
        this.collector = new Collector();
    }

    /** Settings of a worker of this fleet; {@code overrides} win. */
    Map<String, Object> workerSettings(Map<String, ?> overrides) {
        Map<String, Object> settings = new HashMap<>(stack.serdeConfig());
        settings.put(WorkerConfig.BOOTSTRAP_SERVERS, stack.bootstrapServers());
        settings.put(WorkerConfig.GROUP_ID, group);
        settings.put(WorkerConfig.TOPIC_PREFIX, prefix);
        settings.put(WorkerConfig.MODELS_DIR, repoDir().resolve("models").toString());
        settings.put(WorkerConfig.HTTP_PORT, 0);
        settings.put(WorkerConfig.THREADS, 2);
        settings.put(WorkerConfig.MAX_IN_FLIGHT, 4);
        settings.put(WorkerConfig.POLL_TIMEOUT_MS, 100L);
        settings.put(WorkerConfig.COMMIT_INTERVAL_MS, 200L);
        settings.put(WorkerConfig.SESSION_TIMEOUT_MS, 6_000);
        settings.put(WorkerConfig.SHUTDOWN_GRACE_MS, 20_000L);
        settings.put(WorkerConfig.RETRY_INITIAL_BACKOFF_MS, 250L);
        settings.put(WorkerConfig.RETRY_MAX_BACKOFF_MS, 2_000L);
        settings.put(WorkerConfig.RETRY_MAX_ATTEMPTS, 30);
        settings.put(AudioStoreConfig.ROOT, storeRoot.toString());
        settings.putAll(overrides);
        return settings;
    }

    static Path repoDir() {
        return Path.of(System.getProperty("bonafide.repo.dir", "..")).toAbsolutePath().normalize();
    }

    /** A seeded mono 16-bit WAV: a voiced-like harmonic tone with noise, {@code seconds} long. */
    static byte[] wav(double seconds, int sampleRate, long seed) {
        Random random = new Random(seed);
        int frames = (int) Math.round(seconds * sampleRate);
        ByteBuffer data = ByteBuffer.allocate(frames * 2).order(ByteOrder.LITTLE_ENDIAN);
        double f0 = 100 + random.nextInt(120);
        for (int i = 0; i < frames; i++) {
            double t = (double) i / sampleRate;
            double envelope = 0.5 + 0.5 * Math.sin(2 * Math.PI * 3 * t);
            double v = envelope * (0.3 * Math.sin(2 * Math.PI * f0 * t) + 0.15 * Math.sin(2 * Math.PI * 2 * f0 * t)
                    + 0.08 * Math.sin(2 * Math.PI * 3 * f0 * t)) + 0.01 * random.nextGaussian();
            data.putShort((short) Math.max(-32768, Math.min(32767, Math.round(v * 32767))));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer header = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
        header.put("RIFF".getBytes()).putInt(36 + frames * 2).put("WAVE".getBytes()).put("fmt ".getBytes())
                .putInt(16).putShort((short) 1).putShort((short) 1).putInt(sampleRate).putInt(sampleRate * 2)
                .putShort((short) 2).putShort((short) 16).put("data".getBytes()).putInt(frames * 2);
        out.writeBytes(header.array());
        out.writeBytes(data.array());
        return out.toByteArray();
    }

    StoredAudio upload(String taskId, byte[] bytes) {
        return store.put("anonymous", taskId, new ByteArrayInputStream(bytes), Long.MAX_VALUE);
    }

    static VerificationRequested request(String taskId, StoredAudio audio, List<Operation> operations) {
        return VerificationRequested.newBuilder()
                .setTaskId(taskId).setTenant("anonymous")
                .setAudio(AudioReference.newBuilder().setUri(audio.uri().toString()).setSha256(audio.sha256())
                        .setSizeBytes(audio.sizeBytes()).setContentType("audio/wav").setOriginalName(taskId + ".wav")
                        .build())
                .setOperations(operations).setChannelMode(ChannelMode.SPLIT)
                .setCorrelationId("corr-" + taskId).setRequestId("req-" + taskId)
                .setSubmittedAt(Instant.now())
                .build();
    }

    static String newTaskId() {
        return UUID.randomUUID().toString();
    }

    void publish(VerificationRequested request) throws Exception {
        String topic = topics.names().requests();
        byte[] key = topics.requests().keySerde().serializer().serialize(topic,
                TaskKey.newBuilder().setTaskId(request.getTaskId()).build());
        byte[] value = topics.requests().valueSerde().serializer().serialize(topic, request);
        producer.send(new ProducerRecord<>(topic, key, value)).get();
    }

    void publishRaw(byte[] key, byte[] value) throws Exception {
        producer.send(new ProducerRecord<>(topics.names().requests(), key, value)).get();
    }

    List<VerificationResult> results() {
        return collector.results;
    }

    List<VerificationError> errors() {
        return collector.errors;
    }

    List<VerificationStarted> started() {
        return collector.started;
    }

    List<ConsumerRecord<byte[], byte[]>> deadLetters() {
        return collector.deadLetters;
    }

    /** Waits until every task has a result or a final error for each of its operations. */
    void awaitResults(List<String> taskIds, Duration atMost) {
        await("results of " + taskIds.size() + " tasks").atMost(atMost).pollInterval(Duration.ofMillis(200))
                .until(() -> taskIds.stream().allMatch(id -> results().stream().anyMatch(r -> r.getTaskId().equals(id))));
    }

    @Override
    public void close() {
        collector.close();
        producer.close();
        store.close();
    }

    /** Reads the fleet's output topics from the beginning on a background thread. */
    private final class Collector implements AutoCloseable {
        final List<VerificationResult> results = new CopyOnWriteArrayList<>();
        final List<VerificationError> errors = new CopyOnWriteArrayList<>();
        final List<VerificationStarted> started = new CopyOnWriteArrayList<>();
        final List<ConsumerRecord<byte[], byte[]>> deadLetters = new CopyOnWriteArrayList<>();
        private final KafkaConsumer<byte[], byte[]> consumer;
        private final Thread thread;
        private volatile boolean running = true;

        Collector() {
            Map<String, Object> props = new HashMap<>();
            props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
            props.put(ConsumerConfig.GROUP_ID_CONFIG, prefix + "-collector");
            props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
            TopicNames names = topics.names();
            consumer.subscribe(List.of(names.results(), names.errors(), names.progress(), names.deadLetter()));
            thread = new Thread(this::run, "fleet-collector");
            thread.setDaemon(true);
            thread.start();
        }

        private void run() {
            TopicNames names = topics.names();
            while (running) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                    String t = r.topic();
                    if (t.equals(names.results())) {
                        results.add(topics.results().valueSerde().deserializer().deserialize(t, r.value()));
                    } else if (t.equals(names.errors())) {
                        errors.add(topics.errors().valueSerde().deserializer().deserialize(t, r.value()));
                    } else if (t.equals(names.progress())) {
                        started.add(topics.progress().valueSerde().deserializer().deserialize(t, r.value()));
                    } else {
                        deadLetters.add(r);
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
        }
    }

    static List<String> ids(int n) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(newTaskId());
        }
        return ids;
    }
}
