package io.bonafide.launcher;

import io.bonafide.gateway.GatewayConfig;
import io.bonafide.gateway.GatewayServer;
import io.bonafide.gateway.LocalTaskStateEndpoint;
import io.bonafide.launcher.internal.LocalStack;
import io.bonafide.schemas.TopicNames;
import io.bonafide.schemas.TopicProvisioner;
import io.bonafide.schemas.Topics;
import io.bonafide.schemas.serde.SerdeConfig;
import io.bonafide.store.AudioStore;
import io.bonafide.store.AudioStoreConfig;
import io.bonafide.tasks.TaskStateCodec;
import io.bonafide.tasks.TaskStateService;
import io.bonafide.tasks.TasksConfig;
import io.bonafide.tasks.webhook.WebhookConfig;
import io.bonafide.tasks.webhook.WebhookDispatcher;
import io.bonafide.worker.Worker;
import io.bonafide.worker.WorkerConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole fleet on one machine: a local broker and registry ({@link LocalStack}, two child
 * processes), then in this JVM the gateway, the task-state topology (whose interactive queries
 * the gateway serves), the webhook dispatcher and one worker, all on the filesystem audio store
 * and the default topic names, with one anonymous tenant. {@link #close()} stops them in reverse
 * order and leaves no process behind; it is idempotent, so both the shutdown hook and the
 * normal end of a run may call it.
 */
public final class EmbeddedFleet implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedFleet.class);
    private static final int PARTITIONS = 3;

    private final Path home;
    private final Path data;
    private final int port;
    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final String webhookSecret = newSecret();
    private LocalStack stack;
    private boolean closed;

    /** A fleet for the repository at {@code home}, with its data under {@code data}, the gateway on {@code port} (free when null). */
    public EmbeddedFleet(Path home, Path data, Integer port) {
        this.home = home;
        this.data = data;
        this.port = port != null ? port : freePort();
    }

    /** Starts broker and registry, creates the topics, then worker, task state, webhooks and gateway; waits until ready. */
    public synchronized void start() {
        try {
            Files.createDirectories(data.resolve("logs"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + data, e);
        }
        stack = LocalStack.onFreePorts(home, data.resolve("stack"));
        started.push(stack);
        Instant t0 = Instant.now();
        stack.start(data.resolve("logs").resolve("stack.log"));
        LOG.info("broker {} and registry {} up in {} ms", stack.bootstrapServers(), stack.registryUrl(),
                Duration.between(t0, Instant.now()).toMillis());

        Map<String, Object> common = new HashMap<>();
        common.put(SerdeConfig.SCHEMA_REGISTRY_URL, stack.registryUrl());
        // A fresh registry: the first writer of each subject registers the schema this build has.
        common.put(SerdeConfig.AUTO_REGISTER_SCHEMAS, true);
        common.put(AudioStoreConfig.KIND, "filesystem");
        common.put(AudioStoreConfig.ROOT, data.resolve("audio").toString());

        Map<String, Object> webhookSettings = new HashMap<>(common);
        webhookSettings.put(WebhookConfig.BOOTSTRAP_SERVERS, stack.bootstrapServers());
        // One machine, one developer: callbacks to this machine are the point, so loopback is allowed
        // here (never by default elsewhere), and every run signs with a fresh secret it prints.
        webhookSettings.put(WebhookConfig.ALLOW_CIDRS, "127.0.0.0/8,::1/128");
        webhookSettings.put(WebhookConfig.DEFAULT_SECRET, webhookSecret);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()))) {
            TopicProvisioner.ensure(admin, TopicNames.defaults(), List.of(), PARTITIONS, (short) 1);
        }

        Map<String, Object> workerSettings = new HashMap<>(common);
        workerSettings.put(WorkerConfig.BOOTSTRAP_SERVERS, stack.bootstrapServers());
        workerSettings.put(WorkerConfig.HTTP_PORT, -1);
        workerSettings.put(WorkerConfig.MODELS_DIR, modelsDirectory().toString());
        Worker worker = new Worker(workerSettings);
        started.push(worker);
        worker.start();

        AudioStore store = new AudioStoreConfig(common).create();
        started.push(store);

        Map<String, Object> taskSettings = new HashMap<>(common);
        taskSettings.put(TasksConfig.BOOTSTRAP_SERVERS, stack.bootstrapServers());
        taskSettings.put(TasksConfig.STATE_DIR, data.resolve("tasks-state").toString());
        taskSettings.put(TasksConfig.APPLICATION_SERVER, "127.0.0.1:" + port);
        TaskStateService tasks = new TaskStateService(taskSettings, store);
        started.push(tasks);
        tasks.start();

        WebhookDispatcher webhooks = new WebhookDispatcher(webhookSettings);
        started.push(webhooks);
        webhooks.start();

        Properties producerProperties = new Properties();
        producerProperties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        producerProperties.put(ProducerConfig.ACKS_CONFIG, "all");
        producerProperties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProperties, new ByteArraySerializer(),
                new ByteArraySerializer());
        started.push(producer);

        Map<String, Object> gatewaySettings = new HashMap<>(common);
        gatewaySettings.put(GatewayConfig.BOOTSTRAP_SERVERS, stack.bootstrapServers());
        gatewaySettings.put(GatewayConfig.HOST, "127.0.0.1");
        gatewaySettings.put(GatewayConfig.PORT, port);
        GatewayServer gateway = GatewayServer.builder(gatewaySettings)
                .store(store)
                .producer(producer)
                .topics(Topics.create(TopicNames.defaults(), common))
                .taskLookup(tasks)
                .localTaskState(new LocalTaskStateEndpoint() {
                    @Override
                    public Optional<byte[]> findLocal(String taskId) {
                        return tasks.findLocal(taskId).map(TaskStateCodec::encode);
                    }

                    @Override
                    public String contentType() {
                        return TaskStateCodec.CONTENT_TYPE;
                    }
                })
                .build();
        started.push(gateway);
        gateway.start();
        awaitReady(tasks, worker, Duration.ofSeconds(90));
        LOG.info("fleet ready in {} ms", Duration.between(t0, Instant.now()).toMillis());
    }

    /** The task API's base URL, e.g. {@code http://127.0.0.1:8080/api/technology/experimental/authenticity-verification}. */
    public String apiUrl() {
        return "http://127.0.0.1:" + port + "/api/technology/experimental/authenticity-verification";
    }

    /** The secret this run signs webhooks with ({@code whsec_} + base64), for receivers to verify them. */
    public String webhookSecret() {
        return webhookSecret;
    }

    /** Stops everything that was started, newest first. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        while (!started.isEmpty()) {
            AutoCloseable component = started.pop();
            try {
                component.close();
            } catch (Exception e) {
                LOG.warn("stopping {} failed: {}", component.getClass().getSimpleName(), e.toString());
            }
        }
    }

    private static void awaitReady(TaskStateService tasks, Worker worker, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (!(tasks.isReady() && worker.ready())) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("the fleet was not ready within " + timeout.toSeconds() + " s (task state "
                        + tasks.state() + ", worker ready " + worker.ready() + ")");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting", e);
            }
        }
    }

    /** {@code bonafide.models.dir} or {@code BONAFIDE_MODELS_DIR} when set, else the repository's models. */
    private Path modelsDirectory() {
        String configured = System.getProperty("bonafide.models.dir", System.getenv("BONAFIDE_MODELS_DIR"));
        return configured == null || configured.isBlank() ? home.resolve("models") : Path.of(configured).toAbsolutePath();
    }

    private static String newSecret() {
        byte[] key = new byte[24];
        new SecureRandom().nextBytes(key);
        return "whsec_" + Base64.getEncoder().encodeToString(key);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }
}
