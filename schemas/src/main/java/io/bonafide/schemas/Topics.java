package io.bonafide.schemas;

import io.bonafide.schemas.event.TaskDeleted;
import io.bonafide.schemas.event.TaskKey;
import io.bonafide.schemas.event.TaskState;
import io.bonafide.schemas.event.VerificationError;
import io.bonafide.schemas.event.VerificationRequested;
import io.bonafide.schemas.event.VerificationResult;
import io.bonafide.schemas.event.VerificationStarted;
import io.bonafide.schemas.serde.SerdeConfig;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.Utils;

/**
 * The typed topic registry: each of Bonafide's seven topics with its key and value serdes, built
 * once from a {@link SerdeConfig} map (which also selects the serializer classes). Immutable and
 * thread-safe; share one per process.
 */
public final class Topics {
    private final TopicNames names;
    private final Topic<TaskKey, VerificationRequested> requests;
    private final Topic<TaskKey, VerificationResult> results;
    private final Topic<TaskKey, VerificationError> errors;
    private final Topic<TaskKey, VerificationStarted> progress;
    private final Topic<TaskKey, TaskState> taskState;
    private final Topic<TaskKey, TaskDeleted> deletions;
    private final Topic<byte[], byte[]> deadLetter;

    private Topics(TopicNames names, Map<String, ?> serdeConfig) {
        SerdeConfig config = new SerdeConfig(serdeConfig);
        // One key serde and one value serde serve all event topics, so they share schema caches.
        Serde<Object> keys = serde(config, SerdeConfig.KEY_SERIALIZER, SerdeConfig.KEY_DESERIALIZER, true);
        Serde<Object> values = serde(config, SerdeConfig.VALUE_SERIALIZER, SerdeConfig.VALUE_DESERIALIZER, false);
        this.names = names;
        this.requests = new Topic<>(names.requests(), narrow(keys), narrow(values));
        this.results = new Topic<>(names.results(), narrow(keys), narrow(values));
        this.errors = new Topic<>(names.errors(), narrow(keys), narrow(values));
        this.progress = new Topic<>(names.progress(), narrow(keys), narrow(values));
        this.taskState = new Topic<>(names.taskState(), narrow(keys), narrow(values));
        this.deletions = new Topic<>(names.deletions(), narrow(keys), narrow(values));
        this.deadLetter = new Topic<>(names.deadLetter(), Serdes.ByteArray(), Serdes.ByteArray());
    }

    /** The registry for {@code names}, with serdes configured from {@code serdeConfig}. */
    public static Topics create(TopicNames names, Map<String, ?> serdeConfig) {
        return new Topics(Objects.requireNonNull(names, "names"), Objects.requireNonNull(serdeConfig, "serdeConfig"));
    }

    /** The registry for the SPEC 3 topic names. */
    public static Topics create(Map<String, ?> serdeConfig) {
        return create(TopicNames.defaults(), serdeConfig);
    }

    public TopicNames names() {
        return names;
    }

    public Topic<TaskKey, VerificationRequested> requests() {
        return requests;
    }

    public Topic<TaskKey, VerificationResult> results() {
        return results;
    }

    public Topic<TaskKey, VerificationError> errors() {
        return errors;
    }

    public Topic<TaskKey, VerificationStarted> progress() {
        return progress;
    }

    public Topic<TaskKey, TaskState> taskState() {
        return taskState;
    }

    public Topic<TaskKey, TaskDeleted> deletions() {
        return deletions;
    }

    public Topic<byte[], byte[]> deadLetter() {
        return deadLetter;
    }

    /** The six event topics and the dead-letter topic. */
    public List<Topic<?, ?>> all() {
        return List.of(requests, results, errors, progress, taskState, deletions, deadLetter);
    }

    /** The configured serdes are Avro serdes over Object; each topic fixes what its records are. */
    @SuppressWarnings("unchecked")
    private static <T> Serde<T> narrow(Serde<Object> serde) {
        return (Serde<T>) (Serde<?>) serde;
    }

    @SuppressWarnings("unchecked")
    private static Serde<Object> serde(SerdeConfig config, String serializerKey, String deserializerKey, boolean isKey) {
        Serializer<Object> serializer = Utils.newInstance(config.getClass(serializerKey), Serializer.class);
        Deserializer<Object> deserializer = Utils.newInstance(config.getClass(deserializerKey), Deserializer.class);
        serializer.configure(config.originals(), isKey);
        deserializer.configure(config.originals(), isKey);
        return Serdes.serdeFrom(serializer, deserializer);
    }
}
