package io.bonafide.audio.vad.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a 16-bit PCM mono WAV file into floats in [-1, 1), walking the RIFF chunks; deliberately
 * independent of the module's decoders so that the detectors' tests do not depend on them.
 */
final class Pcm16Wav {
    private Pcm16Wav() {
    }

    /** The samples of {@code file}, which must be 16-bit PCM, mono, at {@code expectedRate} Hz. */
    static float[] read(Path file, int expectedRate) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.remaining() < 12 || !"RIFF".equals(fourCc(bytes, 0)) || !"WAVE".equals(fourCc(bytes, 8))) {
            throw new IOException(file + " is not a RIFF/WAVE file");
        }
        boolean formatChecked = false;
        int position = 12;
        while (position + 8 <= bytes.limit()) {
            String id = fourCc(bytes, position);
            // espeak-ng streams its WAV and leaves 0x7fffffff-like sizes: clamp to what is there.
            long declared = Integer.toUnsignedLong(bytes.getInt(position + 4));
            int body = position + 8;
            int length = (int) Math.min(declared, bytes.limit() - body);
            if ("fmt ".equals(id)) {
                checkFormat(file, bytes, body, expectedRate);
                formatChecked = true;
            } else if ("data".equals(id)) {
                if (!formatChecked) {
                    throw new IOException(file + ": data chunk before fmt chunk");
                }
                float[] samples = new float[length / 2];
                for (int i = 0; i < samples.length; i++) {
                    samples[i] = bytes.getShort(body + 2 * i) / 32768f;
                }
                return samples;
            }
            position = body + length + (length & 1);
        }
        throw new IOException(file + " has no data chunk");
    }

    private static void checkFormat(Path file, ByteBuffer bytes, int body, int expectedRate) throws IOException {
        int format = Short.toUnsignedInt(bytes.getShort(body));
        int channels = bytes.getShort(body + 2);
        int rate = bytes.getInt(body + 4);
        int bits = bytes.getShort(body + 14);
        if (format != 1 || channels != 1 || rate != expectedRate || bits != 16) {
            throw new IOException(file + ": expected 16-bit PCM mono at " + expectedRate + " Hz, found format "
                    + format + ", " + channels + " channel(s), " + rate + " Hz, " + bits + " bits");
        }
    }

    private static String fourCc(ByteBuffer bytes, int at) {
        byte[] id = new byte[4];
        bytes.get(at, id);
        return new String(id, StandardCharsets.US_ASCII);
    }
}
