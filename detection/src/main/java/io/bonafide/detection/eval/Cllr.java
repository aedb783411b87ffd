package io.bonafide.detection.eval;

/**
 * The log-likelihood-ratio cost of calibrated scores, in bits:
 * {@code Cllr = 1/2 (mean_genuine log2(1 + e^-s) + mean_attack log2(1 + e^s))} with s a
 * natural-log LLR. It rewards both discrimination and calibration over all operating points at
 * once: 0 is perfect, 1 is what a detector that always answers s = 0 scores, and anything above
 * 1 is worse than saying nothing, the usual sign of a miscalibrated model.
 */
public final class Cllr {

    private static final double LN2 = Math.log(2.0);

    private Cllr() {
    }

    public static double of(LabelledScores scores) {
        scores.requireBothClasses("Cllr");
        double genuine = 0.0;
        for (double s : scores.genuineScores()) {
            genuine += softplus(-s);
        }
        double attack = 0.0;
        for (double s : scores.attackScores()) {
            attack += softplus(s);
        }
        return 0.5 * (genuine / scores.genuineCount() + attack / scores.attackCount()) / LN2;
    }

    /** ln(1 + e^x) without overflow for large x, which badly calibrated scores do produce. */
    private static double softplus(double x) {
        return Math.max(x, 0.0) + Math.log1p(Math.exp(-Math.abs(x)));
    }
}
