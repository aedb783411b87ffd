package io.bonafide.audio.features;

import io.bonafide.audio.features.internal.TriangularFilterbank;

/**
 * Triangular mel filters over an STFT's power bins, built exactly as librosa's
 * {@code filters.mel(sr=16000, n_fft=512, n_mels=bands, fmin, fmax, htk=False, norm="slaney")}:
 * {@code bands + 2} points equally spaced on the mel scale from {@code minHz} to {@code maxHz}
 * define overlapping triangles evaluated at the bin frequencies, each scaled to unit area per Hz
 * ({@code 2 / (upper - lower)}, Slaney normalisation) so that wide high bands do not outweigh
 * narrow low ones. Defaults: Slaney mel scale, 20 to 7600 Hz; 80 bands for log-mel, 40 for MFCC.
 * Immutable.
 */
public final class MelFilterbank {
    public static final double DEFAULT_MIN_HZ = 20;
    public static final double DEFAULT_MAX_HZ = 7600;

    private final TriangularFilterbank filters;
    private final double[] centresHz;
    private final MelScale scale;

    public MelFilterbank(int sampleRate, int fftSize, int bands, double minHz, double maxHz, MelScale scale) {
        if (bands < 1 || !(minHz >= 0 && maxHz > minHz && maxHz <= sampleRate / 2.0)) {
            throw new IllegalArgumentException("need bands >= 1 and 0 <= minHz < maxHz <= sampleRate / 2, got bands "
                    + bands + ", minHz " + minHz + ", maxHz " + maxHz + ", sampleRate " + sampleRate);
        }
        this.scale = scale;
        double minMel = scale.toMel(minHz);
        double maxMel = scale.toMel(maxHz);
        double[] edges = new double[bands + 2];
        for (int i = 0; i < edges.length; i++) {
            edges[i] = scale.toHz(minMel + (maxMel - minMel) * i / (bands + 1));
        }
        double[] heights = new double[bands];
        this.centresHz = new double[bands];
        for (int m = 0; m < bands; m++) {
            heights[m] = 2.0 / (edges[m + 2] - edges[m]);
            centresHz[m] = edges[m + 1];
        }
        this.filters = new TriangularFilterbank(sampleRate, fftSize, edges, heights);
    }

    /** {@code bands} Slaney-mel filters from 20 to 7600 Hz over the standard 512-point STFT. */
    public static MelFilterbank of(int bands) {
        return new MelFilterbank(Stft.SAMPLE_RATE, Stft.FFT_SIZE, bands, DEFAULT_MIN_HZ, DEFAULT_MAX_HZ, MelScale.SLANEY);
    }

    public int bands() {
        return filters.filters();
    }

    /** Power bins the filters expect: {@code fftSize / 2 + 1}. */
    public int bins() {
        return filters.bins();
    }

    public MelScale scale() {
        return scale;
    }

    /** Mel-band energies of one power spectrum: {@code out[m] = sum_k w[m][k] power[k]}. */
    public void apply(float[] power, float[] out) {
        filters.apply(power, out);
    }

    /** The weights as a dense {@code [bands][bins]} matrix. */
    public float[][] weights() {
        return filters.denseWeights();
    }

    /** Peak frequency of each band, in Hz. */
    public double[] centreFrequencies() {
        return centresHz.clone();
    }
}
