package io.bonafide.gateway;

import io.bonafide.schemas.TopicNames;
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
 * Every setting of a gateway, declared once with type, default, validator and documentation; a
 * bad value fails at startup naming the key. The same map also carries the serde keys
 * ({@code schema.registry.url}, …, see {@code SerdeConfig}) and the store keys
 * ({@code bonafide.store.*}, see {@code AudioStoreConfig}); Kafka client settings beyond the
 * ones below pass through with the prefixes {@code bonafide.gateway.producer.} and
 * {@code bonafide.gateway.consumer.}.
 */
public final class GatewayConfig extends AbstractConfig {
    public static final String HOST = "bonafide.gateway.host";
    public static final String PORT = "bonafide.gateway.port";
    public static final String PUBLIC_BASE_URL = "bonafide.gateway.public.base.url";
    public static final String TRUST_FORWARDED_HEADERS = "bonafide.gateway.trust.forwarded.headers";
    public static final String AUTH_ENABLED = "bonafide.gateway.auth.enabled";
    public static final String API_KEYS_FILE = "bonafide.gateway.api.keys.file";
    public static final String DEFAULT_TENANT = "bonafide.gateway.default.tenant";
    public static final String RATE_LIMIT_REQUESTS = "bonafide.gateway.rate.limit.requests";
    public static final String RATE_LIMIT_PERIOD_MS = "bonafide.gateway.rate.limit.period.ms";
    public static final String CAPACITY_TASKS_IN_FLIGHT = "bonafide.gateway.capacity.tasks.in.flight";
    public static final String CAPACITY_AUDIO_SECONDS_IN_FLIGHT = "bonafide.gateway.capacity.audio.seconds.in.flight";
    public static final String CAPACITY_ESTIMATE_BYTES_PER_SECOND = "bonafide.gateway.capacity.estimate.bytes.per.second";
    public static final String CAPACITY_FOLLOW_STATE = "bonafide.gateway.capacity.follow.task.state";
    public static final String MAX_FILE_SIZE = "bonafide.gateway.max.file.size.bytes";
    public static final String MAX_CONFIG_SIZE = "bonafide.gateway.max.config.size.bytes";
    public static final String STORE_CAPACITY_BYTES = "bonafide.gateway.store.capacity.bytes";
    public static final String MULTIPART_MAX_PARTS = "bonafide.gateway.multipart.max.parts";
    public static final String MULTIPART_MAX_PART_HEADERS_BYTES = "bonafide.gateway.multipart.max.part.headers.bytes";
    public static final String MAX_REQUEST_HEADERS_BYTES = "bonafide.gateway.max.request.headers.bytes";
    public static final String IDLE_TIMEOUT_MS = "bonafide.gateway.idle.timeout.ms";
    public static final String ACCEPTED_CACHE_SIZE = "bonafide.gateway.accepted.cache.size";
    public static final String PUBLISH_TIMEOUT_MS = "bonafide.gateway.publish.timeout.ms";
    public static final String BOOTSTRAP_SERVERS = "bonafide.gateway.bootstrap.servers";
    public static final String TOPIC_PREFIX = "bonafide.gateway.topic.prefix";
    public static final String PRODUCER_PREFIX = "bonafide.gateway.producer.";
    public static final String CONSUMER_PREFIX = "bonafide.gateway.consumer.";

