package io.bonafide.audio.vad.internal;

import io.bonafide.audio.vad.VoiceActivityDetector;
import java.util.Random;

/** Test signals at 16 kHz (digital silence, seeded white noise, padding, mixing) and feeding them in blocks. */
final class Signals {
    static final int RATE = 16_000;

    private Signals() {
    }

    static float[] silence(double seconds) {
        return new float[(int) Math.round(seconds * RATE)];
    }

    /** Gaussian white noise of the given RMS (0.01 is -40 dBFS), reproducible from {@code seed}. */
    static float[] whiteNoise(double seconds, double rms, long seed) {
        Random random = new Random(seed);
        float[] noise = silence(seconds);
        for (int i = 0; i < noise.length; i++) {
            noise[i] = (float) (random.nextGaussian() * rms);
        }
        return noise;
    }

    /** {@code signal} with {@code seconds} of digital silence before and after it. */
    static float[] padded(float[] signal, double seconds) {
        int pad = silence(seconds).length;
        float[] out = new float[pad + signal.length + pad];
        System.arraycopy(signal, 0, out, pad, signal.length);
        return out;
    }

    static float[] concat(float[] first, float[] second) {
        float[] out = new float[first.length + second.length];
        System.arraycopy(first, 0, out, 0, first.length);
        System.arraycopy(second, 0, out, first.length, second.length);
        return out;
    }

    /** Sample-wise sum of two signals of equal length. */
    static float[] mixed(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("lengths differ: " + a.length + " and " + b.length);
        }
        float[] out = new float[a.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = a[i] + b[i];
        }
        return out;
    }

    /** Feeds {@code signal} to {@code detector} in blocks of {@code block} samples; returns its voiced seconds. */
    static double voicedSeconds(VoiceActivityDetector detector, float[] signal, int block) {
        for (int offset = 0; offset < signal.length; offset += block) {
            detector.accept(signal, offset, Math.min(block, signal.length - offset));
        }
        return detector.voicedSeconds();
    }
}
