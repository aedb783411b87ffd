package io.bonafide.schemas.serde;

import io.bonafide.schemas.serde.internal.SchemaLookup;
import io.bonafide.schemas.serde.internal.SchemaRegistryRestClient;
import io.bonafide.schemas.serde.internal.TrustedEventClasses;
import io.bonafide.schemas.serde.internal.WireFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes Avro records (generated or generic) in Confluent's wire format, with the writer schema
 * registered under the topic-name subject ({@code <topic>-key} or {@code <topic>-value}).
 * Configured by {@link SerdeConfig}; interchangeable with Confluent's {@code KafkaAvroSerializer}
 * for the records Bonafide writes. {@code null} stays {@code null} (a tombstone).
 */
public final class WireFormatSerializer implements Serializer<Object> {
    static {
        TrustedEventClasses.install();
    }

    private SchemaLookup registry;
    private boolean autoRegister;
    private boolean isKey;
    private final Map<Schema, DatumWriter<Object>> writers = new ConcurrentHashMap<>();

    /** For Kafka's reflective instantiation; {@link #configure} must follow. */
    public WireFormatSerializer() {
    }

    /** A ready serializer over an explicit registry, for tests of one class. */
    public WireFormatSerializer(SchemaLookup registry, boolean autoRegister, boolean isKey) {
        this.registry = registry;
        this.autoRegister = autoRegister;
        this.isKey = isKey;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        SerdeConfig config = new SerdeConfig(configs);
        this.registry = SchemaRegistryRestClient.from(config);
        this.autoRegister = config.getBoolean(SerdeConfig.AUTO_REGISTER_SCHEMAS);
        this.isKey = isKey;
    }

    @Override
    public byte[] serialize(String topic, Object data) {
        if (data == null) {
            return null;
        }
        if (registry == null) {
            throw new IllegalStateException("WireFormatSerializer used before configure()");
        }
        if (!(data instanceof GenericContainer container)) {
            throw new IllegalArgumentException("not an Avro record: " + data.getClass().getName());
        }
        Schema schema = container.getSchema();
        int id = registry.idFor(subject(topic, isKey), schema, autoRegister);
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        out.write(new byte[WireFormat.HEADER_LENGTH], 0, WireFormat.HEADER_LENGTH);
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        try {
            writers.computeIfAbsent(schema, s -> writerFor(s, data)).write(data, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] framed = out.toByteArray();
        WireFormat.writeHeader(framed, id);
        return framed;
    }

    /** Confluent's TopicNameStrategy. */
    public static String subject(String topic, boolean isKey) {
        return topic + (isKey ? "-key" : "-value");
    }

    private static DatumWriter<Object> writerFor(Schema schema, Object sample) {
        // Generated classes carry their own model with the logical-type conversions they need.
        return sample instanceof SpecificRecord
                ? new SpecificDatumWriter<>(schema, SpecificData.getForSchema(schema))
                : new GenericDatumWriter<>(schema, GenericData.get());
    }
}
