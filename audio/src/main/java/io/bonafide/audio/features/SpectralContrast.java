package io.bonafide.audio.features;

import io.bonafide.audio.features.internal.FramedFeatureStream;
import io.bonafide.audio.features.internal.PowerSpectrum;
import java.util.Arrays;

/**
 * Octave-band spectral contrast, librosa's {@code feature.spectral_contrast} (Jiang et al. 2002)
 * on the standard {@link Stft} magnitude: 6 octave sub-bands above 200 Hz plus the band below
 * ({@code [0, 200], [200, 400], ..., [3200, 6400], [6400, 8000]} Hz, with librosa's exact bin
 * membership rules), and in each band the mean of the top and of the bottom 2 % of magnitudes
 * (at least one bin), reported as {@code 10 log10(peak) - 10 log10(valley)} with both floored at
 * 1e-10 — 7 values per frame, in dB. librosa also clips its dB values to 80 dB below the loudest
 * value of the whole clip; a per-frame stream cannot, so this does not. A tone gives a high
 * contrast in its band, white noise a low one. Immutable.
 */
public final class SpectralContrast implements FeatureExtractor {
    public static final int SUB_BANDS = 6;
    public static final double MIN_HZ = 200;
    public static final double QUANTILE = 0.02;
    public static final double FLOOR = 1e-10;

    private static final SpectralContrast STANDARD = new SpectralContrast(Stft.standard());

    private final Stft stft;
    private final int[] firstBin;
    private final int[] binCount;
    private final int[] quantileBins;

    public SpectralContrast(Stft stft) {
        this.stft = stft;
        int bins = stft.bins();
        int bands = SUB_BANDS + 1;
        this.firstBin = new int[bands];
        this.binCount = new int[bands];
        this.quantileBins = new int[bands];
        for (int k = 0; k < bands; k++) {
            double low = k == 0 ? 0 : MIN_HZ * Math.pow(2, k - 1);
            double high = MIN_HZ * Math.pow(2, k);
            int first = -1;
            int last = -1;
            for (int b = 0; b < bins; b++) {
                double f = stft.binFrequency(b);
                if (f >= low && f <= high) {
                    if (first < 0) {
                        first = b;
                    }
                    last = b;
                }
            }
            if (first < 0) {
                throw new IllegalArgumentException("octave band " + k + " holds no bin with fftSize " + stft.fftSize());
            }
            // librosa widens every band but the first by the bin below it, and the last to the top bin.
            if (k > 0) {
                first--;
            }
            if (k == SUB_BANDS) {
                last = bins - 1;
            }
            int members = last - first + 1;
            quantileBins[k] = (int) Math.max(1, Math.rint(QUANTILE * members));
            // ... and then drops each band's top bin except in the last band.
            binCount[k] = k < SUB_BANDS ? members - 1 : members;
            firstBin[k] = first;
        }
    }

    public static SpectralContrast standard() {
        return STANDARD;
    }

    @Override
    public int dimension() {
        return SUB_BANDS + 1;
    }

    @Override
    public FeatureStream stream(FeatureSink sink) {
        PowerSpectrum spectrum = stft.newPowerSpectrum();
        float[] power = new float[stft.bins()];
        float[] sorted = new float[stft.bins()];
        return new FramedFeatureStream(stft.newFramer(), dimension(), (frame, offset, out) -> {
            spectrum.compute(frame, offset, power);
            for (int k = 0; k <= SUB_BANDS; k++) {
                int n = binCount[k];
                for (int b = 0; b < n; b++) {
                    sorted[b] = (float) Math.sqrt(power[firstBin[k] + b]);
                }
                Arrays.sort(sorted, 0, n);
                int q = Math.min(quantileBins[k], n);
                double valley = 0;
                double peak = 0;
                for (int i = 0; i < q; i++) {
                    valley += sorted[i];
                    peak += sorted[n - 1 - i];
                }
                out[k] = (float) (10 * Math.log10(Math.max(peak / q, FLOOR)) - 10 * Math.log10(Math.max(valley / q, FLOOR)));
            }
        }, sink);
    }
}
