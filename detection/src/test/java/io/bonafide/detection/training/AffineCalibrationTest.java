package io.bonafide.detection.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AffineCalibrationTest {

    @Test
    void shouldRecoverTheLikelihoodRatioOfTwoGaussianClassesWhateverTheirSizes() {
        // Given raw scores: genuine ~ N(1, 1) (3000 trials), attacks ~ N(-1, 1) (1000 trials), whose
        // exact log-likelihood ratio is 2 s; the class sizes differ to show the prior balancing
        SplittableRandom random = new SplittableRandom(17);
        int n = 4000;
        double[] raw = new double[n];
        boolean[] genuine = new boolean[n];
        for (int i = 0; i < n; i++) {
            genuine[i] = i % 4 != 0;
            raw[i] = gaussian(random) + (genuine[i] ? 1 : -1);
        }

        // When the calibration is fitted
        AffineCalibration c = AffineCalibration.fit(raw, genuine);

        // Then it is llr = 2 s, up to sampling noise and the L2 penalty, which pulls a slightly below 2
        assertThat(c.a()).isBetween(1.7, 2.05);
        assertThat(c.b()).isCloseTo(0.0, within(0.1));
        assertThat(c.apply(0.5)).isCloseTo(c.a() * 0.5 + c.b(), within(1e-12));
    }

    @Test
    void shouldStayFiniteOnASeparableDevSet() {
        AffineCalibration c = AffineCalibration.fit(new double[] {2, 3, -2, -3}, new boolean[] {true, true, false, false});

        assertThat(c.a()).isPositive().isFinite();
        assertThat(c.b()).isFinite();
    }

    @Test
    void shouldRefuseADevSetWithOneClass() {
        assertThatThrownBy(() -> AffineCalibration.fit(new double[] {1, 2}, new boolean[] {true, true}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("both");
    }

    private static double gaussian(SplittableRandom random) {
        // Box-Muller, so the test does not depend on java.util.Random's algorithm
        return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
    }
}
