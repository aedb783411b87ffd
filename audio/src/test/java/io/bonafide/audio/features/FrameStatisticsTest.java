package io.bonafide.audio.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class FrameStatisticsTest {

    @Test
    void shouldComputePerDimensionMeansAndPopulationDeviations() {
        // Given three frames of two values
        float[][] frames = {{1, 1000}, {2, 1000}, {3, 1000}};

        // When
        FrameStatistics statistics = FrameStatistics.of(frames, 2);

        // Then
        assertThat(statistics.frames()).isEqualTo(3);
        assertThat(statistics.means()).containsExactly(2f, 1000f);
        assertThat(statistics.standardDeviations()[0]).isCloseTo((float) Math.sqrt(2.0 / 3), within(1e-6f));
        assertThat(statistics.standardDeviations()[1]).isZero();
        assertThat(statistics.meansAndStandardDeviations()).hasSize(4);
    }

    @Test
    void shouldReportZerosBeforeAnyFrame() {
        assertThat(new FrameStatistics(3).meansAndStandardDeviations()).containsOnly(0f);
    }
}
