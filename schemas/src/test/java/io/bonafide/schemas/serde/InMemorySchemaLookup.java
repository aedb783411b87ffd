package io.bonafide.schemas.serde;

import io.bonafide.schemas.serde.WireFormatException.Reason;
import io.bonafide.schemas.serde.internal.SchemaLookup;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.Schema;

/** A registry in a map, for unit tests of the serializer and deserializer alone. */
public final class InMemorySchemaLookup implements SchemaLookup {
    private final Map<Integer, Schema> byId = new HashMap<>();
    private final Map<String, Integer> bySubjectSchema = new HashMap<>();
    private int nextId;

    public InMemorySchemaLookup(int firstId) {
        this.nextId = firstId;
    }

    @Override
    public synchronized Schema schemaById(int id) {
        Schema schema = byId.get(id);
        if (schema == null) {
            throw new WireFormatException(Reason.UNKNOWN_SCHEMA_ID, "unknown", Map.of("schema_id", String.valueOf(id)));
        }
        return schema;
    }

    @Override
    public synchronized int idFor(String subject, Schema schema, boolean register) {
        String key = subject + "\n" + schema;
        Integer id = bySubjectSchema.get(key);
        if (id == null) {
            if (!register) {
                throw new WireFormatException(Reason.SCHEMA_NOT_REGISTERED, "not registered", Map.of("subject", subject));
            }
            id = nextId++;
            bySubjectSchema.put(key, id);
            byId.put(id, schema);
        }
        return id;
    }
}
