package io.bonafide.detection.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.bonafide.detection.eval.LabelledScores.Label;
import io.bonafide.detection.eval.LabelledScores.Trial;
import io.bonafide.detection.eval.internal.NormalDistribution;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SortedMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class EqualErrorRateTest {

    @Test
    void shouldBeZeroWhenScoresArePerfectlySeparated() {
        // Given every genuine score above every attack score
        LabelledScores scores = LabelledScores.of(new double[] {2.0, 3.0, 5.0}, new double[] {-1.0, 0.0, 1.0});

        // When
        EqualErrorRate eer = EqualErrorRate.of(scores);

        // Then the threshold separating them is the lowest genuine score
        assertThat(eer.value()).isZero();
        assertThat(eer.threshold()).isEqualTo(2.0);
    }

    @Test
    void shouldBeOneWhenScoresArePerfectlyInverted() {
        // Given a detector that has genuine and attack the wrong way round
        LabelledScores scores = LabelledScores.of(new double[] {-1.0, 0.0}, new double[] {2.0, 3.0});

        // When
        EqualErrorRate eer = EqualErrorRate.of(scores);

        // Then it errs on every trial at the crossing
        assertThat(eer.value()).isEqualTo(1.0);
    }

    @Test
    void shouldBeAboutHalfWhenBothClassesShareOneDistribution() {
        // Given genuine and attack scores drawn from the same Gaussian
        Random random = new Random(42);
        LabelledScores scores = LabelledScores.of(gaussian(random, 20_000, 0.0), gaussian(random, 20_000, 0.0));

        // When
        EqualErrorRate eer = EqualErrorRate.of(scores);

        // Then the detector is a coin toss
        assertThat(eer.value()).isCloseTo(0.5, within(0.015));
    }

    @ParameterizedTest
    @ValueSource(doubles = {1.0, 2.0, 3.0})
    void shouldMatchTheAnalyticValueForTwoUnitGaussians(double dPrime) {
        // Given genuine ~ N(d', 1) and attack ~ N(0, 1), whose EER is Phi(-d'/2)
        Random random = new Random(7);
        LabelledScores scores = LabelledScores.of(gaussian(random, 40_000, dPrime), gaussian(random, 40_000, 0.0));

        // When
        EqualErrorRate eer = EqualErrorRate.of(scores);

        // Then the estimate is within sampling error of the analytic value, at a threshold near d'/2
        assertThat(eer.value()).isCloseTo(NormalDistribution.cdf(-dPrime / 2), within(0.006));
        assertThat(eer.threshold()).isCloseTo(dPrime / 2, within(0.05));
    }

    @Test
    void shouldTakeTheMeanOfBothRatesWhereTheyCrossInAHandComputedExample() {
        // Given genuine {3, 5, 7} and attacks {1, 2, 4, 6}:
        //   t=4: FRR 1/3, FAR 2/4;  t=5: FRR 1/3, FAR 1/4 (smallest gap);  t=6: FRR 2/3, FAR 1/4
        LabelledScores scores = LabelledScores.of(new double[] {3, 5, 7}, new double[] {1, 2, 4, 6});

        // When
        EqualErrorRate eer = EqualErrorRate.of(scores);

        // Then
        assertThat(eer.threshold()).isEqualTo(5.0);
        assertThat(eer.frr()).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(eer.far()).isCloseTo(0.25, within(1e-12));
        assertThat(eer.value()).isCloseTo(7.0 / 24, within(1e-12));
        assertThat(eer.percent()).isCloseTo(700.0 / 24, within(1e-9));
    }

    @Test
    void shouldCountAScoreEqualToTheThresholdAsAccepted() {
        // Given a genuine and an attack trial with the same score
        LabelledScores scores = LabelledScores.of(new double[] {1.0, 1.0}, new double[] {1.0, 1.0});

        // When
        EqualErrorRate eer = EqualErrorRate.of(scores);

        // Then at t=1 everything is accepted (FAR 1, FRR 0), above it everything rejected: EER 50 %
        assertThat(eer.value()).isEqualTo(0.5);
    }

    @Test
    void shouldScoreEachGeneratorAgainstAllGenuineTrialsWhenOnlyAttacksCarryTheAttribute() {
        // Given genuine trials without a generator, attacks A01 perfectly separated and A02 inverted
        LabelledScores scores = LabelledScores.of(List.of(
                new Trial("g1", Label.GENUINE, 1.0),
                new Trial("g2", Label.GENUINE, 2.0),
                new Trial("a1", Label.ATTACK, -1.0, Map.of("generator", "A01")),
                new Trial("a2", Label.ATTACK, -2.0, Map.of("generator", "A01")),
                new Trial("a3", Label.ATTACK, 5.0, Map.of("generator", "A02")),
                new Trial("a4", Label.ATTACK, 6.0, Map.of("generator", "A02"))));

        // When
        SortedMap<String, EqualErrorRate> byGenerator = EqualErrorRate.byAttribute(scores, "generator");

        // Then
        assertThat(byGenerator).containsOnlyKeys("A01", "A02");
        assertThat(byGenerator.get("A01").value()).isZero();
        assertThat(byGenerator.get("A02").value()).isEqualTo(1.0);
    }

    @Test
    void shouldConditionBothClassesWhenGenuineTrialsCarryTheAttributeToo() {
        // Given speaker s1 separable and speaker s2 not, and a speaker with genuine trials only
        LabelledScores scores = LabelledScores.of(List.of(
                new Trial("g1", Label.GENUINE, 3.0, Map.of("speaker", "s1")),
                new Trial("a1", Label.ATTACK, 0.0, Map.of("speaker", "s1")),
                new Trial("g2", Label.GENUINE, 0.0, Map.of("speaker", "s2")),
                new Trial("a2", Label.ATTACK, 3.0, Map.of("speaker", "s2")),
                new Trial("g3", Label.GENUINE, 0.0, Map.of("speaker", "s3"))));

        // When
        SortedMap<String, EqualErrorRate> bySpeaker = EqualErrorRate.byAttribute(scores, "speaker");

        // Then s3 is left out since it has no attacks
        assertThat(bySpeaker).containsOnlyKeys("s1", "s2");
        assertThat(bySpeaker.get("s1").value()).isZero();
        assertThat(bySpeaker.get("s2").value()).isEqualTo(1.0);
    }

    @Test
    void shouldRefuseScoresWithoutAttackTrials() {
        // Given only genuine scores
        LabelledScores scores = LabelledScores.of(new double[] {1.0}, new double[0]);

        // When / Then
        assertThatThrownBy(() -> EqualErrorRate.of(scores))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1 genuine and 0 attack");
    }

    static double[] gaussian(Random random, int n, double mean) {
        return gaussian(random, n, mean, 1.0);
    }

    static double[] gaussian(Random random, int n, double mean, double sd) {
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = mean + sd * random.nextGaussian();
        }
        return values;
    }
}
