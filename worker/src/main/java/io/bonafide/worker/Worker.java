package io.bonafide.worker;

import io.bonafide.audio.AudioFrontEnd;
import io.bonafide.audio.FrontEndOptions;
import io.bonafide.audio.vad.VoiceActivityDetectors;
import io.bonafide.detection.Analyzer;
import io.bonafide.detection.InstalledDetectors;
import io.bonafide.schemas.Topics;
import io.bonafide.schemas.consume.DeadLetterPublisher;
import io.bonafide.schemas.consume.EventReader;
import io.bonafide.schemas.consume.PoisonRecordPolicy;
import io.bonafide.schemas.event.TaskKey;
import io.bonafide.schemas.event.VerificationRequested;
import io.bonafide.store.AudioStore;
import io.bonafide.store.AudioStoreConfig;
import io.bonafide.worker.internal.ConsumeLoop;
import io.bonafide.worker.internal.EventPublisher;
import io.bonafide.worker.internal.FaultClassifier;
import io.bonafide.worker.internal.OpsHttpServer;
import io.bonafide.worker.internal.TaskProcessor;
import io.bonafide.worker.internal.WorkerMetrics;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedBulkheadMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One member of the worker fleet: a consumer in the fleet's group on the requests topic, a
 * poll thread ({@link ConsumeLoop}) that feeds a pool of processing threads under a bound on
 * in-flight work, an idempotent producer for running signals, results and errors, the audio
 * store behind a circuit breaker, and an HTTP endpoint for {@code /healthz}, {@code /readyz}
 * and Prometheus {@code /metrics}. {@link #start()} starts it; {@link #close()} shuts it down
 * gracefully (stop fetching, finish in-flight work within the grace period, commit, leave).
 */
public final class Worker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Worker.class);

    private final WorkerConfig config;
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final AudioStore store;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final KafkaProducer<byte[], byte[]> producer;
    private final ConsumeLoop loop;
    private final Thread pollThread;
    private final CircuitBreaker storeBreaker;
    private final KafkaClientMetrics consumerMetrics;
    private final KafkaClientMetrics producerMetrics;
    private final Optional<OpsHttpServer> http;

    /** Builds a worker from its settings (see {@link WorkerConfig}; serde and store keys in the same map). */
    public Worker(Map<String, ?> settings) {
        this(settings, defaultAnalyzer(new WorkerConfig(settings)));
    }

    /** Builds a worker that analyses with {@code analyzer} (tests inject one with a chosen set of detectors). */
    public Worker(Map<String, ?> settings, Analyzer analyzer) {
        this.config = new WorkerConfig(settings);
        this.store = new AudioStoreConfig(settings).create();
        Topics topics = Topics.create(config.topicNames(), settings);
        String workerId = config.getString(WorkerConfig.WORKER_ID);
        int threads = config.getInt(WorkerConfig.THREADS);
        int maxInFlight = config.getInt(WorkerConfig.MAX_IN_FLIGHT);

        this.consumer = new KafkaConsumer<>(consumerProperties(config, maxInFlight),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.producer = new KafkaProducer<>(producerProperties(config), new ByteArraySerializer(),
                new ByteArraySerializer());

        WorkerMetrics metrics = new WorkerMetrics(registry, maxInFlight);
        new JvmMemoryMetrics().bindTo(registry);
        this.consumerMetrics = new KafkaClientMetrics(consumer);
        this.producerMetrics = new KafkaClientMetrics(producer);
        consumerMetrics.bindTo(registry);
        producerMetrics.bindTo(registry);

        CircuitBreakerRegistry breakers = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .failureRateThreshold(config.getInt(WorkerConfig.BREAKER_FAILURE_RATE))
                .slidingWindowSize(config.getInt(WorkerConfig.BREAKER_WINDOW))
                .minimumNumberOfCalls(Math.min(config.getInt(WorkerConfig.BREAKER_WINDOW), 5))
                .waitDurationInOpenState(config.duration(WorkerConfig.BREAKER_OPEN_MS))
                .permittedNumberOfCallsInHalfOpenState(2)
                .automaticTransitionFromOpenToHalfOpenEnabled(true)
                // Only the store's "no answer" counts against it; a missing object is an answer.
                .recordException(e -> FaultClassifier.classify(e).kind() == FaultClassifier.Kind.TRANSIENT)
                .build());
        this.storeBreaker = breakers.circuitBreaker("audio-store");
        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(breakers).bindTo(registry);
        BulkheadRegistry bulkheads = BulkheadRegistry.of(BulkheadConfig.custom()
                .maxConcurrentCalls(threads).maxWaitDuration(Duration.ofMinutes(10)).build());
        Bulkhead bulkhead = bulkheads.bulkhead("analysis");
        TaggedBulkheadMetrics.ofBulkheadRegistry(bulkheads).bindTo(registry);

        TaskProcessor processor = new TaskProcessor(analyzer, store, storeBreaker, bulkhead,
                new EventPublisher(producer, topics), metrics,
                new TaskProcessor.Settings(workerId, config.getInt(WorkerConfig.RETRY_MAX_ATTEMPTS),
                        config.duration(WorkerConfig.RETRY_INITIAL_BACKOFF_MS),
                        config.duration(WorkerConfig.RETRY_MAX_BACKOFF_MS),
                        config.getDouble(WorkerConfig.RATE_AUDIO_SECONDS_PER_SECOND)),
                Clock.systemUTC());

        EventReader<TaskKey, VerificationRequested> reader = new EventReader<>(consumer, topics.requests(),
                PoisonRecordPolicy.DEAD_LETTER,
                new DeadLetterPublisher(producer, topics.names().deadLetter(), config.getString(WorkerConfig.GROUP_ID),
                        Clock.systemUTC()),
                Duration.ofSeconds(2), Clock.systemUTC());
        Duration grace = config.duration(WorkerConfig.SHUTDOWN_GRACE_MS);
        this.loop = new ConsumeLoop(consumer, reader, processingPool(threads), processor::process, metrics,
                new ConsumeLoop.Settings(maxInFlight, config.duration(WorkerConfig.POLL_TIMEOUT_MS),
                        config.duration(WorkerConfig.COMMIT_INTERVAL_MS), grace,
                        grace.compareTo(Duration.ofSeconds(10)) < 0 ? grace : Duration.ofSeconds(10)));
        consumer.subscribe(List.of(topics.names().requests()), loop);
        this.pollThread = new Thread(loop, "bonafide-worker-poll");

        int port = config.getInt(WorkerConfig.HTTP_PORT);
        this.http = port < 0 ? Optional.empty()
                : Optional.of(new OpsHttpServer(port, registry::scrape, this::ready));
        LOG.info("worker {} built: {} thread(s), at most {} task(s) in flight, analyses {}", workerId, threads,
                maxInFlight, analyzer.available());
    }

    /** Starts polling and serving the ops endpoints. */
    public Worker start() {
        http.ifPresent(OpsHttpServer::start);
        pollThread.start();
        return this;
    }

    /** Port of the ops endpoints, if they are served. */
    public Optional<Integer> httpPort() {
        return http.map(OpsHttpServer::port);
    }

    /** Ready: polling its group, and the store's breaker is not open. */
    public boolean ready() {
        return loop.polling() && storeBreaker.getState() != CircuitBreaker.State.OPEN;
    }

    /** The metrics registry (Prometheus text at /metrics). */
    public PrometheusMeterRegistry metrics() {
        return registry;
    }

    /** Whether the poll thread still runs (false once it stopped, by {@link #close()} or a fatal error). */
    public boolean alive() {
        return pollThread.isAlive();
    }

    /** Blocks until the poll thread has stopped (after {@link #close()}, or a fatal error of the loop). */
    public void awaitStopped() throws InterruptedException {
        pollThread.join();
    }

    /** Graceful shutdown: stop fetching, finish in-flight work within the grace period, commit, leave the group. */
    @Override
    public void close() {
        loop.stop();
        try {
            pollThread.join(config.duration(WorkerConfig.SHUTDOWN_GRACE_MS).plusSeconds(30).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(Duration.ofSeconds(10));
        consumerMetrics.close();
        producerMetrics.close();
        store.close();
        http.ifPresent(OpsHttpServer::close);
        LOG.info("worker stopped");
    }

    private static Analyzer defaultAnalyzer(WorkerConfig config) {
        return new Analyzer(AudioFrontEnd.standard(new FrontEndOptions(FrontEndOptions.DEFAULTS.blockFrames(),
                config.getDouble(WorkerConfig.MAX_AUDIO_SECONDS)), VoiceActivityDetectors.create()),
                InstalledDetectors.from(Path.of(config.getString(WorkerConfig.MODELS_DIR))));
    }

    private static ExecutorService processingPool(int threads) {
        AtomicInteger n = new AtomicInteger();
        // Unbounded queue: the consume loop's in-flight bound is what limits it.
        return new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread thread = new Thread(r, "bonafide-worker-processing-" + n.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    private static Map<String, Object> consumerProperties(WorkerConfig config, int maxInFlight) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.getList(WorkerConfig.BOOTSTRAP_SERVERS));
        props.put(ConsumerConfig.GROUP_ID_CONFIG, config.getString(WorkerConfig.GROUP_ID));
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, config.getString(WorkerConfig.WORKER_ID) + "-consumer");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxInFlight);
        props.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, config.getInt(WorkerConfig.MAX_POLL_INTERVAL_MS));
        props.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, config.getInt(WorkerConfig.SESSION_TIMEOUT_MS));
        props.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG,
                Math.max(100, config.getInt(WorkerConfig.SESSION_TIMEOUT_MS) / 5));
        String instance = config.getString(WorkerConfig.GROUP_INSTANCE_ID);
        if (!instance.isBlank()) {
            props.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, instance);
        }
        props.putAll(config.originalsWithPrefix(WorkerConfig.CONSUMER_PREFIX));
        return props;
    }

    private static Map<String, Object> producerProperties(WorkerConfig config) {
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.getList(WorkerConfig.BOOTSTRAP_SERVERS));
        props.put(ProducerConfig.CLIENT_ID_CONFIG, config.getString(WorkerConfig.WORKER_ID) + "-producer");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        props.putAll(config.originalsWithPrefix(WorkerConfig.PRODUCER_PREFIX));
        return props;
    }
}
