package io.bonafide.detection.eval;

import io.bonafide.detection.eval.internal.ErrorCurve;

/**
 * The minimum normalised detection cost: {@code DCF(t) = (C_miss P FRR(t) + C_fa (1-P) FAR(t)) /
 * min(C_miss P, C_fa (1-P))}, minimised over every threshold that changes a decision. It says
 * how good the scores could be at this operating point with an ideal threshold, so it ignores
 * calibration; {@link ActualDcf} measures what the threshold actually chosen costs. A value of 1
 * means no better than accepting or rejecting everything.
 *
 * @param value the minimum normalised cost
 * @param threshold the first threshold reaching it ({@code +inf} means reject everything)
 * @param parameters the operating point
 */
public record MinDcf(double value, double threshold, DcfParameters parameters) {

    public static MinDcf of(LabelledScores scores, DcfParameters parameters) {
        scores.requireBothClasses("minDCF");
        return of(ErrorCurve.of(scores.genuineScores(), scores.attackScores()), parameters);
    }

    static MinDcf of(ErrorCurve curve, DcfParameters parameters) {
        int best = 0;
        double bestCost = Double.POSITIVE_INFINITY;
        for (int i = 0; i < curve.size(); i++) {
            double cost = parameters.normalisedCost(curve.frr(i), curve.far(i));
            if (cost < bestCost) {
                bestCost = cost;
                best = i;
            }
        }
        return new MinDcf(bestCost, curve.threshold(best), parameters);
    }
}
