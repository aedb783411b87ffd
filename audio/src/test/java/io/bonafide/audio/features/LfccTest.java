package io.bonafide.audio.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LfccTest {

    @ParameterizedTest(name = "{0} samples")
    @ValueSource(ints = {0, 319, 320, 480, 481, 16_000, 16_123})
    void shouldGiveSixtyValuesPerTwentyMillisecondFrameEveryTenMilliseconds(int samples) {
        // Given noise of some length
        float[] noise = Signals.whiteNoise(samples / 16_000.0, 0.1, samples);

        // When
        float[][] lfcc = Lfcc.standard().extract(noise);

        // Then one 60-value frame per 160-sample hop once 320 samples fit
        assertThat(lfcc).hasNumberOfRows(Signals.snipEdgeFrames(samples, 320, 160));
        for (float[] frame : lfcc) {
            assertThat(frame).hasSize(60);
        }
    }

    @Test
    void shouldKeepSilenceFiniteWithZeroDeltas() {
        // Given silence
        float[][] lfcc = Lfcc.standard().extract(Signals.silence(0.5));

        // Then statics are the transformed floor, deltas and delta-deltas zero
        for (float[] frame : lfcc) {
            assertThat(frame[0]).isCloseTo((float) (Math.sqrt(20) * Math.log(1e-10)), within(1e-3f));
            for (int i = 20; i < 60; i++) {
                assertThat(frame[i]).isCloseTo(0f, within(1e-5f));
            }
        }
    }

    @Test
    void shouldUseTwentyLinearTrianglesFromZeroToEightKilohertz() {
        // Given / When
        float[][] filters = Lfcc.standard().filterWeights();

        // Then 20 triangles of peak 1 whose peaks are equally spaced 8000 / 21 Hz apart
        assertThat(filters).hasNumberOfRows(20);
        for (int m = 0; m < 20; m++) {
            float peak = 0;
            for (float w : filters[m]) {
                peak = Math.max(peak, w);
            }
            assertThat(peak).as("peak of filter %d", m).isBetween(0.9f, 1.0f);
        }
    }
}
