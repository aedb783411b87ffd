package io.bonafide.store;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * The audio store's settings, each key declared once with its type, default and documentation;
 * a bad value fails at startup naming the key. {@link #create()} builds the configured store.
 */
public final class AudioStoreConfig extends AbstractConfig {
    public static final String KIND = "bonafide.store.kind";
    public static final String ROOT = "bonafide.store.root";
    public static final String S3_BUCKET = "bonafide.store.s3.bucket";
    public static final String S3_PREFIX = "bonafide.store.s3.prefix";
    public static final String S3_ENDPOINT = "bonafide.store.s3.endpoint";
    public static final String S3_REGION = "bonafide.store.s3.region";
    public static final String S3_PATH_STYLE = "bonafide.store.s3.path.style";
    public static final String S3_ACCESS_KEY_ID = "bonafide.store.s3.access.key.id";
    public static final String S3_SECRET_ACCESS_KEY = "bonafide.store.s3.secret.access.key";
    public static final String TIMEOUT_MS = "bonafide.store.timeout.ms";

    public static final ConfigDef DEFINITION = new ConfigDef()
            .define(KIND, Type.STRING, "filesystem", ConfigDef.ValidString.in("filesystem", "s3"), Importance.HIGH,
                    "Which store holds uploaded audio: a directory (filesystem) or an S3 bucket (s3).")
            .define(ROOT, Type.STRING, "data/audio", new ConfigDef.NonEmptyString(), Importance.HIGH,
                    "Filesystem store: the root directory; uploads live at <root>/<tenant>/<task>/audio.")
            .define(S3_BUCKET, Type.STRING, "", Importance.HIGH, "S3 store: the bucket (required for kind s3).")
            .define(S3_PREFIX, Type.STRING, "", Importance.LOW, "S3 store: a key prefix, e.g. 'bonafide/'.")
            .define(S3_ENDPOINT, Type.STRING, "", Importance.MEDIUM,
                    "S3 store: endpoint of an S3-compatible server (MinIO, Ceph, moto); empty means AWS.")
            .define(S3_REGION, Type.STRING, "us-east-1", new ConfigDef.NonEmptyString(), Importance.MEDIUM,
                    "S3 store: the region.")
            .define(S3_PATH_STYLE, Type.BOOLEAN, true, Importance.LOW,
                    "S3 store: path-style addressing (http://host/bucket/key), which most S3-compatible servers need.")
            .define(S3_ACCESS_KEY_ID, Type.STRING, "", Importance.MEDIUM,
                    "S3 store: access key id; empty uses the default AWS credential chain.")
            .define(S3_SECRET_ACCESS_KEY, Type.PASSWORD, "", Importance.MEDIUM,
                    "S3 store: secret access key, with the access key id.")
            .define(TIMEOUT_MS, Type.LONG, 10_000L, ConfigDef.Range.atLeast(1), Importance.LOW,
                    "Connect and read timeout of one store request, in milliseconds.");

    public AudioStoreConfig(Map<?, ?> values) {
        super(DEFINITION, values);
        if ("s3".equals(getString(KIND)) && getString(S3_BUCKET).isBlank()) {
            throw new ConfigException(S3_BUCKET, getString(S3_BUCKET), "required when " + KIND + " is s3");
        }
        if (getString(S3_ACCESS_KEY_ID).isBlank() != getPassword(S3_SECRET_ACCESS_KEY).value().isBlank()) {
            throw new ConfigException(S3_ACCESS_KEY_ID, getString(S3_ACCESS_KEY_ID),
                    "give both " + S3_ACCESS_KEY_ID + " and " + S3_SECRET_ACCESS_KEY + ", or neither");
        }
    }

    /** Builds the configured store; the caller closes it. */
    public AudioStore create() {
        if ("filesystem".equals(getString(KIND))) {
            return new FilesystemAudioStore(Path.of(getString(ROOT)));
        }
        String endpoint = getString(S3_ENDPOINT);
        Password secret = getPassword(S3_SECRET_ACCESS_KEY);
        return new S3AudioStore(new S3AudioStore.Settings(getString(S3_BUCKET), getString(S3_PREFIX),
                endpoint.isBlank() ? Optional.empty() : Optional.of(URI.create(endpoint)), getString(S3_REGION),
                getBoolean(S3_PATH_STYLE), nonBlank(getString(S3_ACCESS_KEY_ID)), nonBlank(secret.value()),
                Duration.ofMillis(getLong(TIMEOUT_MS))));
    }

    private static Optional<String> nonBlank(String value) {
        return value.isBlank() ? Optional.empty() : Optional.of(value);
    }
}
