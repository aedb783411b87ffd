package io.bonafide.schemas;

import io.bonafide.schemas.event.TaskDeleted;
import io.bonafide.schemas.event.TaskKey;
import io.bonafide.schemas.event.TaskState;
import io.bonafide.schemas.event.VerificationError;
import io.bonafide.schemas.event.VerificationRequested;
import io.bonafide.schemas.event.VerificationResult;
import io.bonafide.schemas.event.VerificationStarted;
import io.bonafide.schemas.serde.internal.TrustedEventClasses;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.avro.Schema;

/**
 * The top-level event schemas this build writes, by full name: the schemas registered under
 * the topics' subjects and checked against their released versions.
 */
public final class EventSchemas {
    private EventSchemas() {
    }

    /** Full name to schema, for the key and the six event types, in a stable order. */
    public static Map<String, Schema> current() {
        Map<String, Schema> schemas = new LinkedHashMap<>();
        for (Schema schema : new Schema[] {TaskKey.getClassSchema(), VerificationRequested.getClassSchema(),
                VerificationResult.getClassSchema(), VerificationError.getClassSchema(),
                VerificationStarted.getClassSchema(), TaskDeleted.getClassSchema(), TaskState.getClassSchema()}) {
            schemas.put(schema.getFullName(), schema);
        }
        return Map.copyOf(schemas);
    }

    /**
     * Lets Avro 1.12's class-security validator accept the generated event classes (and only
     * them). The serdes do this when configured; code that builds events with nested records
     * before any serde exists (a topology test, a renderer test) calls it first.
     */
    public static void trustEventClasses() {
        TrustedEventClasses.install();
    }
}
