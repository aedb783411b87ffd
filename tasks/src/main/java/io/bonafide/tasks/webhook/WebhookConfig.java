package io.bonafide.tasks.webhook;

import io.bonafide.schemas.TopicNames;
import io.bonafide.tasks.webhook.internal.AddressPolicy;
import io.bonafide.tasks.webhook.internal.RetrySchedule;
import io.bonafide.tasks.webhook.internal.StandardWebhookSigner;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * Every setting of the webhook dispatcher, declared once with type, default, validator and
 * documentation; a bad value fails at startup naming the key (never echoing a secret). The same
 * map carries the serde keys ({@code schema.registry.url}, …, see {@code SerdeConfig}); Kafka
 * client settings beyond the ones below pass through with the prefixes
 * {@code bonafide.webhooks.consumer.} and {@code bonafide.webhooks.producer.}. Per-tenant values
 * use the prefix {@code bonafide.webhooks.tenant.<tenant>.}: {@code secret} (a Standard Webhooks
 * secret, {@code whsec_} + base64) and {@code urls} (the tenant-level subscription URLs, comma
 * separated).
 */
public final class WebhookConfig extends AbstractConfig {
    public static final String BOOTSTRAP_SERVERS = "bonafide.webhooks.bootstrap.servers";
    public static final String GROUP_ID = "bonafide.webhooks.group.id";
    public static final String TOPIC_PREFIX = "bonafide.webhooks.topic.prefix";
    public static final String RETRIES_TOPIC = "bonafide.webhooks.retries.topic";
    public static final String DISABLED_TOPIC = "bonafide.webhooks.disabled.topic";
    public static final String INTERNAL_REPLICATION_FACTOR = "bonafide.webhooks.internal.topic.replication.factor";
    public static final String RETRIES_RETENTION_MS = "bonafide.webhooks.retries.retention.ms";
    public static final String RETRY_SCHEDULE = "bonafide.webhooks.retry.schedule";
    public static final String RETRY_JITTER = "bonafide.webhooks.retry.jitter";
    public static final String RETRY_MAX_ATTEMPTS = "bonafide.webhooks.retry.max.attempts";
    public static final String RETRY_HORIZON_MS = "bonafide.webhooks.retry.horizon.ms";
    public static final String RETRY_AFTER_MAX_MS = "bonafide.webhooks.retry.after.max.ms";
    public static final String CLIENT_ERROR_MAX_ATTEMPTS = "bonafide.webhooks.client.error.max.attempts";
    public static final String HTTP_CONNECT_TIMEOUT_MS = "bonafide.webhooks.http.connect.timeout.ms";
    public static final String HTTP_REQUEST_TIMEOUT_MS = "bonafide.webhooks.http.request.timeout.ms";
    public static final String DELIVERY_THREADS = "bonafide.webhooks.delivery.threads";
    public static final String POLL_TIMEOUT_MS = "bonafide.webhooks.poll.timeout.ms";
    public static final String STARTUP_TIMEOUT_MS = "bonafide.webhooks.startup.timeout.ms";
    public static final String ALLOW_CIDRS = "bonafide.webhooks.ssrf.allow.cidrs";
    public static final String ALLOW_HOSTS = "bonafide.webhooks.ssrf.allow.hosts";
    public static final String SECRETS_FILE = "bonafide.webhooks.secrets.file";
    public static final String DEFAULT_SECRET = "bonafide.webhooks.default.secret";
    public static final String TENANT_PREFIX = "bonafide.webhooks.tenant.";
    public static final String CONSUMER_PREFIX = "bonafide.webhooks.consumer.";
    public static final String PRODUCER_PREFIX = "bonafide.webhooks.producer.";

