package io.bonafide.audio.features;

import io.bonafide.audio.features.internal.FastLogarithm;
import io.bonafide.audio.features.internal.FramedFeatureStream;
import io.bonafide.audio.features.internal.PowerSpectrum;

/**
 * Four shape descriptors of each standard {@link Stft} frame, {@code [centroid, bandwidth,
 * rolloff, flatness]}, defined as librosa defines them (on the magnitude {@code S = |X_k|} at bin
 * frequencies {@code f_k = 31.25 k} Hz): centroid {@code sum f S / sum S} (Hz); bandwidth, the
 * second-order spread {@code sqrt(sum S (f - centroid)^2 / sum S)} (Hz); rolloff, the lowest
 * bin frequency below which 85 % of {@code sum S} lies (Hz); flatness, the geometric over the
 * arithmetic mean of the power {@code max(S^2, 1e-10)} (1 for white noise in expectation far
 * above a tone's ~0). A silent frame gives centroid, bandwidth and rolloff 0 and flatness 1.
 * Immutable.
 */
public final class SpectralShape implements FeatureExtractor {
    public static final double ROLLOFF_FRACTION = 0.85;
    public static final float POWER_FLOOR = 1e-10f;
    public static final int CENTROID = 0;
    public static final int BANDWIDTH = 1;
    public static final int ROLLOFF = 2;
    public static final int FLATNESS = 3;

    private static final SpectralShape STANDARD = new SpectralShape(Stft.standard());

    private final Stft stft;

    public SpectralShape(Stft stft) {
        this.stft = stft;
    }

    public static SpectralShape standard() {
        return STANDARD;
    }

    @Override
    public int dimension() {
        return 4;
    }

    @Override
    public FeatureStream stream(FeatureSink sink) {
        PowerSpectrum spectrum = stft.newPowerSpectrum();
        int bins = stft.bins();
        float[] power = new float[bins];
        float[] magnitude = new float[bins];
        double[] frequency = new double[bins];
        for (int k = 0; k < bins; k++) {
            frequency[k] = stft.binFrequency(k);
        }
        return new FramedFeatureStream(stft.newFramer(), 4, (frame, offset, out) -> {
            spectrum.compute(frame, offset, power);
            describe(power, magnitude, frequency, out);
        }, sink);
    }

    static void describe(float[] power, float[] magnitude, double[] frequency, float[] out) {
        int bins = power.length;
        double total = 0;
        double weighted = 0;
        double logSum = 0;
        double powerSum = 0;
        for (int k = 0; k < bins; k++) {
            magnitude[k] = (float) Math.sqrt(power[k]);
            total += magnitude[k];
            weighted += magnitude[k] * frequency[k];
            double floored = Math.max(power[k], POWER_FLOOR);
            logSum += FastLogarithm.ln((float) floored);
            powerSum += floored;
        }
        out[FLATNESS] = (float) (Math.exp(logSum / bins) / (powerSum / bins));
        if (total <= 0) {
            out[CENTROID] = 0;
            out[BANDWIDTH] = 0;
            out[ROLLOFF] = 0;
            return;
        }
        double centroid = weighted / total;
        double spread = 0;
        double threshold = ROLLOFF_FRACTION * total;
        double cumulative = 0;
        double rolloff = frequency[bins - 1];
        boolean rolled = false;
        for (int k = 0; k < bins; k++) {
            double d = frequency[k] - centroid;
            spread += magnitude[k] * d * d;
            cumulative += magnitude[k];
            if (!rolled && cumulative >= threshold) {
                rolloff = frequency[k];
                rolled = true;
            }
        }
        out[CENTROID] = (float) centroid;
        out[BANDWIDTH] = (float) Math.sqrt(spread / total);
        out[ROLLOFF] = (float) rolloff;
    }
}
