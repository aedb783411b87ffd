package io.bonafide.detection.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DetectionCostTest {

    private static final LabelledScores HAND_EXAMPLE =
            LabelledScores.of(new double[] {3, 5, 7}, new double[] {1, 2, 4, 6});

    @Test
    void shouldFindTheMinimumCostInAHandComputedExampleWithEqualPriorsAndCosts() {
        // Given P=0.5, C_miss=C_fa=1, so the normalised cost is FRR + FAR:
        //   t=1: 0+1, t=2: 0+.75, t=3: 0+.5, t=4: .33+.5, t=5: .33+.25, t=6: .67+.25, t=7: .67+0, inf: 1
        DcfParameters parameters = new DcfParameters(0.5, 1.0, 1.0);

        // When
        MinDcf min = MinDcf.of(HAND_EXAMPLE, parameters);

        // Then
        assertThat(min.value()).isCloseTo(0.5, within(1e-12));
        assertThat(min.threshold()).isEqualTo(3.0);
    }

    @Test
    void shouldWeighMissesAndFalseAlarmsWithTheAsvspoof5Defaults() {
        // Given the default: DCF = (0.95 FRR + 0.05 * 10 FAR) / min(0.95, 0.5) = 1.9 FRR + FAR
        DcfParameters parameters = DcfParameters.ASVSPOOF5;

        // When
        MinDcf min = MinDcf.of(HAND_EXAMPLE, parameters);
        ActualDcf atFive = ActualDcf.at(HAND_EXAMPLE, parameters, 5.0);

        // Then t=3 is still best (0 + 0.5), and at t=5 the cost is 1.9/3 + 1/4
        assertThat(parameters.defaultCost()).isCloseTo(0.5, within(1e-12));
        assertThat(min.value()).isCloseTo(0.5, within(1e-12));
        assertThat(atFive.value()).isCloseTo(1.9 / 3 + 0.25, within(1e-12));
    }

    @Test
    void shouldNeverReportAnActualCostBelowTheMinimum() {
        // Given miscalibrated Gaussian scores (shifted by +1.5) and thresholds over a wide range
        Random random = new Random(11);
        LabelledScores scores = LabelledScores.of(
                EqualErrorRateTest.gaussian(random, 5_000, 3.5), EqualErrorRateTest.gaussian(random, 5_000, 1.5));
        MinDcf min = MinDcf.of(scores, DcfParameters.ASVSPOOF5);

        for (double t = -5; t <= 8; t += 0.25) {
            // When
            ActualDcf act = ActualDcf.at(scores, DcfParameters.ASVSPOOF5, t);

            // Then
            assertThat(act.value()).isGreaterThanOrEqualTo(min.value() - 1e-12);
        }
        assertThat(ActualDcf.atBayesThreshold(scores, DcfParameters.ASVSPOOF5).value())
                .isGreaterThan(min.value());
    }

    @Test
    void shouldNotExceedOneSinceRejectingOrAcceptingEverythingIsAlwaysAvailable() {
        // Given useless scores
        LabelledScores scores = LabelledScores.of(new double[] {0, 0, 0}, new double[] {0, 0});

        // When
        MinDcf min = MinDcf.of(scores, new DcfParameters(0.05, 1, 1));

        // Then the best trivial system costs 1 after normalisation
        assertThat(min.value()).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void shouldPlaceTheBayesThresholdAtZeroWhenTheEffectivePriorIsOneHalf() {
        // Given / When / Then
        assertThat(new DcfParameters(0.5, 2, 2).bayesThreshold()).isZero();
        assertThat(DcfParameters.ASVSPOOF5.bayesThreshold()).isCloseTo(Math.log(0.5 / 0.95), within(1e-12));
    }

    @ParameterizedTest
    @CsvSource({"0.0, 1, 1, pTarget", "1.0, 1, 1, pTarget", "0.5, 0, 1, cMiss", "0.5, 1, -1, cFa", "NaN, 1, 1, pTarget"})
    void shouldRejectOperatingPointsOutOfRangeNamingTheField(double p, double cMiss, double cFa, String field) {
        // Given / When / Then
        assertThatThrownBy(() -> new DcfParameters(p, cMiss, cFa))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(field);
    }
}
