package io.bonafide.audio.resample.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The fused kernels run where the JVM has hardware FMA; the unfused ones must agree with them. */
class KernelsTest {

    @Test
    void shouldComputeTheSameMultiplyAddsFusedOrNot() {
        // Given seeded rows and coefficients
        Random random = new Random(3);
        int n = 1000;
        float[][] rows = new float[4][n];
        for (float[] row : rows) {
            for (int i = 0; i < n; i++) {
                row[i] = (float) random.nextGaussian();
            }
        }
        float[] fused = new float[n];
        float[] unfused = new float[n];

        // When both kernel sets accumulate the same taps
        Kernels.set4(fused, 0.1f, rows[0], -0.2f, rows[1], 0.3f, rows[2], 0.4f, rows[3], n);
        Kernels.add4(fused, 0.5f, rows[3], 0.6f, rows[2], -0.7f, rows[1], 0.8f, rows[0], n);
        Kernels.add3(fused, 0.9f, rows[0], 1.0f, rows[1], 1.1f, rows[2], n);
        Kernels.add2(fused, 1.2f, rows[3], 1.3f, rows[0], n);
        Kernels.add1(fused, -1.4f, rows[1], n);
        Kernels.set4Unfused(unfused, 0.1f, rows[0], -0.2f, rows[1], 0.3f, rows[2], 0.4f, rows[3], n);
        Kernels.add4Unfused(unfused, 0.5f, rows[3], 0.6f, rows[2], -0.7f, rows[1], 0.8f, rows[0], n);
        Kernels.add3Unfused(unfused, 0.9f, rows[0], 1.0f, rows[1], 1.1f, rows[2], n);
        Kernels.add2Unfused(unfused, 1.2f, rows[3], 1.3f, rows[0], n);
        Kernels.add1Unfused(unfused, -1.4f, rows[1], n);

        // Then they differ only by float rounding
        for (int i = 0; i < n; i++) {
            double exact = 0.1 * rows[0][i] - 0.2 * rows[1][i] + 0.3 * rows[2][i] + 0.4 * rows[3][i]
                    + 0.5 * rows[3][i] + 0.6 * rows[2][i] - 0.7 * rows[1][i] + 0.8 * rows[0][i]
                    + 0.9 * rows[0][i] + 1.0 * rows[1][i] + 1.1 * rows[2][i] + 1.2 * rows[3][i] + 1.3 * rows[0][i]
                    - 1.4 * rows[1][i];
            assertThat((double) fused[i]).isCloseTo(exact, within(1e-5));
            assertThat((double) unfused[i]).isCloseTo(exact, within(1e-5));
        }
    }
}
