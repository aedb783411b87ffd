package io.bonafide.audio.decode.testing;

/**
 * How far one decoding is from another, sample by sample over the frames both have: the
 * largest absolute difference and the RMS difference, and the two lengths.
 */
public record Difference(double maxAbs, double rms, int ourSamples, int referenceSamples) {

    public static Difference between(float[] ours, float[] reference) {
        int n = Math.min(ours.length, reference.length);
        double max = 0;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double d = Math.abs((double) ours[i] - reference[i]);
            max = Math.max(max, d);
            sum += d * d;
        }
        return new Difference(max, n == 0 ? 0 : Math.sqrt(sum / n), ours.length, reference.length);
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "max %.3g rms %.3g over %d/%d samples", maxAbs, rms, ourSamples,
                referenceSamples);
    }
}
