package io.bonafide.schemas.serde;

import io.bonafide.core.BonafideException;
import io.bonafide.core.ErrorType;
import java.util.Locale;
import java.util.Map;

/**
 * Bytes that can never become an event, or an event that can never become bytes: not Confluent
 * wire format, a schema id the registry does not know, a payload that does not decode with its
 * writer schema. Permanent by nature: retrying reads the same bytes again, so consumers
 * dead-letter the record and go on.
 */
public final class WireFormatException extends BonafideException {
    private static final long serialVersionUID = 1L;

    /** Why the bytes are unusable; {@link #code()} is what dead-letter headers carry. */
    public enum Reason {
        /** Empty, shorter than the 5-byte header, or a magic byte other than 0. */
        NOT_WIRE_FORMAT,
        /** The 4-byte schema id is not known to the registry. */
        UNKNOWN_SCHEMA_ID,
        /** The Avro payload does not decode with its writer schema, or has bytes left over. */
        UNREADABLE_PAYLOAD,
        /** The writer schema cannot be resolved to the reader's schema. */
        INCOMPATIBLE_SCHEMA,
        /** Serializing: the schema is not registered under its subject and auto-registration is off. */
        SCHEMA_NOT_REGISTERED,
        /** Serializing: the registry refused the schema (e.g. it breaks the subject's compatibility). */
        SCHEMA_REFUSED;

        /** Lowercase hyphenated name, e.g. {@code unknown-schema-id}. */
        public String code() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    private final Reason reason;

    public WireFormatException(Reason reason, String message, Map<String, String> context, Throwable cause) {
        super(ErrorType.INTERNAL, message, context, cause);
        this.reason = reason;
    }

    public WireFormatException(Reason reason, String message, Map<String, String> context) {
        this(reason, message, context, null);
    }

    public Reason reason() {
        return reason;
    }
}
