package io.bonafide.worker;

import io.bonafide.schemas.TopicNames;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

/**
 * Every setting of a worker, declared once with type, default, validator and documentation; a
 * bad value fails at startup naming the key. The same map also carries the serde keys
 * ({@code schema.registry.url}, …, see {@code SerdeConfig}) and the store keys
 * ({@code bonafide.store.*}, see {@code AudioStoreConfig}); Kafka client settings beyond the
 * ones below pass through with the prefixes {@code bonafide.worker.consumer.} and
 * {@code bonafide.worker.producer.}.
 */
public final class WorkerConfig extends AbstractConfig {
    public static final String BOOTSTRAP_SERVERS = "bonafide.worker.bootstrap.servers";
    public static final String GROUP_ID = "bonafide.worker.group.id";
    public static final String GROUP_INSTANCE_ID = "bonafide.worker.group.instance.id";
    public static final String WORKER_ID = "bonafide.worker.id";
    public static final String TOPIC_PREFIX = "bonafide.worker.topic.prefix";
    public static final String THREADS = "bonafide.worker.threads";
    public static final String MAX_IN_FLIGHT = "bonafide.worker.max.in.flight";
    public static final String POLL_TIMEOUT_MS = "bonafide.worker.poll.timeout.ms";
    public static final String COMMIT_INTERVAL_MS = "bonafide.worker.commit.interval.ms";
    public static final String MAX_POLL_INTERVAL_MS = "bonafide.worker.max.poll.interval.ms";
    public static final String SESSION_TIMEOUT_MS = "bonafide.worker.session.timeout.ms";
    public static final String SHUTDOWN_GRACE_MS = "bonafide.worker.shutdown.grace.ms";
    public static final String RATE_AUDIO_SECONDS_PER_SECOND = "bonafide.worker.rate.audio.seconds.per.second";
    public static final String RETRY_MAX_ATTEMPTS = "bonafide.worker.retry.max.attempts";
    public static final String RETRY_INITIAL_BACKOFF_MS = "bonafide.worker.retry.initial.backoff.ms";
    public static final String RETRY_MAX_BACKOFF_MS = "bonafide.worker.retry.max.backoff.ms";
    public static final String BREAKER_FAILURE_RATE = "bonafide.worker.breaker.failure.rate.threshold";
    public static final String BREAKER_WINDOW = "bonafide.worker.breaker.window.size";
    public static final String BREAKER_OPEN_MS = "bonafide.worker.breaker.open.ms";
    public static final String HTTP_PORT = "bonafide.worker.http.port";
    public static final String MODELS_DIR = "bonafide.worker.models.dir";
    public static final String MAX_AUDIO_SECONDS = "bonafide.worker.max.audio.seconds";
    public static final String CONSUMER_PREFIX = "bonafide.worker.consumer.";
    public static final String PRODUCER_PREFIX = "bonafide.worker.producer.";

    private static final int CORES = Runtime.getRuntime().availableProcessors();

