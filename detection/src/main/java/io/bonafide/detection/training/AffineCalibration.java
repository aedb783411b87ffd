package io.bonafide.detection.training;

/**
 * Fits the affine map {@code llr = a * raw + b} that turns a detector's raw, genuine-oriented
 * scores into log-likelihood ratios, by prior-balanced logistic regression of the labels on the
 * raw scores of a development set (each class weighs one half whatever its size, so the fitted
 * log-odds are log-likelihood ratios rather than posteriors of the dev set's class mix). A small
 * L2 penalty on {@code a} (1e-2, as in {@code models/deepfake/train.py}) keeps a separable dev
 * set from driving {@code a} to infinity. Solved by damped Newton steps on the convex objective,
 * from {@code a = 1, b = 0}; deterministic.
 *
 * @param a slope, &gt; 0 for any score that is better than chance on the dev set
 * @param b offset
 */
public record AffineCalibration(double a, double b) {
    /** The L2 penalty on the slope. */
    public static final double L2 = 1e-2;

    /**
     * Fits the calibration.
     *
     * @param raw     raw scores, higher meaning more genuine
     * @param genuine whether each trial is genuine
     * @throws IllegalArgumentException when the lengths differ or a class is missing
     */
    public static AffineCalibration fit(double[] raw, boolean[] genuine) {
        if (raw.length != genuine.length) {
            throw new IllegalArgumentException(raw.length + " scores but " + genuine.length + " labels");
        }
        int positives = 0;
        for (boolean g : genuine) {
            positives += g ? 1 : 0;
        }
        int negatives = raw.length - positives;
        if (positives == 0 || negatives == 0) {
            throw new IllegalArgumentException("calibration needs both genuine and attack trials, got "
                    + positives + " genuine and " + negatives + " attack");
        }
        double[] w = new double[raw.length];
        double[] y = new double[raw.length];
        for (int i = 0; i < raw.length; i++) {
            y[i] = genuine[i] ? 1 : 0;
            w[i] = genuine[i] ? 0.5 / positives : 0.5 / negatives;
        }
        double a = 1;
        double b = 0;
        for (int iteration = 0; iteration < 200; iteration++) {
            double ga = L2 * a;
            double gb = 0;
            double haa = L2;
            double hab = 0;
            double hbb = 1e-9;
            for (int i = 0; i < raw.length; i++) {
                double p = 0.5 * (1 + Math.tanh(0.5 * (a * raw[i] + b)));
                double r = w[i] * (p - y[i]);
                double v = w[i] * p * (1 - p);
                ga += r * raw[i];
                gb += r;
                haa += v * raw[i] * raw[i];
                hab += v * raw[i];
                hbb += v;
            }
            double det = haa * hbb - hab * hab;
            double stepA = (hbb * ga - hab * gb) / det;
            double stepB = (haa * gb - hab * ga) / det;
            double t = 1;
            double before = objective(a, b, raw, y, w);
            while (objective(a - t * stepA, b - t * stepB, raw, y, w) > before && t > 1e-6) {
                t *= 0.5;
            }
            a -= t * stepA;
            b -= t * stepB;
            if (Math.max(Math.abs(t * stepA), Math.abs(t * stepB)) < 1e-10) {
                break;
            }
        }
        return new AffineCalibration(a, b);
    }

    /** The log-likelihood ratio of one raw score. */
    public double apply(double raw) {
        return a * raw + b;
    }

    private static double objective(double a, double b, double[] s, double[] y, double[] w) {
        double total = 0.5 * L2 * a * a;
        for (int i = 0; i < s.length; i++) {
            double z = a * s[i] + b;
            total += w[i] * (y[i] == 1 ? softplus(-z) : softplus(z));
        }
        return total;
    }

    /** {@code ln(1 + e^x)} without overflow. */
    private static double softplus(double x) {
        return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
    }
}
