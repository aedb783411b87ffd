package io.bonafide.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bonafide.schemas.SampleEvents;
import io.bonafide.schemas.event.TaskKey;
import io.bonafide.schemas.event.VerificationRequested;
import io.bonafide.schemas.serde.WireFormatException.Reason;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

class WireFormatSerdeTest {
    private static final int HEADER = 5;

    private final InMemorySchemaLookup registry = new InMemorySchemaLookup(7);
    private final WireFormatSerializer serializer = new WireFormatSerializer(registry, true, false);
    private final WireFormatDeserializer deserializer = new WireFormatDeserializer(registry, true);

    @Test
    void shouldFrameTaskKeyExactlyAsConfluentWireFormat() {
        // Given a key whose Avro encoding is known: a string of 3 bytes is zig-zag length 6, then the bytes
        TaskKey key = TaskKey.newBuilder().setTaskId("abc").build();

        // When
        byte[] bytes = serializer.serialize("t", key);

        // Then magic 0, schema id 7 as big-endian int, then plain Avro binary
        assertThat(HexFormat.of().formatHex(bytes)).isEqualTo("00" + "00000007" + "06" + "616263");
    }

    @Test
    void shouldFollowTheHeaderWithThePlainAvroBinaryEncoding() throws Exception {
        // Given
        VerificationRequested event = SampleEvents.requested(1);

        // When
        byte[] bytes = serializer.serialize("bonafide.verification.requests", event);

        // Then
        assertThat(bytes[0]).isZero();
        assertThat(Arrays.copyOfRange(bytes, 5, bytes.length)).isEqualTo(avroBinary(event));
        int id = ((bytes[1] & 0xff) << 24) | ((bytes[2] & 0xff) << 16) | ((bytes[3] & 0xff) << 8) | (bytes[4] & 0xff);
        assertThat(registry.schemaById(id)).isEqualTo(VerificationRequested.getClassSchema());
    }

    @Test
    void shouldRoundTripEveryEventType() {
        for (SpecificRecord event : List.of(SampleEvents.key(2), SampleEvents.requested(2), SampleEvents.result(2),
                SampleEvents.error(2), SampleEvents.started(2), SampleEvents.state(2))) {
            assertThat(deserializer.deserialize("t", serializer.serialize("t", event))).isEqualTo(event);
        }
    }

    @Test
    void shouldReadGenericRecordsWhenSpecificReaderIsOff() {
        byte[] bytes = serializer.serialize("t", SampleEvents.requested(3));

        Object read = new WireFormatDeserializer(registry, false).deserialize("t", bytes);

        assertThat(read).isInstanceOf(GenericRecord.class);
        assertThat(((GenericRecord) read).get("task_id").toString()).isEqualTo(SampleEvents.taskId(3));
    }

    @Test
    void shouldKeepNullAsNullForTombstones() {
        assertThat(serializer.serialize("t", null)).isNull();
        assertThat(deserializer.deserialize("t", null)).isNull();
    }

    @Test
    void shouldRefuseUnregisteredSchemaWhenAutoRegistrationIsOff() {
        WireFormatSerializer strict = new WireFormatSerializer(registry, false, false);

        assertThatThrownBy(() -> strict.serialize("fresh-topic", SampleEvents.requested(4)))
                .isInstanceOfSatisfying(WireFormatException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.SCHEMA_NOT_REGISTERED));
    }

    @Test
    void shouldNameTheReasonForEachKindOfUnreadableBytes() {
        byte[] good = serializer.serialize("t", SampleEvents.requested(5));
        byte[] badMagic = good.clone();
        badMagic[0] = 1;
        byte[] unknownId = good.clone();
        unknownId[4] = 99;
        byte[] trailing = Arrays.copyOf(good, good.length + 1);
        byte[] truncated = Arrays.copyOf(good, good.length - 3);

        assertReason(new byte[0], Reason.NOT_WIRE_FORMAT);
        assertReason(new byte[] {0, 0, 0}, Reason.NOT_WIRE_FORMAT);
        assertReason(badMagic, Reason.NOT_WIRE_FORMAT);
        assertReason(unknownId, Reason.UNKNOWN_SCHEMA_ID);
        assertReason(trailing, Reason.UNREADABLE_PAYLOAD);
        assertReason(truncated, Reason.UNREADABLE_PAYLOAD);
    }

    @Test
    void shouldAnswerEveryMutationWithARecordOrAWireFormatException() {
        // Given valid bytes of the richest event and a fixed seed
        byte[] valid = serializer.serialize("t", SampleEvents.state(6));
        Random random = new Random(20261121L);
        int decoded = 0;
        int refused = 0;

        // When 5,000 mutations (byte flips, truncations, insertions) are read
        for (int i = 0; i < 5_000; i++) {
            byte[] mutated = mutate(valid, random);
            try {
                deserializer.deserialize("t", mutated);
                decoded++;
            } catch (WireFormatException expected) {
                refused++;
            }
        }

        // Then nothing else escaped, and both outcomes occurred
        assertThat(decoded + refused).isEqualTo(5_000);
        assertThat(refused).isPositive();
        assertThat(decoded).isPositive();
    }

    private void assertReason(byte[] bytes, Reason reason) {
        assertThatThrownBy(() -> deserializer.deserialize("t", bytes))
                .isInstanceOfSatisfying(WireFormatException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }

    private static byte[] mutate(byte[] valid, Random random) {
        byte[] copy = valid.clone();
        switch (random.nextInt(3)) {
            case 0 -> {
                int flips = 1 + random.nextInt(4);
                for (int f = 0; f < flips; f++) {
                    // Keep the header most of the time so the payload decoder gets exercised.
                    int at = HEADER + random.nextInt(copy.length - HEADER);
                    copy[at] = (byte) random.nextInt(256);
                }
                return copy;
            }
            case 1 -> {
                return Arrays.copyOf(copy, random.nextInt(copy.length));
            }
            default -> {
                int at = random.nextInt(copy.length);
                byte[] longer = new byte[copy.length + 1 + random.nextInt(8)];
                System.arraycopy(copy, 0, longer, 0, at);
                for (int b = at; b < at + longer.length - copy.length; b++) {
                    longer[b] = (byte) random.nextInt(256);
                }
                System.arraycopy(copy, at, longer, at + longer.length - copy.length, copy.length - at);
                return longer;
            }
        }
    }

    private static byte[] avroBinary(SpecificRecord record) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new SpecificDatumWriter<SpecificRecord>(record.getSchema()).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }
}
