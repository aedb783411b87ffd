package io.bonafide.detection.eval;

import io.bonafide.detection.eval.internal.ErrorCurve;
import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The equal error rate of a set of scores: the rate at the threshold where the false rejection
 * rate (genuine with {@code score < t}) and the false acceptance rate (attacks with
 * {@code score >= t}) cross. As in ASVspoof's {@code compute_eer}, both rates are evaluated at
 * every distinct score, the point with the smallest |FRR - FAR| is taken and the EER is the mean
 * of the two rates there; no ROC convex hull is applied, so figures are comparable with published
 * ASVspoof results.
 *
 * @param value the EER as a fraction in [0, 1]
 * @param threshold the threshold at the crossing point ({@code +inf} means reject everything)
 * @param frr the false rejection rate at that threshold
 * @param far the false acceptance rate at that threshold
 */
public record EqualErrorRate(double value, double threshold, double frr, double far) {

    /** The EER of all trials; both classes must be present. */
    public static EqualErrorRate of(LabelledScores scores) {
        scores.requireBothClasses("EER");
        return of(ErrorCurve.of(scores.genuineScores(), scores.attackScores()));
    }

    static EqualErrorRate of(ErrorCurve curve) {
        int i = curve.crossing();
        return new EqualErrorRate((curve.frr(i) + curve.far(i)) / 2.0, curve.threshold(i), curve.frr(i), curve.far(i));
    }

    /**
     * The EER per value of an attribute, such as the generator. An attribute that only attack
     * trials carry (a generator, an ASVspoof system id) is scored the ASVspoof way, every genuine
     * trial against the attacks of one value; an attribute genuine trials carry too (a speaker,
     * a codec) conditions both classes on the value. Values lacking either class are left out.
     */
    public static SortedMap<String, EqualErrorRate> byAttribute(LabelledScores scores, String key) {
        boolean genuineCarriesKey = scores.trials().stream()
                .anyMatch(t -> t.label() == LabelledScores.Label.GENUINE && t.attribute(key).isPresent());
        SortedMap<String, EqualErrorRate> result = new TreeMap<>();
        for (String value : scores.attributeValues(key)) {
            LabelledScores group = scores.filter(t -> value.equals(t.attributes().get(key))
                    || (!genuineCarriesKey && t.label() == LabelledScores.Label.GENUINE));
            if (group.genuineCount() > 0 && group.attackCount() > 0) {
                result.put(value, of(group));
            }
        }
        return Collections.unmodifiableSortedMap(result);
    }

    /** The EER in percent. */
    public double percent() {
        return value * 100.0;
    }
}