    public static final ConfigDef DEFINITION = new ConfigDef()
            .define(BOOTSTRAP_SERVERS, Type.LIST, ConfigDef.NO_DEFAULT_VALUE, (name, value) -> {
                        if (value == null || ((java.util.List<?>) value).isEmpty()) {
                            throw new ConfigException(name, value, "at least one host:port is required");
                        }
                    },
                    Importance.HIGH, "Kafka bootstrap servers, host:port[,host:port…].")
            .define(GROUP_ID, Type.STRING, "bonafide-workers", new ConfigDef.NonEmptyString(), Importance.HIGH,
                    "Consumer group of the fleet: every worker of one deployment uses the same id.")
            .define(GROUP_INSTANCE_ID, Type.STRING, "", Importance.MEDIUM,
                    "Static membership id (e.g. the pod name of a StatefulSet): a restart within the session "
                            + "timeout keeps the partitions without a rebalance. Empty means dynamic membership.")
            .define(WORKER_ID, Type.STRING, defaultWorkerId(), new ConfigDef.NonEmptyString(), Importance.LOW,
                    "Identity written into events and logs; defaults to host name and process id.")
            .define(TOPIC_PREFIX, Type.STRING, "", Importance.LOW,
                    "Prefix of every topic name (prefix + '.' + SPEC name), for shared clusters and tests.")
            .define(THREADS, Type.INT, CORES, Range.between(1, 1024), Importance.HIGH,
                    "Processing threads: how many tasks are analysed at once.")
            .define(MAX_IN_FLIGHT, Type.INT, 2 * CORES, Range.between(1, 100_000), Importance.HIGH,
                    "Most tasks accepted and not finished (running plus queued). When reached, fetching pauses "
                            + "for every assigned partition until work drains; polling goes on.")
            .define(POLL_TIMEOUT_MS, Type.LONG, 200L, Range.between(1, 60_000), Importance.LOW,
                    "Longest wait of one poll; bounds how fast finished work is committed and pauses lift.")
            .define(COMMIT_INTERVAL_MS, Type.LONG, 1_000L, Range.between(10, 600_000), Importance.LOW,
                    "How often offsets below the lowest unfinished record are committed.")
            .define(MAX_POLL_INTERVAL_MS, Type.INT, 300_000, Range.between(1_000, Integer.MAX_VALUE), Importance.MEDIUM,
                    "Kafka's max.poll.interval.ms. The poll loop never blocks on processing, so this does not "
                            + "need to exceed the longest file's processing time.")
            .define(SESSION_TIMEOUT_MS, Type.INT, 45_000, Range.between(1_000, Integer.MAX_VALUE), Importance.MEDIUM,
                    "Kafka's session.timeout.ms: how soon the group notices a worker that died without leaving.")
            .define(SHUTDOWN_GRACE_MS, Type.LONG, 30_000L, Range.between(0, 3_600_000), Importance.MEDIUM,
                    "On SIGTERM, how long in-flight work may take to finish before it is handed back "
                            + "(left uncommitted, so another worker processes it).")
            .define(RATE_AUDIO_SECONDS_PER_SECOND, Type.DOUBLE, 0.0, Range.atLeast(0), Importance.MEDIUM,
                    "Per-tenant rate limit on processed audio: seconds of audio per second of wall time, per "
                            + "worker. A task waits for its permits before its results are published. 0 turns it off.")
            .define(RETRY_MAX_ATTEMPTS, Type.INT, 8, Range.between(1, 100), Importance.MEDIUM,
                    "Attempts of one task against transient faults (store unreachable, broker hiccup) before "
                            + "it fails for good.")
            .define(RETRY_INITIAL_BACKOFF_MS, Type.LONG, 500L, Range.between(1, 600_000), Importance.LOW,
                    "First retry backoff; doubles with each attempt, with jitter.")
            .define(RETRY_MAX_BACKOFF_MS, Type.LONG, 8_000L, Range.between(1, 3_600_000), Importance.LOW,
                    "Longest retry backoff.")
            .define(BREAKER_FAILURE_RATE, Type.INT, 50, Range.between(1, 100), Importance.LOW,
                    "Percentage of failed store calls in the window that opens the store's circuit breaker.")
            .define(BREAKER_WINDOW, Type.INT, 10, Range.between(1, 10_000), Importance.LOW,
                    "Store calls in the breaker's sliding window.")
            .define(BREAKER_OPEN_MS, Type.LONG, 3_000L, Range.between(1, 3_600_000), Importance.LOW,
                    "How long the open breaker refuses store calls before it lets probes through.")
            .define(HTTP_PORT, Type.INT, 8081, Range.between(-1, 65_535), Importance.MEDIUM,
                    "Port of /healthz, /readyz and /metrics; 0 picks a free port, -1 turns the server off.")
            .define(MODELS_DIR, Type.STRING, "models", new ConfigDef.NonEmptyString(), Importance.MEDIUM,
                    "Directory of installed models (<dir>/<model>/<version>/model.json).")
            .define(MAX_AUDIO_SECONDS, Type.DOUBLE, 4 * 3600.0, Range.atLeast(1), Importance.LOW,
                    "Longest file a worker analyses; longer ones are rejected as media.too-long.");

    public WorkerConfig(Map<?, ?> values) {
        super(DEFINITION, values, false);
        if (getLong(RETRY_MAX_BACKOFF_MS) < getLong(RETRY_INITIAL_BACKOFF_MS)) {
            throw new ConfigException(RETRY_MAX_BACKOFF_MS, getLong(RETRY_MAX_BACKOFF_MS),
                    "must be at least " + RETRY_INITIAL_BACKOFF_MS + " (" + getLong(RETRY_INITIAL_BACKOFF_MS) + ")");
        }
        if (getInt(MAX_IN_FLIGHT) < getInt(THREADS)) {
            throw new ConfigException(MAX_IN_FLIGHT, getInt(MAX_IN_FLIGHT),
                    "must be at least " + THREADS + " (" + getInt(THREADS) + "), or threads would idle");
        }
    }

    /** The topic names, with the configured prefix. */
    public TopicNames topicNames() {
        String prefix = getString(TOPIC_PREFIX);
        return prefix.isBlank() ? TopicNames.defaults() : TopicNames.prefixed(prefix);
    }

    public Duration duration(String key) {
        return Duration.ofMillis(getLong(key));
    }

    private static String defaultWorkerId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "unknown-host";
        }
        return host + "-" + ManagementFactory.getRuntimeMXBean().getPid();
    }
}
