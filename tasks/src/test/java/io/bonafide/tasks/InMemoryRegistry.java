package io.bonafide.tasks;

import io.bonafide.schemas.serde.WireFormatDeserializer;
import io.bonafide.schemas.serde.WireFormatSerializer;
import io.bonafide.schemas.serde.internal.SchemaLookup;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A schema registry in a map, plugged into the real wire-format serde through the serde class
 * settings, so that topology unit tests run the production (de)serializers without a registry
 * process. One per test JVM; ids only grow.
 */
final class InMemoryRegistry implements SchemaLookup {
    static final InMemoryRegistry SHARED = new InMemoryRegistry();
    private final Map<Integer, Schema> byId = new HashMap<>();
    private final Map<String, Integer> ids = new HashMap<>();

    /** Serde settings that route every serde of {@code Topics} through {@link #SHARED}. */
    static Map<String, Object> serdeConfig() {
        return Map.of("schema.registry.url", "http://in-memory.invalid",
                "bonafide.serde.key.serializer", Ser.class, "bonafide.serde.value.serializer", Ser.class,
                "bonafide.serde.key.deserializer", De.class, "bonafide.serde.value.deserializer", De.class);
    }

    @Override
    public synchronized Schema schemaById(int id) {
        Schema schema = byId.get(id);
        if (schema == null) {
            throw new IllegalStateException("unknown schema id " + id);
        }
        return schema;
    }

    @Override
    public synchronized int idFor(String subject, Schema schema, boolean register) {
        return ids.computeIfAbsent(schema.toString(), s -> {
            int id = byId.size() + 1;
            byId.put(id, schema);
            return id;
        });
    }

    /** The wire-format serializer over the shared map. */
    public static final class Ser implements Serializer<Object> {
        private WireFormatSerializer delegate;

        @Override
        public void configure(Map<String, ?> configs, boolean isKey) {
            delegate = new WireFormatSerializer(SHARED, true, isKey);
        }

        @Override
        public byte[] serialize(String topic, Object data) {
            return delegate.serialize(topic, data);
        }
    }

    /** The wire-format deserializer over the shared map. */
    public static final class De implements Deserializer<Object> {
        private WireFormatDeserializer delegate;

        @Override
        public void configure(Map<String, ?> configs, boolean isKey) {
            delegate = new WireFormatDeserializer(SHARED, true);
        }

        @Override
        public Object deserialize(String topic, byte[] data) {
            return delegate.deserialize(topic, data);
        }
    }
}
