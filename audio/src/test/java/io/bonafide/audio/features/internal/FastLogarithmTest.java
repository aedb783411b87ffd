package io.bonafide.audio.features.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class FastLogarithmTest {

    @Test
    void shouldAgreeWithMathLogWithinTheRoundingOfAFloatFromTenToTheMinusElevenToTheEleven() {
        // Given a million seeded log-uniform values across 22 decades, and the edges of the mantissa fold
        Random random = new Random(41);
        double worst = 0;
        float worstAt = 0;
        for (int i = 0; i < 1_000_000; i++) {
            float x = (float) Math.exp((random.nextDouble() * 44 - 22) * Math.log(10) / 2);
            double error = Math.abs(FastLogarithm.ln(x) - Math.log(x));
            if (error > worst) {
                worst = error;
                worstAt = x;
            }
        }

        // Then the fast logarithm is within 2.1e-6 of Math.log
        assertThat(worst).as("largest error, at %s", worstAt).isLessThan(2.1e-6);
        for (float x : new float[] {1f, 1.4142135f, 1.4142137f, 0.70710677f, 2f, 0.5f, 1e-10f}) {
            assertThat((double) FastLogarithm.ln(x)).as("ln(%s)", x).isCloseTo(Math.log(x), within(2.1e-6));
        }
    }

    @Test
    void shouldLeaveSpecialValuesToMathLog() {
        assertThat(FastLogarithm.ln(0f)).isEqualTo(Float.NEGATIVE_INFINITY);
        assertThat(FastLogarithm.ln(-1f)).isNaN();
        assertThat(FastLogarithm.ln(Float.NaN)).isNaN();
        assertThat(FastLogarithm.ln(Float.POSITIVE_INFINITY)).isEqualTo(Float.POSITIVE_INFINITY);
        assertThat((double) FastLogarithm.ln(Float.MIN_VALUE)).isCloseTo(Math.log(Float.MIN_VALUE), within(1e-4));
    }
}
