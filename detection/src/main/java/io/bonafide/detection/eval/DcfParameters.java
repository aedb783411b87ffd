package io.bonafide.detection.eval;

/**
 * The operating point of a detection cost function: the prior of a genuine trial and the costs
 * of a miss (genuine rejected) and of a false alarm (attack accepted). The default,
 * {@link #ASVSPOOF5}, is the stand-alone countermeasure setting of the ASVspoof 5 challenge
 * (prior of a spoof 0.05, so {@code pTarget = 0.95}; {@code cMiss = 1}; {@code cFa = 10}): it
 * models a deployment where attacks are rare but letting one through is ten times as costly as
 * annoying a genuine user, which is this platform's situation. Bad values are rejected on
 * construction with the field name and the value.
 *
 * @param pTarget prior probability of a genuine trial, in (0, 1)
 * @param cMiss cost of rejecting a genuine trial, positive
 * @param cFa cost of accepting an attack, positive
 */
public record DcfParameters(double pTarget, double cMiss, double cFa) {

    /** ASVspoof 5 Track 1 (countermeasure only): P(genuine) 0.95, C_miss 1, C_fa 10. */
    public static final DcfParameters ASVSPOOF5 = new DcfParameters(0.95, 1.0, 10.0);

    public DcfParameters {
        if (!(pTarget > 0.0 && pTarget < 1.0)) {
            throw new IllegalArgumentException("pTarget must be in (0, 1), was " + pTarget);
        }
        if (!(cMiss > 0.0) || !Double.isFinite(cMiss)) {
            throw new IllegalArgumentException("cMiss must be positive and finite, was " + cMiss);
        }
        if (!(cFa > 0.0) || !Double.isFinite(cFa)) {
            throw new IllegalArgumentException("cFa must be positive and finite, was " + cFa);
        }
    }

    /** The cost of the better of the two trivial systems (accept all, reject all). */
    public double defaultCost() {
        return Math.min(cMiss * pTarget, cFa * (1.0 - pTarget));
    }

    /** The normalised cost of a system with the given error rates. */
    public double normalisedCost(double frr, double far) {
        return (cMiss * pTarget * frr + cFa * (1.0 - pTarget) * far) / defaultCost();
    }

    /**
     * The threshold a Bayes decision takes on a calibrated log-likelihood ratio:
     * {@code ln(cFa (1 - pTarget) / (cMiss pTarget))}; it is 0 when the effective prior is 1/2.
     */
    public double bayesThreshold() {
        return Math.log(cFa * (1.0 - pTarget) / (cMiss * pTarget));
    }
}
