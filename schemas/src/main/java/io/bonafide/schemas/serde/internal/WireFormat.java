package io.bonafide.schemas.serde.internal;

import io.bonafide.schemas.serde.WireFormatException;
import io.bonafide.schemas.serde.WireFormatException.Reason;
import java.util.Map;

/**
 * Confluent's framing: magic byte 0, the schema id as a 4-byte big-endian int, then the Avro
 * binary encoding of the datum with no further header.
 */
public final class WireFormat {
    public static final byte MAGIC = 0;
    public static final int HEADER_LENGTH = 5;

    private WireFormat() {
    }

    /** Writes the 5-byte header for {@code schemaId} at the start of {@code target}. */
    public static void writeHeader(byte[] target, int schemaId) {
        target[0] = MAGIC;
        target[1] = (byte) (schemaId >>> 24);
        target[2] = (byte) (schemaId >>> 16);
        target[3] = (byte) (schemaId >>> 8);
        target[4] = (byte) schemaId;
    }

    /** The schema id of a framed record, after checking the frame. */
    public static int readSchemaId(byte[] framed) {
        if (framed.length < HEADER_LENGTH) {
            throw new WireFormatException(Reason.NOT_WIRE_FORMAT,
                    "record shorter than the 5-byte wire-format header",
                    Map.of("length", String.valueOf(framed.length)));
        }
        if (framed[0] != MAGIC) {
            throw new WireFormatException(Reason.NOT_WIRE_FORMAT, "unknown magic byte",
                    Map.of("magic_byte", String.valueOf(framed[0])));
        }
        return ((framed[1] & 0xff) << 24) | ((framed[2] & 0xff) << 16) | ((framed[3] & 0xff) << 8) | (framed[4] & 0xff);
    }
}