    public static final ConfigDef DEFINITION = new ConfigDef()
            .define(HOST, Type.STRING, "0.0.0.0", new ConfigDef.NonEmptyString(), Importance.HIGH,
                    "Address the HTTP server binds to.")
            .define(PORT, Type.INT, 8080, Range.between(0, 65_535), Importance.HIGH,
                    "Port of the HTTP API (and /healthz, /readyz, /metrics, /openapi.json); 0 picks a free port.")
            .define(PUBLIC_BASE_URL, Type.STRING, "", Importance.MEDIUM,
                    "Absolute base URL clients reach the gateway at (e.g. https://api.example.com/bonafide); when set, "
                            + "polling URLs (Location, X-Location) start with it whatever the request's headers say.")
            .define(TRUST_FORWARDED_HEADERS, Type.BOOLEAN, false, Importance.MEDIUM,
                    "Build polling URLs from Forwarded / X-Forwarded-Proto|Host|Port|Prefix. Only turn on behind a "
                            + "reverse proxy that sets (and strips client copies of) these headers.")
            .define(AUTH_ENABLED, Type.BOOLEAN, false, Importance.HIGH,
                    "Require an API key (X-API-Key or Authorization: Bearer) on the task API; 401 without a known key. "
                            + "Off: every request belongs to the default tenant.")
            .define(API_KEYS_FILE, Type.STRING, "", Importance.HIGH,
                    "File mapping tenants to API keys: one 'tenant=sha256hex-of-key' per line, '#' comments. Keys are "
                            + "stored only as SHA-256 hashes. Required when authentication is on.")
            .define(DEFAULT_TENANT, Type.STRING, "default", new ConfigDef.NonEmptyString(), Importance.MEDIUM,
                    "Tenant of every request while authentication is off.")
            .define(RATE_LIMIT_REQUESTS, Type.INT, 0, Range.atLeast(0), Importance.HIGH,
                    "Requests one tenant may make to the task API per period, per gateway instance; 0 turns the "
                            + "limit off.")
            .define(RATE_LIMIT_PERIOD_MS, Type.LONG, 60_000L, Range.between(1, 86_400_000), Importance.MEDIUM,
                    "Length of the rate-limit window.")
            .define(CAPACITY_TASKS_IN_FLIGHT, Type.INT, 0, Range.atLeast(0), Importance.HIGH,
                    "Licensed capacity: most tasks one tenant may have pending or running, fleet-wide; 0 = no limit.")
            .define(CAPACITY_AUDIO_SECONDS_IN_FLIGHT, Type.DOUBLE, 0.0, Range.atLeast(0), Importance.HIGH,
                    "Licensed capacity: most seconds of audio one tenant may have pending or running, fleet-wide; "
                            + "0 = no limit.")
            .define(CAPACITY_ESTIMATE_BYTES_PER_SECOND, Type.LONG, 16_000L, Range.atLeast(1), Importance.LOW,
                    "Bytes per second of audio assumed where a duration cannot be read from the file's header "
                            + "(MP3, some Ogg) or for tasks another instance accepted: 16000 B/s = 128 kbit/s.")
            .define(CAPACITY_FOLLOW_STATE, Type.BOOLEAN, true, Importance.LOW,
                    "Follow the task-state topic (all partitions, no group) to count tasks in flight fleet-wide. "
                            + "Off: only this instance's accepted tasks count.")
            .define(MAX_FILE_SIZE, Type.LONG, 500L * 1024 * 1024, Range.atLeast(1), Importance.HIGH,
                    "Largest accepted upload (part 'file'), in bytes; larger ones are answered 413.")
            .define(MAX_CONFIG_SIZE, Type.INT, 64 * 1024, Range.between(16, 16 * 1024 * 1024), Importance.LOW,
                    "Largest accepted 'config' part, in bytes.")
            .define(STORE_CAPACITY_BYTES, Type.LONG, 0L, Range.atLeast(0), Importance.MEDIUM,
                    "Capacity of the audio store: uploads are refused with 507 while the stored bytes exceed it. "
                            + "0 = no limit. Measured for the filesystem store (its root's size).")
            .define(MULTIPART_MAX_PARTS, Type.INT, 8, Range.between(1, 1000), Importance.LOW,
                    "Most parts in one multipart upload.")
            .define(MULTIPART_MAX_PART_HEADERS_BYTES, Type.INT, 8 * 1024, Range.between(256, 1024 * 1024),
                    Importance.LOW, "Most bytes of one part's headers.")
            .define(MAX_REQUEST_HEADERS_BYTES, Type.INT, 16 * 1024, Range.between(1024, 1024 * 1024), Importance.LOW,
                    "Most bytes of a request's line and headers.")
            .define(IDLE_TIMEOUT_MS, Type.LONG, 30_000L, Range.between(100, 3_600_000), Importance.LOW,
                    "A connection that sends nothing for this long is closed (a stalled upload is abandoned).")
            .define(ACCEPTED_CACHE_SIZE, Type.INT, 100_000, Range.between(1, 10_000_000), Importance.LOW,
                    "Tasks this instance accepted and remembers, so that a GET before the task state exists answers "
                            + "'pending' rather than 404; as many ids it deleted are remembered too, so that a GET after "
                            + "a DELETE answers 404 at once. Oldest forgotten first.")
            .define(PUBLISH_TIMEOUT_MS, Type.LONG, 30_000L, Range.between(1, 600_000), Importance.LOW,
                    "How long an upload waits for the broker to acknowledge its request event before answering 503.")
            .define(BOOTSTRAP_SERVERS, Type.LIST, ConfigDef.NO_DEFAULT_VALUE, (name, value) -> {
                        if (value == null || ((List<?>) value).isEmpty()) {
                            throw new ConfigException(name, value, "at least one host:port is required");
                        }
                    },
                    Importance.HIGH, "Kafka bootstrap servers, host:port[,host:port…].")
            .define(TOPIC_PREFIX, Type.STRING, "", Importance.LOW,
                    "Prefix of every topic name (prefix + '.' + SPEC name), for shared clusters and tests.");

    public GatewayConfig(Map<?, ?> values) {
        super(DEFINITION, values, false);
        if (getBoolean(AUTH_ENABLED) && getString(API_KEYS_FILE).isBlank()) {
            throw new ConfigException(API_KEYS_FILE, getString(API_KEYS_FILE),
                    "required when " + AUTH_ENABLED + " is true");
        }
        String base = getString(PUBLIC_BASE_URL);
        if (!base.isBlank() && !(base.startsWith("http://") || base.startsWith("https://"))) {
            throw new ConfigException(PUBLIC_BASE_URL, base, "must be an absolute http:// or https:// URL");
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
}
