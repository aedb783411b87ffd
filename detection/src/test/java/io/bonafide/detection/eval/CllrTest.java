package io.bonafide.detection.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class CllrTest {

    @Test
    void shouldBeOneForAnUninformativeDetector() {
        // Given every score is an LLR of 0
        LabelledScores scores = LabelledScores.of(new double[] {0, 0, 0}, new double[] {0, 0});

        // When / Then
        assertThat(Cllr.of(scores)).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void shouldBeBelowOneForPerfectlyCalibratedInformativeLlrs() {
        // Given LLRs of two Gaussians N(+mu, 2mu) and N(-mu, 2mu), which are calibrated by construction
        Random random = new Random(3);
        double mu = 2.0;
        double sd = Math.sqrt(2 * mu);
        LabelledScores scores = LabelledScores.of(
                EqualErrorRateTest.gaussian(random, 20_000, mu, sd), EqualErrorRateTest.gaussian(random, 20_000, -mu, sd));

        // When
        double cllr = Cllr.of(scores);

        // Then it is informative, and scaling the LLRs (miscalibrating them) only makes it worse
        assertThat(cllr).isBetween(0.0, 1.0);
        assertThat(Cllr.of(scaled(scores, 3.0))).isGreaterThan(cllr);
        assertThat(Cllr.of(scaled(scores, 0.3))).isGreaterThan(cllr);
    }

    @Test
    void shouldMatchTheLogTwoDefinitionOnAHandComputedExample() {
        // Given genuine s = ln 3 and attack s = -ln 3: log2(1 + 1/3) for each class
        LabelledScores scores = LabelledScores.of(new double[] {Math.log(3)}, new double[] {-Math.log(3)});

        // When / Then
        assertThat(Cllr.of(scores)).isCloseTo(Math.log(4.0 / 3) / Math.log(2), within(1e-12));
    }

    @Test
    void shouldStayFiniteForHugeWrongScores() {
        // Given confidently wrong scores that would overflow a naive exp
        LabelledScores scores = LabelledScores.of(new double[] {-1000}, new double[] {1000});

        // When / Then: each side costs 1000 / ln 2 bits
        assertThat(Cllr.of(scores)).isCloseTo(1000 / Math.log(2), within(1e-9));
    }

    private static LabelledScores scaled(LabelledScores scores, double factor) {
        double[] g = scores.genuineScores();
        double[] a = scores.attackScores();
        for (int i = 0; i < g.length; i++) {
            g[i] *= factor;
        }
        for (int i = 0; i < a.length; i++) {
            a[i] *= factor;
        }
        return LabelledScores.of(g, a);
    }
}
