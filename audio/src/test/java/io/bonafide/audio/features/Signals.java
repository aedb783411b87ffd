package io.bonafide.audio.features;

import java.util.Random;

/** Analytic and seeded test signals at 16 kHz. */
final class Signals {
    static final int RATE = 16_000;

    private Signals() {
    }

    static float[] sine(double frequency, double seconds, double amplitude) {
        int length = (int) Math.round(seconds * RATE);
        float[] x = new float[length];
        for (int i = 0; i < length; i++) {
            x[i] = (float) (amplitude * Math.sin(2 * Math.PI * frequency * i / RATE + 0.25));
        }
        return x;
    }

    static float[] whiteNoise(double seconds, double deviation, long seed) {
        Random random = new Random(seed);
        float[] x = new float[(int) Math.round(seconds * RATE)];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (deviation * random.nextGaussian());
        }
        return x;
    }

    static float[] silence(double seconds) {
        return new float[(int) Math.round(seconds * RATE)];
    }

    /** Frames of a snip-edge framing: {@code 1 + floor((N - frame) / hop)}, or 0. */
    static int snipEdgeFrames(int samples, int frame, int hop) {
        return samples < frame ? 0 : 1 + (samples - frame) / hop;
    }
}
