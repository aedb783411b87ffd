package io.bonafide.detection.eval;

/**
 * The normalised detection cost at a fixed threshold, by default the Bayes threshold of the
 * operating point. Because scores are meant to be calibrated log-likelihood ratios, a detector
 * should need no tuned threshold: the gap between this and {@link MinDcf} is the price of
 * miscalibration. It is never below the minimum, since the minimum searches all thresholds.
 *
 * @param value the normalised cost
 * @param threshold the threshold applied (accept when {@code score >= threshold})
 * @param parameters the operating point
 */
public record ActualDcf(double value, double threshold, DcfParameters parameters) {

    /** The cost when deciding at {@link DcfParameters#bayesThreshold()}. */
    public static ActualDcf atBayesThreshold(LabelledScores scores, DcfParameters parameters) {
        return at(scores, parameters, parameters.bayesThreshold());
    }

    /** The cost when deciding at the given threshold. */
    public static ActualDcf at(LabelledScores scores, DcfParameters parameters, double threshold) {
        scores.requireBothClasses("actDCF");
        int missed = 0;
        for (double s : scores.genuineScores()) {
            if (s < threshold) {
                missed++;
            }
        }
        int accepted = 0;
        for (double s : scores.attackScores()) {
            if (s >= threshold) {
                accepted++;
            }
        }
        double frr = (double) missed / scores.genuineCount();
        double far = (double) accepted / scores.attackCount();
        return new ActualDcf(parameters.normalisedCost(frr, far), threshold, parameters);
    }
}