    public static final ConfigDef DEFINITION = new ConfigDef()
            .define(BOOTSTRAP_SERVERS, Type.LIST, ConfigDef.NO_DEFAULT_VALUE, (name, value) -> {
                        if (value == null || ((List<?>) value).isEmpty()) {
                            throw new ConfigException(name, value, "at least one host:port is required");
                        }
                    },
                    Importance.HIGH, "Kafka bootstrap servers, host:port[,host:port…].")
            .define(GROUP_ID, Type.STRING, "bonafide-webhooks", new ConfigDef.NonEmptyString(), Importance.HIGH,
                    "Consumer group of the dispatchers on the task-state topic; every dispatcher of one "
                            + "deployment uses the same id.")
            .define(TOPIC_PREFIX, Type.STRING, "", Importance.LOW,
                    "Prefix of every topic name (prefix + '.' + name), for shared clusters and tests; applies "
                            + "to the SPEC topics and to the two internal webhook topics.")
            .define(RETRIES_TOPIC, Type.STRING, "bonafide.webhook.retries", new ConfigDef.NonEmptyString(),
                    Importance.LOW, "Internal compacted topic of delivery records (pending retries and "
                            + "finished deliveries), keyed by task_id and co-partitioned with the task-state "
                            + "topic; created at startup when missing.")
            .define(DISABLED_TOPIC, Type.STRING, "bonafide.webhook.disabled", new ConfigDef.NonEmptyString(),
                    Importance.LOW, "Internal compacted topic of endpoints disabled by a 410 Gone answer, keyed "
                            + "by URL; created at startup when missing.")
            .define(INTERNAL_REPLICATION_FACTOR, Type.INT, -1, Range.between(-1, 32), Importance.LOW,
                    "Replication factor of the internal topics when the dispatcher creates them; -1 takes the "
                            + "broker's default.")
            .define(RETRIES_RETENTION_MS, Type.LONG, Duration.ofDays(7).toMillis(),
                    Range.between(Duration.ofHours(1).toMillis(), Long.MAX_VALUE), Importance.LOW,
                    "retention.ms of the retries topic (cleanup.policy compact,delete): how long finished "
                            + "deliveries are remembered for deduplication. Must exceed the longest single delay.")
            .define(RETRY_SCHEDULE, Type.LIST, "5s,30s,2m,10m,30m,1h,2h,4h", (name, value) -> {
                        try {
                            RetrySchedule.parseDelays(asStrings(value));
                        } catch (IllegalArgumentException e) {
                            throw new ConfigException(name, value, e.getMessage());
                        }
                    }, Importance.MEDIUM,
                    "Delays before retry 1, 2, … (units ms, s, m, h); the last one repeats until "
                            + RETRY_MAX_ATTEMPTS + " or " + RETRY_HORIZON_MS + " is reached.")
            .define(RETRY_JITTER, Type.DOUBLE, 0.2, Range.between(0.0, 0.9), Importance.LOW,
                    "Relative jitter of every delay: each delay is drawn uniformly from ±jitter around its "
                            + "nominal value, so that receivers coming back are not hit by synchronised waves.")
            .define(RETRY_MAX_ATTEMPTS, Type.INT, 20, Range.between(1, 1000), Importance.MEDIUM,
                    "Most attempts of one delivery (the first included) before it is given up.")
            .define(RETRY_HORIZON_MS, Type.LONG, Duration.ofHours(72).toMillis(), Range.atLeast(1L), Importance.MEDIUM,
                    "No attempt is scheduled later than this after the first one; the delivery is given up instead.")
            .define(RETRY_AFTER_MAX_MS, Type.LONG, Duration.ofHours(1).toMillis(), Range.atLeast(1L), Importance.LOW,
                    "Upper bound of a Retry-After delay honoured after 429 or 503.")
            .define(CLIENT_ERROR_MAX_ATTEMPTS, Type.INT, 3, Range.between(1, 1000), Importance.LOW,
                    "Attempts of one delivery that the receiver answers with a 4xx other than 410, 429 (or "
                            + "3xx: redirects are not followed) before it is given up: such answers usually mean "
                            + "a misconfigured receiver, which a few spaced attempts give a chance to be fixed.")
            .define(HTTP_CONNECT_TIMEOUT_MS, Type.LONG, 5_000L, Range.between(1, 600_000), Importance.LOW,
                    "TCP/TLS connect timeout of one attempt.")
            .define(HTTP_REQUEST_TIMEOUT_MS, Type.LONG, 15_000L, Range.between(1, 600_000), Importance.MEDIUM,
                    "Longest wait for the receiver's answer in one attempt; a timeout is retried.")
            .define(DELIVERY_THREADS, Type.INT, 8, Range.between(1, 1024), Importance.MEDIUM,
                    "Attempts in flight at once (each resolves, checks and posts on its own thread); the "
                            + "state topic is never blocked by them.")
            .define(POLL_TIMEOUT_MS, Type.LONG, 200L, Range.between(1, 60_000), Importance.LOW,
                    "Longest wait of one poll of the state topic; bounds how late a due retry starts.")
            .define(STARTUP_TIMEOUT_MS, Type.LONG, 60_000L, Range.between(1, 3_600_000), Importance.LOW,
                    "How long start() waits for the task-state topic to exist.")
            .define(ALLOW_CIDRS, Type.LIST, "", (name, value) -> {
                        try {
                            asStrings(value).forEach(AddressPolicy.Cidr::parse);
                        } catch (IllegalArgumentException e) {
                            throw new ConfigException(name, value, e.getMessage());
                        }
                    }, Importance.MEDIUM,
                    "CIDRs (IPv4 or IPv6) that webhook targets may resolve to although they are private, "
                            + "loopback, link-local, unique-local, multicast or unspecified, e.g. 10.20.0.0/16.")
            .define(ALLOW_HOSTS, Type.LIST, "", Importance.MEDIUM,
                    "Host names (exact, case-insensitive) whose targets are allowed whatever they resolve to.")
            .define(SECRETS_FILE, Type.STRING, "", Importance.HIGH,
                    "Properties file of per-tenant signing secrets, one 'tenant=whsec_<base64>' per line; "
                            + "read at startup. Entries of " + TENANT_PREFIX + "<tenant>.secret win over it.")
            .define(DEFAULT_SECRET, Type.PASSWORD, null, Importance.HIGH,
                    "Signing secret (whsec_<base64>) of tenants that have none of their own; without it such "
                            + "tenants' deliveries are given up (logged, reason no_secret).");

