package io.bonafide.gateway;

import io.bonafide.gateway.internal.AcceptedTasks;
import io.bonafide.gateway.internal.ApiHandler;
import io.bonafide.gateway.internal.AudioDuration;
import io.bonafide.gateway.internal.CapacityLedger;
import io.bonafide.gateway.internal.FollowedTaskStates;
import io.bonafide.gateway.internal.GatewayEvents;
import io.bonafide.gateway.internal.PublicUrls;
import io.bonafide.gateway.internal.RequestRateLimiter;
import io.bonafide.gateway.internal.SpecErrorHandler;
import io.bonafide.gateway.internal.StoreUsage;
import io.bonafide.gateway.internal.TaskStateFollower;
import io.bonafide.gateway.internal.TenantDirectory;
import io.bonafide.schemas.Topics;
import io.bonafide.store.AudioStore;
import io.bonafide.store.AudioStoreConfig;
import io.bonafide.tasks.TaskLookup;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway: the SPEC 2 task API on an embedded Jetty 12 server, built from its settings
 * ({@link GatewayConfig}; serde and store keys in the same map) and its collaborators, so that
 * one JVM can run it beside the worker and the task-state topology. Collaborators not given are
 * built from the settings and owned (closed) by the server: the audio store, the Kafka producer,
 * the topic registry. Without a {@link TaskLookup}, polls are answered from the task-state topic
 * as this instance follows it. {@link #start()} binds the port; {@link #close()} stops serving
 * and releases what it owns.
 */
public final class GatewayServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GatewayServer.class);

    private final GatewayConfig config;
    private final Server server;
    private final ServerConnector connector;
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final List<AutoCloseable> owned = new ArrayList<>();
    private final Optional<TaskStateFollower> follower;

    private GatewayServer(Builder builder) {
        this.config = new GatewayConfig(builder.settings);
        Clock clock = builder.clock;
        AudioStore store = builder.store;
        if (store == null) {
            store = new AudioStoreConfig(builder.settings).create();
            owned.add(store);
        }
        Topics topics = builder.topics != null ? builder.topics : Topics.create(config.topicNames(), builder.settings);
        Producer<byte[], byte[]> producer = builder.producer;
        if (producer == null) {
            KafkaProducer<byte[], byte[]> kafkaProducer = new KafkaProducer<>(producerProperties(config),
                    new ByteArraySerializer(), new ByteArraySerializer());
            KafkaClientMetrics producerMetrics = new KafkaClientMetrics(kafkaProducer);
            producerMetrics.bindTo(registry);
            owned.add(producerMetrics);
            owned.add(() -> kafkaProducer.close(Duration.ofSeconds(10)));
            producer = kafkaProducer;
        }
        new JvmMemoryMetrics().bindTo(registry);

        CapacityLedger capacity = new CapacityLedger(new CapacityLedger.Limits(
                config.getInt(GatewayConfig.CAPACITY_TASKS_IN_FLIGHT),
                config.getDouble(GatewayConfig.CAPACITY_AUDIO_SECONDS_IN_FLIGHT),
                config.getLong(GatewayConfig.CAPACITY_ESTIMATE_BYTES_PER_SECOND)));
        TaskLookup lookup = builder.lookup;
        boolean follow = config.getBoolean(GatewayConfig.CAPACITY_FOLLOW_STATE) || lookup == null;
        if (follow) {
            KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProperties(config),
                    new ByteArrayDeserializer(), new ByteArrayDeserializer());
            FollowedTaskStates[] followed = new FollowedTaskStates[1];
            TaskStateFollower stateFollower = new TaskStateFollower(consumer, topics.taskState(), (taskId, state) -> {
                capacity.onState(taskId, state);
                if (followed[0] != null) {
                    followed[0].onState(taskId, state);
                }
            });
            if (lookup == null) {
                followed[0] = new FollowedTaskStates(config.getInt(GatewayConfig.ACCEPTED_CACHE_SIZE),
                        stateFollower::assigned);
                lookup = followed[0];
            }
            this.follower = Optional.of(stateFollower);
        } else {
            this.follower = Optional.empty();
        }

        Optional<TenantDirectory> tenants = config.getString(GatewayConfig.API_KEYS_FILE).isBlank() ? Optional.empty()
                : Optional.of(TenantDirectory.load(Path.of(config.getString(GatewayConfig.API_KEYS_FILE))));
        ApiHandler.Settings handlerSettings = new ApiHandler.Settings(config.getBoolean(GatewayConfig.AUTH_ENABLED),
                config.getString(GatewayConfig.DEFAULT_TENANT), config.getLong(GatewayConfig.MAX_FILE_SIZE),
                config.getInt(GatewayConfig.MAX_CONFIG_SIZE), config.getInt(GatewayConfig.MULTIPART_MAX_PARTS),
                config.getInt(GatewayConfig.MULTIPART_MAX_PART_HEADERS_BYTES),
                config.getLong(GatewayConfig.STORE_CAPACITY_BYTES));
        ApiHandler handler = new ApiHandler(handlerSettings, tenants,
                new RequestRateLimiter(config.getInt(GatewayConfig.RATE_LIMIT_REQUESTS),
                        config.duration(GatewayConfig.RATE_LIMIT_PERIOD_MS), clock),
                capacity, new AcceptedTasks(config.getInt(GatewayConfig.ACCEPTED_CACHE_SIZE)),
                new PublicUrls(config.getString(GatewayConfig.PUBLIC_BASE_URL),
                        config.getBoolean(GatewayConfig.TRUST_FORWARDED_HEADERS)),
                store, new StoreUsage(store, clock, Duration.ofSeconds(5)),
                new AudioDuration(store, config.getLong(GatewayConfig.CAPACITY_ESTIMATE_BYTES_PER_SECOND)),
                new GatewayEvents(producer, topics, config.duration(GatewayConfig.PUBLISH_TIMEOUT_MS)), lookup,
                Optional.ofNullable(builder.localState), clock, registry, registry::scrape, this::ready, openApi());

        QueuedThreadPool threads = new QueuedThreadPool(200, 4);
        threads.setName("bonafide-gateway-http");
        this.server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setRequestHeaderSize(config.getInt(GatewayConfig.MAX_REQUEST_HEADERS_BYTES));
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        this.connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost(config.getString(GatewayConfig.HOST));
        connector.setPort(config.getInt(GatewayConfig.PORT));
        connector.setIdleTimeout(config.getLong(GatewayConfig.IDLE_TIMEOUT_MS));
        server.addConnector(connector);
        server.setHandler(handler);
        server.setErrorHandler(new SpecErrorHandler(clock));
        server.setStopTimeout(5_000);
    }

    /** A builder over the settings (see {@link GatewayConfig}; serde and store keys in the same map). */
    public static Builder builder(Map<String, ?> settings) {
        return new Builder(settings);
    }

    /** Binds the port and starts serving (and following the task-state topic). */
    public GatewayServer start() {
        try {
            server.start();
        } catch (Exception e) {
            throw new IllegalStateException("could not start the gateway on " + config.getString(GatewayConfig.HOST)
                    + ":" + config.getInt(GatewayConfig.PORT), e);
        }
        follower.ifPresent(TaskStateFollower::start);
        LOG.info("gateway listening on port {}", port());
        return this;
    }

    /** The bound port (after {@link #start()}). */
    public int port() {
        return connector.getLocalPort();
    }

    /** Ready: serving, and following the task-state topic where it does so. */
    public boolean ready() {
        return server.isStarted() && follower.map(TaskStateFollower::assigned).orElse(true);
    }

    /** The metrics registry (Prometheus text at /metrics). */
    public PrometheusMeterRegistry metrics() {
        return registry;
    }

    /** Blocks until the server has stopped. */
    public void join() throws InterruptedException {
        server.join();
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            LOG.warn("the HTTP server did not stop cleanly: {}", e.toString());
        }
        follower.ifPresent(TaskStateFollower::close);
        for (AutoCloseable resource : owned) {
            try {
                resource.close();
            } catch (Exception e) {
                LOG.warn("could not close {}: {}", resource, e.toString());
            }
        }
        LOG.info("gateway stopped");
    }

    private static byte[] openApi() {
        try (InputStream in = GatewayServer.class.getResourceAsStream("openapi.json")) {
            if (in == null) {
                throw new IllegalStateException("openapi.json is missing from the gateway jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Object> producerProperties(GatewayConfig config) {
        Map<String, Object> props = new HashMap<>(config.originalsWithPrefix(GatewayConfig.PRODUCER_PREFIX));
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.getList(GatewayConfig.BOOTSTRAP_SERVERS));
        props.putIfAbsent(ProducerConfig.ACKS_CONFIG, "all");
        props.putIfAbsent(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 0);
        props.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "bonafide-gateway");
        // send() itself may block on metadata (a missing topic, a broker away): bound it like the acknowledgement
        props.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, config.getLong(GatewayConfig.PUBLISH_TIMEOUT_MS));
        return props;
    }

    private static Map<String, Object> consumerProperties(GatewayConfig config) {
        Map<String, Object> props = new HashMap<>(config.originalsWithPrefix(GatewayConfig.CONSUMER_PREFIX));
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.getList(GatewayConfig.BOOTSTRAP_SERVERS));
        props.remove(ConsumerConfig.GROUP_ID_CONFIG); // no group: every instance reads every partition
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "bonafide-gateway-task-state");
        return props;
    }

    /**
     * Assembles a {@link GatewayServer}. Only the settings are required; each collaborator left
     * out is built from them.
     */
    public static final class Builder {
        private final Map<String, ?> settings;
        private AudioStore store;
        private Producer<byte[], byte[]> producer;
        private Topics topics;
        private TaskLookup lookup;
        private LocalTaskStateEndpoint localState;
        private Clock clock = Clock.systemUTC();

        private Builder(Map<String, ?> settings) {
            this.settings = Objects.requireNonNull(settings, "settings");
        }

        /** The audio store uploads go to (not closed by the server). */
        public Builder store(AudioStore store) {
            this.store = Objects.requireNonNull(store, "store");
            return this;
        }

        /** The producer of request and deletion events (not closed by the server). */
        public Builder producer(Producer<byte[], byte[]> producer) {
            this.producer = Objects.requireNonNull(producer, "producer");
            return this;
        }

        public Builder topics(Topics topics) {
            this.topics = Objects.requireNonNull(topics, "topics");
            return this;
        }

        /** Where polls and deletions find task states (e.g. the task-state topology's lookup). */
        public Builder taskLookup(TaskLookup lookup) {
            this.lookup = Objects.requireNonNull(lookup, "lookup");
            return this;
        }

        /** Serves {@code GET /internal/v1/task-state/{task_id}}; without it the route answers 404. */
        public Builder localTaskState(LocalTaskStateEndpoint endpoint) {
            this.localState = Objects.requireNonNull(endpoint, "endpoint");
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public GatewayServer build() {
            return new GatewayServer(this);
        }
    }
}
