package io.bonafide.schemas.serde;

import io.bonafide.schemas.serde.WireFormatException.Reason;
import io.bonafide.schemas.serde.internal.SchemaLookup;
import io.bonafide.schemas.serde.internal.SchemaRegistryRestClient;
import io.bonafide.schemas.serde.internal.TrustedEventClasses;
import io.bonafide.schemas.serde.internal.WireFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads Confluent-wire-format records: fetches the writer schema by id (cached), resolves it to
 * the generated class of the same name when {@code specific.avro.reader} is on (else reads a
 * GenericRecord), and decodes strictly: bytes left over after the datum are an error. Every
 * failure is a {@link WireFormatException} (permanent, dead-letter it) or a
 * {@link SchemaRegistryUnavailableException} (transient, retry it).
 */
public final class WireFormatDeserializer implements Deserializer<Object> {
    static {
        TrustedEventClasses.install();
    }

    private SchemaLookup registry;
    private boolean specificReader = true;
    private final Map<Integer, DatumReader<Object>> readers = new ConcurrentHashMap<>();

    /** For Kafka's reflective instantiation; {@link #configure} must follow. */
    public WireFormatDeserializer() {
    }

    /** A ready deserializer over an explicit registry, for tests of one class. */
    public WireFormatDeserializer(SchemaLookup registry, boolean specificReader) {
        this.registry = registry;
        this.specificReader = specificReader;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        SerdeConfig config = new SerdeConfig(configs);
        this.registry = SchemaRegistryRestClient.from(config);
        this.specificReader = config.getBoolean(SerdeConfig.SPECIFIC_AVRO_READER);
    }

    @Override
    public Object deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        if (registry == null) {
            throw new IllegalStateException("WireFormatDeserializer used before configure()");
        }
        int id = WireFormat.readSchemaId(data);
        DatumReader<Object> reader = readers.computeIfAbsent(id, this::readerFor);
        try {
            BinaryDecoder decoder = DecoderFactory.get()
                    .binaryDecoder(data, WireFormat.HEADER_LENGTH, data.length - WireFormat.HEADER_LENGTH, null);
            Object datum = reader.read(null, decoder);
            if (!decoder.isEnd()) {
                throw new WireFormatException(Reason.UNREADABLE_PAYLOAD, "bytes left over after the record",
                        Map.of("schema_id", String.valueOf(id), "topic", String.valueOf(topic)));
            }
            return datum;
        } catch (WireFormatException e) {
            throw e;
        } catch (Exception e) {
            throw new WireFormatException(Reason.UNREADABLE_PAYLOAD,
                    "payload does not decode with its writer schema: " + e,
                    Map.of("schema_id", String.valueOf(id), "topic", String.valueOf(topic)), e);
        }
    }

    private DatumReader<Object> readerFor(int id) {
        Schema writer = registry.schemaById(id);
        if (specificReader) {
            SpecificData model = SpecificData.getForSchema(writer);
            Class<?> generated = model.getClass(writer);
            if (generated != null) {
                Schema reader = model.getSchema(generated);
                SchemaCompatibility.SchemaPairCompatibility compatibility =
                        SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
                if (compatibility.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
                    throw new WireFormatException(Reason.INCOMPATIBLE_SCHEMA,
                            "writer schema cannot be read as " + generated.getName(),
                            Map.of("schema_id", String.valueOf(id), "detail", compatibility.getDescription()));
                }
                return new SpecificDatumReader<>(writer, reader, model);
            }
        }
        return new GenericDatumReader<>(writer, writer, GenericData.get());
    }
}
