package io.bonafide.audio.decode.testing;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * WAV files written byte by byte, so that tests control what real writers vary: chunk order,
 * unknown and odd-sized chunks, sizes of 0 or 0xFFFFFFFF, the fmt variants.
 */
public final class WavBytes {
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private final String riffTag;

    private WavBytes(String riffTag) {
        this.riffTag = riffTag;
    }

    /** A RIFF/WAVE file; add chunks, then {@link #bytes()}. */
    public static WavBytes riff() {
        return new WavBytes("RIFF");
    }

    /** A 32-bit float fmt chunk body. */
    public static byte[] floatFmt(int channels, int sampleRate) {
        return fmt(3, channels, sampleRate, 32);
    }

    /** A plain 16-byte fmt chunk body. */
    public static byte[] fmt(int tag, int channels, int sampleRate, int bits) {
        int blockAlign = channels * ((bits + 7) / 8);
        return ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN)
                .putShort((short) tag).putShort((short) channels).putInt(sampleRate)
                .putInt(sampleRate * blockAlign).putShort((short) blockAlign).putShort((short) bits).array();
    }

    /** Little-endian float samples. */
    public static byte[] floatData(float[] interleaved) {
        ByteBuffer buffer = ByteBuffer.allocate(interleaved.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : interleaved) {
            buffer.putFloat(v);
        }
        return buffer.array();
    }

    /** Little-endian 16-bit samples, rounded and clipped. */
    public static byte[] s16Data(float[] interleaved) {
        ByteBuffer buffer = ByteBuffer.allocate(interleaved.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : interleaved) {
            buffer.putShort((short) Math.max(-32768, Math.min(32767, Math.round(v * 32768))));
        }
        return buffer.array();
    }

    /** A chunk whose size field is the body's length (a pad byte follows an odd body). */
    public WavBytes chunk(String id, byte[] data) {
        return chunk(id, data, data.length);
    }

    /** A chunk with a size field of {@code declaredSize}, whatever the body's length. */
    public WavBytes chunk(String id, byte[] data, long declaredSize) {
        body.writeBytes(id.getBytes(StandardCharsets.US_ASCII));
        body.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) declaredSize).array());
        body.writeBytes(data);
        if ((data.length & 1) == 1) {
            body.write(0);
        }
        return this;
    }

    /** Raw bytes appended as they are. */
    public WavBytes raw(byte[] data) {
        body.writeBytes(data);
        return this;
    }

    /** The file: the RIFF header, then the chunks. */
    public byte[] bytes() {
        byte[] chunks = body.toByteArray();
        ByteBuffer file = ByteBuffer.allocate(12 + chunks.length).order(ByteOrder.LITTLE_ENDIAN);
        file.put(riffTag.getBytes(StandardCharsets.US_ASCII)).putInt(4 + chunks.length)
                .put("WAVE".getBytes(StandardCharsets.US_ASCII)).put(chunks);
        return file.array();
    }

    /** The simplest float WAV of {@code interleaved}: fmt, then data. */
    public static byte[] floatWav(float[] interleaved, int channels, int sampleRate) {
        return riff().chunk("fmt ", floatFmt(channels, sampleRate)).chunk("data", floatData(interleaved)).bytes();
    }
}
