package io.bonafide.audio.features.internal;

import org.jtransforms.fft.FloatFFT_1D;

/**
 * Windowed, zero-padded real FFT of one frame and its power {@code |X_k|^2} for
 * {@code k = 0 .. fftSize / 2}, unnormalised (so Parseval reads
 * {@code sum x_w^2 = (P_0 + 2 sum P_k + P_{N/2}) / N}). Holds scratch arrays: one per stream.
 */
public final class PowerSpectrum {
    private final int fftSize;
    private final float[] window;
    private final FloatFFT_1D fft;
    private final float[] scratch;

    public PowerSpectrum(int fftSize, float[] window) {
        if (Integer.bitCount(fftSize) != 1 || window.length > fftSize) {
            throw new IllegalArgumentException("fftSize must be a power of two >= the window length, got "
                    + fftSize + " for a window of " + window.length);
        }
        this.fftSize = fftSize;
        this.window = window.clone();
        this.fft = new FloatFFT_1D(fftSize);
        this.scratch = new float[fftSize];
    }

    public int bins() {
        return fftSize / 2 + 1;
    }

    /** Writes the power spectrum of {@code frame[offset, offset + window length)} into {@code power[0, bins)}. */
    public void compute(float[] frame, int offset, float[] power) {
        float[] a = scratch;
        int n = window.length;
        for (int i = 0; i < n; i++) {
            a[i] = frame[offset + i] * window[i];
        }
        java.util.Arrays.fill(a, n, fftSize, 0f);
        fft.realForward(a);
        int half = fftSize / 2;
        power[0] = a[0] * a[0];
        power[half] = a[1] * a[1];
        for (int k = 1; k < half; k++) {
            float re = a[2 * k];
            float im = a[2 * k + 1];
            power[k] = re * re + im * im;
        }
    }

    /** Like {@link #compute} but leaves the packed complex spectrum (JTransforms' realForward layout) in {@code out}. */
    public void complexSpectrum(float[] frame, int offset, float[] out) {
        int n = window.length;
        for (int i = 0; i < n; i++) {
            out[i] = frame[offset + i] * window[i];
        }
        java.util.Arrays.fill(out, n, fftSize, 0f);
        fft.realForward(out);
    }
}
