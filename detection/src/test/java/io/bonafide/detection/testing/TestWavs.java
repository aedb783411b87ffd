package io.bonafide.detection.testing;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/** WAV bytes for detection tests: planar float channels as 32-bit float WAV, and seeded noise. */
public final class TestWavs {
    private TestWavs() {
    }

    /** A 32-bit float WAV (format 3) of the planar channels at {@code rate}. */
    public static byte[] floatWav(float[][] planar, int rate) {
        int frames = planar[0].length;
        int channels = planar.length;
        ByteBuffer b = ByteBuffer.allocate(44 + frames * channels * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + frames * channels * 4)
                .put("WAVE".getBytes(StandardCharsets.US_ASCII)).put("fmt ".getBytes(StandardCharsets.US_ASCII))
                .putInt(16).putShort((short) 3).putShort((short) channels).putInt(rate).putInt(rate * channels * 4)
                .putShort((short) (channels * 4)).putShort((short) 32)
                .put("data".getBytes(StandardCharsets.US_ASCII)).putInt(frames * channels * 4);
        for (int i = 0; i < frames; i++) {
            for (float[] channel : planar) {
                b.putFloat(channel[i]);
            }
        }
        return b.array();
    }

    /** Uniform noise of the given amplitude, {@code channels} × {@code seconds} at {@code rate}. */
    public static float[][] noise(int channels, double seconds, int rate, double amplitude, SplittableRandom random) {
        int n = (int) Math.round(seconds * rate);
        float[][] planar = new float[channels][n];
        for (int c = 0; c < channels; c++) {
            for (int i = 0; i < n; i++) {
                planar[c][i] = (float) (amplitude * (random.nextDouble() * 2 - 1));
            }
        }
        return planar;
    }
}
