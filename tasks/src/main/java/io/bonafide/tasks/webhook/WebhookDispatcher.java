package io.bonafide.tasks.webhook;

import io.bonafide.schemas.Topics;
import io.bonafide.schemas.consume.DeadLetterPublisher;
import io.bonafide.schemas.consume.EventReader;
import io.bonafide.schemas.consume.PoisonRecordPolicy;
import io.bonafide.schemas.event.TaskKey;
import io.bonafide.schemas.event.TaskState;
import io.bonafide.tasks.webhook.internal.AddressPolicy;
import io.bonafide.tasks.webhook.internal.DeliveryClient;
import io.bonafide.tasks.webhook.internal.DeliveryPolicy;
import io.bonafide.tasks.webhook.internal.DisabledEndpoints;
import io.bonafide.tasks.webhook.internal.DispatchLoop;
import io.bonafide.tasks.webhook.internal.RetrySchedule;
import io.bonafide.tasks.webhook.internal.RetryStore;
import io.bonafide.tasks.webhook.internal.WebhookMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The webhook dispatcher of SPEC 5: follows the compacted task-state topic in its own consumer
 * group and, when a task reaches DONE, FAILED or REJECTED, POSTs the task document to the task's
 * {@code callback_url} and to its tenant's subscription URLs, signed per Standard Webhooks
 * ({@code webhook-id} stable per task, final state and endpoint; {@code webhook-timestamp};
 * {@code webhook-signature}) and carrying {@code X-Correlation-ID}. Failed attempts are retried
 * on a jittered schedule over hours that is persisted in the internal retries topic, so it
 * survives restarts and moves with the state partitions; 410 Gone disables an endpoint for good
 * (internal disabled topic); 429/503 honour Retry-After; targets in non-public address ranges
 * are refused unless allowlisted. Runs in any JVM (gateway or alone): {@link #start()} creates
 * the internal topics when missing and starts the poll thread; {@link #close()} stops it, and
 * pending deliveries resume in whichever dispatcher owns their partition next.
 */
public final class WebhookDispatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookDispatcher.class);
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final WebhookConfig config;
    private final Clock clock;
    private final MeterRegistry registry;
    private final Map<String, Object> consumerProperties;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final KafkaProducer<byte[], byte[]> producer;
    private final DisabledEndpoints disabled;
    private final ExecutorService pool;
    private final DispatchLoop loop;
    private final Topics topics;
    private Thread thread;

    /** A dispatcher with the system clock, its own meter registry and unseeded jitter. */
    public WebhookDispatcher(Map<String, ?> settings) {
        this(settings, Clock.systemUTC(), new SimpleMeterRegistry(), new Random());
    }

    /**
     * @param settings {@link WebhookConfig} keys plus the serde keys
     * @param clock    the clock of schedules and webhook timestamps
     * @param registry where the meters go (see the metrics section of docs/webhooks.md)
     * @param random   the jitter source; tests seed it
     */
    public WebhookDispatcher(Map<String, ?> settings, Clock clock, MeterRegistry registry, Random random) {
        this.config = new WebhookConfig(settings);
        this.clock = clock;
        this.registry = registry;
        this.topics = Topics.create(config.topicNames(), settings);
        this.consumerProperties = consumerProperties(config);
        this.consumer = new KafkaConsumer<>(consumerProperties, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.producer = new KafkaProducer<>(producerProperties(config), new ByteArraySerializer(), new ByteArraySerializer());
        this.disabled = new DisabledEndpoints(producer, restoreConsumer(), config.internalTopic(WebhookConfig.DISABLED_TOPIC),
                clock);
        RetryStore store = new RetryStore(producer, config.internalTopic(WebhookConfig.RETRIES_TOPIC), this::restoreConsumer);
        RetrySchedule schedule = new RetrySchedule(RetrySchedule.parseDelays(config.getList(WebhookConfig.RETRY_SCHEDULE)),
                config.getDouble(WebhookConfig.RETRY_JITTER), random);
        DeliveryPolicy policy = new DeliveryPolicy(schedule, config.getInt(WebhookConfig.RETRY_MAX_ATTEMPTS),
                config.getInt(WebhookConfig.CLIENT_ERROR_MAX_ATTEMPTS), config.duration(WebhookConfig.RETRY_HORIZON_MS),
                config.duration(WebhookConfig.RETRY_AFTER_MAX_MS));
        DeliveryClient client = new DeliveryClient(
                AddressPolicy.withSystemResolver(config.getList(WebhookConfig.ALLOW_CIDRS),
                        config.getList(WebhookConfig.ALLOW_HOSTS)),
                config.duration(WebhookConfig.HTTP_CONNECT_TIMEOUT_MS), config.duration(WebhookConfig.HTTP_REQUEST_TIMEOUT_MS),
                clock);
        int threads = config.getInt(WebhookConfig.DELIVERY_THREADS);
        int instance = INSTANCES.incrementAndGet();
        AtomicInteger threadNumber = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "bonafide-webhooks-" + instance + "-delivery-" + threadNumber.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        String group = config.getString(WebhookConfig.GROUP_ID);
        EventReader<TaskKey, TaskState> reader = new EventReader<>(consumer, topics.taskState(),
                PoisonRecordPolicy.DEAD_LETTER,
                new DeadLetterPublisher(producer, topics.names().deadLetter(), group, clock), Duration.ofSeconds(2), clock);
        this.loop = new DispatchLoop(consumer, reader, store, disabled, client, policy, config::signingKey,
                config::subscriptions, new WebhookMetrics(registry), clock, pool,
                new DispatchLoop.Settings(config.duration(WebhookConfig.POLL_TIMEOUT_MS), threads));
    }

    /** Creates the internal topics when missing, reads the disabled endpoints and starts following the state topic. */
    public synchronized void start() {
        if (thread != null) {
            throw new IllegalStateException("the webhook dispatcher is already started");
        }
        ensureInternalTopics();
        disabled.restore();
        consumer.subscribe(List.of(topics.names().taskState()), loop);
        thread = new Thread(loop, "bonafide-webhooks-poll");
        thread.start();
        LOG.info("webhook dispatcher started on {} (group {})", topics.names().taskState(),
                config.getString(WebhookConfig.GROUP_ID));
    }

    /** Where the dispatcher's meters are. */
    public MeterRegistry metrics() {
        return registry;
    }

    /** The parsed settings. */
    public WebhookConfig config() {
        return config;
    }

    /** Stops polling, abandons attempts in flight (they resume from the retries topic) and closes the clients. */
    @Override
    public synchronized void close() {
        try {
            if (thread != null) {
                loop.stop(Duration.ofSeconds(30));
                thread.join(Duration.ofSeconds(30).toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            pool.shutdownNow();
            consumer.close(Duration.ofSeconds(10));
            disabled.close();
            producer.close(Duration.ofSeconds(10));
            try {
                pool.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * The retries topic must have at least the partitions of the state topic, since partition p
     * of one holds the deliveries of partition p of the other.
     */
    private void ensureInternalTopics() {
        String stateTopic = topics.names().taskState();
        String retries = config.internalTopic(WebhookConfig.RETRIES_TOPIC);
        String disabledTopic = config.internalTopic(WebhookConfig.DISABLED_TOPIC);
        Map<String, Object> adminProperties = new HashMap<>(config.originalsWithPrefix(WebhookConfig.CONSUMER_PREFIX));
        adminProperties.keySet().retainAll(AdminClientConfig.configNames());
        adminProperties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.getList(WebhookConfig.BOOTSTRAP_SERVERS));
        Optional<Short> replication = config.getInt(WebhookConfig.INTERNAL_REPLICATION_FACTOR) < 0 ? Optional.empty()
                : Optional.of(config.getInt(WebhookConfig.INTERNAL_REPLICATION_FACTOR).shortValue());
        try (Admin admin = Admin.create(adminProperties)) {
            int partitions = partitionsOf(admin, stateTopic);
            create(admin, new NewTopic(retries, Optional.of(partitions), replication).configs(Map.of(
                    TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT + "," + TopicConfig.CLEANUP_POLICY_DELETE,
                    TopicConfig.RETENTION_MS_CONFIG, Long.toString(config.getLong(WebhookConfig.RETRIES_RETENTION_MS)))));
            create(admin, new NewTopic(disabledTopic, Optional.of(1), replication).configs(Map.of(
                    TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)));
            // A topic just created may not be in the metadata yet: wait for it like for the state topic.
            int retryPartitions = partitionsOf(admin, retries);
            if (retryPartitions < partitions) {
                throw new IllegalStateException("webhook retries topic " + retries + " has " + retryPartitions
                        + " partition(s), fewer than the " + partitions + " of " + stateTopic
                        + "; add partitions to it (it is co-partitioned with the state topic)");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while preparing the webhook topics", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not prepare the webhook topics " + retries + ", " + disabledTopic,
                    e.getCause());
        }
    }

    private int partitionsOf(Admin admin, String topic) throws InterruptedException, ExecutionException {
        long deadline = clock.millis() + config.getLong(WebhookConfig.STARTUP_TIMEOUT_MS);
        while (true) {
            try {
                TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
                return description.partitions().size();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || clock.millis() > deadline) {
                    throw e;
                }
                LOG.info("waiting for topic {} to exist", topic);
                TimeUnit.MILLISECONDS.sleep(500);
            }
        }
    }

    private static void create(Admin admin, NewTopic topic) throws InterruptedException, ExecutionException {
        try {
            admin.createTopics(List.of(topic)).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
    }

    private KafkaConsumer<byte[], byte[]> restoreConsumer() {
        Map<String, Object> properties = new HashMap<>(consumerProperties);
        properties.remove(ConsumerConfig.GROUP_ID_CONFIG);
        properties.remove(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG);
        properties.put(ConsumerConfig.CLIENT_ID_CONFIG, "bonafide-webhooks-restore-" + INSTANCES.get());
        return new KafkaConsumer<>(properties, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private static Map<String, Object> consumerProperties(WebhookConfig config) {
        Map<String, Object> p = new HashMap<>();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.getList(WebhookConfig.BOOTSTRAP_SERVERS));
        p.put(ConsumerConfig.GROUP_ID_CONFIG, config.getString(WebhookConfig.GROUP_ID));
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
        p.putAll(config.originalsWithPrefix(WebhookConfig.CONSUMER_PREFIX));
        return p;
    }

    private static Map<String, Object> producerProperties(WebhookConfig config) {
        Map<String, Object> p = new HashMap<>();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.getList(WebhookConfig.BOOTSTRAP_SERVERS));
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        p.putAll(config.originalsWithPrefix(WebhookConfig.PRODUCER_PREFIX));
        return p;
    }
}
