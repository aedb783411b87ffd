package io.bonafide.audio.decode.testing;

import java.util.SplittableRandom;

/**
 * The deterministic signal every decoder test starts from: per channel, two tones at
 * channel-specific frequencies, a slow chirp and a little seeded noise, peaking near 0.8 so that
 * lossy encoders never clip. Frequencies scale with the rate so that they stay audible-band and
 * below Nyquist at 8 kHz as at 96 kHz.
 */
public final class TestSignal {
    private TestSignal() {
    }

    /** {@code seconds} of interleaved frames at {@code sampleRate} over {@code channels}. */
    public static float[] interleaved(int sampleRate, int channels, double seconds, long seed) {
        int frames = (int) Math.round(sampleRate * seconds);
        float[] out = new float[frames * channels];
        SplittableRandom random = new SplittableRandom(seed);
        double nyquist = sampleRate / 2.0;
        for (int ch = 0; ch < channels; ch++) {
            double f1 = Math.min(220.0 * (ch + 1), nyquist * 0.3);
            double f2 = Math.min(1375.0 + 310.0 * ch, nyquist * 0.6);
            double chirpTop = nyquist * 0.4;
            for (int i = 0; i < frames; i++) {
                double t = (double) i / sampleRate;
                double chirp = Math.sin(2 * Math.PI * (100 * t + (chirpTop - 100) * t * t / (2 * seconds)));
                double value = 0.35 * Math.sin(2 * Math.PI * f1 * t + ch)
                        + 0.2 * Math.sin(2 * Math.PI * f2 * t)
                        + 0.15 * chirp
                        + 0.05 * (random.nextDouble() * 2 - 1);
                out[i * channels + ch] = (float) value;
            }
        }
        return out;
    }
}
