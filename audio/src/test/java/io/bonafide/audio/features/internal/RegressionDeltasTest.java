package io.bonafide.audio.features.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RegressionDeltasTest {

    @Test
    void shouldGiveConstantDeltasAndZeroDeltaDeltasForALinearRamp() {
        // Given 30 static frames c_t = (0.5 t + 1, -2 t)
        List<float[]> out = new ArrayList<>();
        RegressionDeltas deltas = new RegressionDeltas(2, 2, frame -> out.add(frame.clone()));

        // When they stream through
        for (int t = 0; t < 30; t++) {
            deltas.accept(new float[] {0.5f * t + 1, -2f * t});
        }
        deltas.finish();

        // Then every frame comes out once, statics unchanged, deltas equal to the slope away from the
        // edges (2 frames) and delta-deltas zero away from them (4 frames)
        assertThat(out).hasSize(30);
        for (int t = 0; t < 30; t++) {
            float[] f = out.get(t);
            assertThat(f).hasSize(6);
            assertThat(f[0]).isCloseTo(0.5f * t + 1, within(1e-6f));
            if (t >= 2 && t < 28) {
                assertThat(f[2]).as("delta at %d", t).isCloseTo(0.5f, within(1e-5f));
                assertThat(f[3]).as("delta at %d", t).isCloseTo(-2f, within(1e-5f));
            }
            if (t >= 4 && t < 26) {
                assertThat(f[4]).as("delta-delta at %d", t).isCloseTo(0f, within(1e-5f));
                assertThat(f[5]).as("delta-delta at %d", t).isCloseTo(0f, within(1e-5f));
            }
        }
    }

    @Test
    void shouldRepeatEdgeFramesSoThatShortInputsStillGetDeltas() {
        // Given a single frame
        List<float[]> out = new ArrayList<>();
        RegressionDeltas deltas = new RegressionDeltas(1, 2, frame -> out.add(frame.clone()));
        deltas.accept(new float[] {3f});

        // When
        deltas.finish();

        // Then it comes out with zero deltas
        assertThat(out).hasSize(1);
        assertThat(out.get(0)).containsExactly(3f, 0f, 0f);
    }
}