    private final Map<String, byte[]> secrets;
    private final Map<String, List<String>> subscriptions;

    public WebhookConfig(Map<?, ?> values) {
        super(DEFINITION, values, false);
        Map<String, String> fileSecrets = readSecretsFile(getString(SECRETS_FILE));
        Map<String, byte[]> keys = new HashMap<>();
        fileSecrets.forEach((tenant, secret) -> keys.put(tenant, secretKey(SECRETS_FILE + " entry " + tenant, secret)));
        Map<String, List<String>> urls = new HashMap<>();
        originalsWithPrefix(TENANT_PREFIX).forEach((rest, value) -> {
            int dot = rest.lastIndexOf('.');
            String tenant = dot <= 0 ? "" : rest.substring(0, dot);
            String field = rest.substring(dot + 1);
            String key = TENANT_PREFIX + rest;
            if (tenant.isEmpty()) {
                throw new ConfigException(key, "(hidden)", "expected " + TENANT_PREFIX + "<tenant>.secret or .urls");
            }
            String text = value instanceof Password p ? p.value() : String.valueOf(value);
            switch (field) {
                case "secret" -> keys.put(tenant, secretKey(key, text));
                case "urls" -> urls.put(tenant, asStrings(value instanceof List<?> ? value : List.of(text.split(","))));
                default -> throw new ConfigException(key, "(hidden)", "unknown per-tenant field; use secret or urls");
            }
        });
        this.secrets = Map.copyOf(keys);
        this.subscriptions = Map.copyOf(urls);
        RetrySchedule.parseDelays(getList(RETRY_SCHEDULE));
    }

    /** The SPEC topic names, with the configured prefix. */
    public TopicNames topicNames() {
        String prefix = getString(TOPIC_PREFIX);
        return prefix.isBlank() ? TopicNames.defaults() : TopicNames.prefixed(prefix);
    }

    /** An internal topic's name ({@link #RETRIES_TOPIC} or {@link #DISABLED_TOPIC}) with the configured prefix. */
    public String internalTopic(String key) {
        String prefix = getString(TOPIC_PREFIX);
        return prefix.isBlank() ? getString(key) : prefix + "." + getString(key);
    }

    public Duration duration(String key) {
        return Duration.ofMillis(getLong(key));
    }

    /** The signing key (decoded secret) of {@code tenant}, or the default one, if any. */
    public Optional<byte[]> signingKey(String tenant) {
        byte[] key = secrets.get(tenant);
        if (key != null) {
            return Optional.of(key);
        }
        Password fallback = getPassword(DEFAULT_SECRET);
        return fallback == null ? Optional.empty() : Optional.of(secretKey(DEFAULT_SECRET, fallback.value()));
    }

    /** The tenant-level subscription URLs of {@code tenant} (empty when it has none). */
    public List<String> subscriptions(String tenant) {
        return subscriptions.getOrDefault(tenant, List.of());
    }

    private static byte[] secretKey(String key, String secret) {
        try {
            return StandardWebhookSigner.decodeSecret(secret);
        } catch (IllegalArgumentException e) {
            // The value is a secret: the message names the key and the rule, never the value.
            throw new ConfigException(key, "(hidden)", e.getMessage());
        }
    }

    private static Map<String, String> readSecretsFile(String file) {
        if (file == null || file.isBlank()) {
            return Map.of();
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new ConfigException(SECRETS_FILE, file, "cannot read the secrets file: " + e.getClass().getSimpleName());
        }
        Map<String, String> secrets = new HashMap<>();
        properties.stringPropertyNames().forEach(tenant -> secrets.put(tenant, properties.getProperty(tenant).trim()));
        return secrets;
    }

    private static List<String> asStrings(Object value) {
        List<String> out = new ArrayList<>();
        if (value instanceof List<?> list) {
            for (Object o : list) {
                String s = String.valueOf(o).trim();
                if (!s.isEmpty()) {
                    out.add(s);
                }
            }
        }
        return out;
    }
}
