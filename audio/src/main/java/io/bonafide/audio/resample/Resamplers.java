package io.bonafide.audio.resample;

import io.bonafide.audio.resample.internal.CascadeResampler;
import io.bonafide.audio.resample.internal.PassThroughResampler;
import io.bonafide.audio.resample.internal.ResamplerPlan;

/**
 * Creates streaming {@link Resampler}s: linear-phase, Kaiser-windowed-sinc polyphase filters
 * over the exact rational ratio of the two rates, with the group delay removed so that output
 * {@code n} is the band-limited input at time {@code n / outputRate}. With {@code B} half the
 * lower rate, the band {@code [0, 0.875 B]} is kept flat (ripple below 0.001 dB) and everything
 * from {@code B} up is attenuated by at least 90 dB (92 dB measured at worst); for a 16 kHz output
 * that is flat to 7 kHz and silent from 8 kHz. The sharp filter is designed for 92 dB (Kaiser
 * {@code beta = 9.18}) and spans {@code (92 - 7.95) / (2.285 * 2 pi (B / 8) / rate)} input samples
 * at the rate it runs at: 129 taps per output from 22.05 kHz, 133 from 24 kHz. Downsampling by
 * more than about 2.5x first halves the rate with 100 dB ({@code beta = 10.06}) half-band filters
 * (44.1 kHz: one half-band of 25 non-zero taps, then 320/441 from 22.05 kHz; 96 kHz: two
 * half-bands, then 2/3), which halves the work. Equal rates pass samples through untouched.
 * Output length is {@code round(inputLength * outputRate / inputRate)}, and the output does not
 * depend on how the input is split into blocks. See {@code docs/audio-dsp.md} for measurements.
 */
public final class Resamplers {
    /** Lowest rate accepted on either side, in Hz. */
    public static final int MIN_RATE = 1000;
    /** Highest rate accepted on either side, in Hz. */
    public static final int MAX_RATE = 768_000;

    private Resamplers() {
    }

    /**
     * A resampler for one channel from {@code inputRate} to {@code outputRate}.
     *
     * @throws IllegalArgumentException when a rate is outside [{@value #MIN_RATE}, {@value #MAX_RATE}] Hz
     */
    public static Resampler create(int inputRate, int outputRate) {
        checkRate("inputRate", inputRate);
        checkRate("outputRate", outputRate);
        if (inputRate == outputRate) {
            return new PassThroughResampler(inputRate);
        }
        return new CascadeResampler(inputRate, outputRate, ResamplerPlan.of(inputRate, outputRate).stages());
    }

    private static void checkRate(String name, int rate) {
        if (rate < MIN_RATE || rate > MAX_RATE) {
            throw new IllegalArgumentException(name + " must be within [" + MIN_RATE + ", " + MAX_RATE
                    + "] Hz, got " + rate);
        }
    }
}
