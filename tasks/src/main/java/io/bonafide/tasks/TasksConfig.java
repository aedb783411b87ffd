package io.bonafide.tasks;

import io.bonafide.schemas.TopicNames;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

/**
 * Every setting of the task-state service, declared once with type, default, validator and
 * documentation; a bad value fails at startup naming the key. The same map also carries the
 * serde keys ({@code schema.registry.url}, …, see {@code SerdeConfig}); Kafka Streams settings
 * beyond the ones below pass through with the prefix {@code bonafide.tasks.streams.}
 * (e.g. {@code bonafide.tasks.streams.replication.factor=3}).
 */
public final class TasksConfig extends AbstractConfig {
    public static final String BOOTSTRAP_SERVERS = "bonafide.tasks.bootstrap.servers";
    public static final String APPLICATION_ID = "bonafide.tasks.application.id";
    public static final String TOPIC_PREFIX = "bonafide.tasks.topic.prefix";
    public static final String STATE_DIR = "bonafide.tasks.state.dir";
    public static final String APPLICATION_SERVER = "bonafide.tasks.application.server";
    public static final String TERMINAL_TTL_MS = "bonafide.tasks.terminal.ttl.ms";
    public static final String DELETED_MARKER_TTL_MS = "bonafide.tasks.deleted.marker.ttl.ms";
    public static final String SWEEP_INTERVAL_MS = "bonafide.tasks.sweep.interval.ms";
    public static final String COMMIT_INTERVAL_MS = "bonafide.tasks.commit.interval.ms";
    public static final String NUM_STREAM_THREADS = "bonafide.tasks.num.stream.threads";
    public static final String LOOKUP_TIMEOUT_MS = "bonafide.tasks.lookup.timeout.ms";
    public static final String CLOSE_TIMEOUT_MS = "bonafide.tasks.close.timeout.ms";
    public static final String STREAMS_PREFIX = "bonafide.tasks.streams.";

    public static final ConfigDef DEFINITION = new ConfigDef()
            .define(BOOTSTRAP_SERVERS, Type.LIST, ConfigDef.NO_DEFAULT_VALUE, (name, value) -> {
                        if (value == null || ((List<?>) value).isEmpty()) {
                            throw new ConfigException(name, value, "at least one host:port is required");
                        }
                    },
                    Importance.HIGH, "Kafka bootstrap servers, host:port[,host:port…].")
            .define(APPLICATION_ID, Type.STRING, "bonafide-tasks", new ConfigDef.NonEmptyString(), Importance.HIGH,
                    "Kafka Streams application.id: every instance of one deployment uses the same id; it names the "
                            + "consumer group and the changelog topics.")
            .define(TOPIC_PREFIX, Type.STRING, "", Importance.LOW,
                    "Prefix of every topic name (prefix + '.' + SPEC name), for shared clusters and tests.")
            .define(STATE_DIR, Type.STRING, Path.of(System.getProperty("java.io.tmpdir"), "bonafide-tasks").toString(),
                    new ConfigDef.NonEmptyString(), Importance.HIGH,
                    "Directory of the local RocksDB stores. Keep it on a persistent volume: a wiped directory is "
                            + "rebuilt from the changelog, which takes time.")
            .define(APPLICATION_SERVER, Type.STRING, "", (name, value) -> {
                        String s = (String) value;
                        if (!s.isEmpty() && !s.matches("[^:/\\s]+:\\d{1,5}")) {
                            throw new ConfigException(name, value, "must be host:port (or empty)");
                        }
                    }, Importance.HIGH,
                    "host:port at which other instances reach this one's internal task-state endpoint "
                            + "(GET /internal/v1/task-state/{task_id}); the gateway's own address. Empty: a single "
                            + "instance that never forwards.")
            .define(TERMINAL_TTL_MS, Type.LONG, Duration.ofDays(7).toMillis(), Range.atLeast(1), Importance.MEDIUM,
                    "How long a done, failed or rejected task stays readable after its last change; then its state "
                            + "is tombstoned and its audio removed. Also how long events of a task whose request never "
                            + "came are held.")
            .define(DELETED_MARKER_TTL_MS, Type.LONG, Duration.ofDays(1).toMillis(), Range.atLeast(1), Importance.LOW,
                    "How long the id of a deleted or expired task is remembered so that late or replayed events for "
                            + "it are ignored. Must exceed the longest delay of an event behind its task's deletion.")
            .define(SWEEP_INTERVAL_MS, Type.LONG, 60_000L, Range.atLeast(1), Importance.LOW,
                    "Wall-clock period of the retention scan over the stores.")
            .define(COMMIT_INTERVAL_MS, Type.LONG, 100L, Range.atLeast(1), Importance.MEDIUM,
                    "Kafka Streams commit.interval.ms: with exactly-once, how long a state change waits before "
                            + "readers of bonafide.task.state (read_committed) see it.")
            .define(NUM_STREAM_THREADS, Type.INT, 1, Range.between(1, 64), Importance.MEDIUM,
                    "Kafka Streams num.stream.threads.")
            .define(LOOKUP_TIMEOUT_MS, Type.LONG, 2_000L, Range.between(1, 60_000), Importance.LOW,
                    "Connect and request timeout of a lookup forwarded to the instance that owns the task.")
            .define(CLOSE_TIMEOUT_MS, Type.LONG, 30_000L, Range.between(1, 600_000), Importance.LOW,
                    "Longest wait for a graceful close of the Streams instance.");

    public TasksConfig(Map<String, ?> originals) {
        super(DEFINITION, originals, false);
    }

    /** The topic names, prefixed when a prefix is set. */
    public TopicNames topicNames() {
        String prefix = getString(TOPIC_PREFIX);
        return prefix.isEmpty() ? TopicNames.defaults() : TopicNames.prefixed(prefix);
    }

    /** The retention settings as topology options. */
    public TaskStateOptions options() {
        return new TaskStateOptions(Duration.ofMillis(getLong(TERMINAL_TTL_MS)),
                Duration.ofMillis(getLong(DELETED_MARKER_TTL_MS)), Duration.ofMillis(getLong(SWEEP_INTERVAL_MS)));
    }

    /** Settings under {@link #STREAMS_PREFIX}, with the prefix removed. */
    public Map<String, Object> streamsOverrides() {
        return originalsWithPrefix(STREAMS_PREFIX);
    }
}
