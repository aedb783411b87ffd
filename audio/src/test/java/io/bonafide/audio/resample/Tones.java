package io.bonafide.audio.resample;

/** Synthesises test tones and measures them back by least squares, for frequency-response tests. */
final class Tones {
    private Tones() {
    }

    static float[] sine(int rate, double frequency, int length, double amplitude, double phase) {
        float[] x = new float[length];
        for (int i = 0; i < length; i++) {
            x[i] = (float) (amplitude * Math.sin(2 * Math.PI * frequency * i / rate + phase));
        }
        return x;
    }

    /**
     * Amplitude of the sinusoid at {@code frequency} in {@code y[from, to)}, fitted by least squares
     * on a sine and a cosine: exact for a pure tone, and blind to other tones over long spans.
     */
    static double amplitude(float[] y, int rate, double frequency, int from, int to) {
        double[] fit = fit(y, rate, frequency, from, to);
        return Math.hypot(fit[0], fit[1]);
    }

    /** RMS of what is left in {@code y[from, to)} once the best-fitting sinusoid at {@code frequency} is removed. */
    static double residualRms(float[] y, int rate, double frequency, int from, int to) {
        double[] fit = fit(y, rate, frequency, from, to);
        double sum = 0;
        for (int i = from; i < to; i++) {
            double w = 2 * Math.PI * frequency * i / rate;
            double r = y[i] - fit[0] * Math.sin(w) - fit[1] * Math.cos(w);
            sum += r * r;
        }
        return Math.sqrt(sum / (to - from));
    }

    private static double[] fit(float[] y, int rate, double frequency, int from, int to) {
        double ss = 0;
        double cc = 0;
        double sc = 0;
        double ys = 0;
        double yc = 0;
        for (int i = from; i < to; i++) {
            double w = 2 * Math.PI * frequency * i / rate;
            double s = Math.sin(w);
            double c = Math.cos(w);
            ss += s * s;
            cc += c * c;
            sc += s * c;
            ys += y[i] * s;
            yc += y[i] * c;
        }
        double det = ss * cc - sc * sc;
        return new double[] {(ys * cc - yc * sc) / det, (yc * ss - ys * sc) / det};
    }

    static double rms(float[] y, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += (double) y[i] * y[i];
        }
        return Math.sqrt(sum / (to - from));
    }

    static double decibels(double ratio) {
        return 20 * Math.log10(ratio);
    }
}
