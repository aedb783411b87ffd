package io.bonafide.audio.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class MfccTest {

    @Test
    void shouldTurnSilenceIntoAScaledFloorInC0AndZerosElsewhere() {
        // Given silence, whose 40 log-mel values are all ln(1e-10)
        float[][] mfcc = Mfcc.standard().extract(Signals.silence(0.5));

        // Then the orthonormal DCT gives c0 = sqrt(40) ln(1e-10) and 0 for the other 12 coefficients
        for (float[] frame : mfcc) {
            assertThat(frame).hasSize(13);
            assertThat(frame[0]).isCloseTo((float) (Math.sqrt(40) * Math.log(1e-10)), within(1e-3f));
            for (int k = 1; k < 13; k++) {
                assertThat(frame[k]).isCloseTo(0f, within(1e-3f));
            }
        }
    }

    @Test
    void shouldSummariseIntoThirteenMeansAndThirteenDeviations() {
        // Given a second of noise
        float[][] mfcc = Mfcc.standard().extract(Signals.whiteNoise(1, 0.1, 3));

        // When summarised over frames
        float[] summary = FrameStatistics.of(mfcc, 13).meansAndStandardDeviations();

        // Then there are 26 finite values, deviations non-negative
        assertThat(summary).hasSize(26);
        for (int i = 0; i < 26; i++) {
            assertThat(Float.isFinite(summary[i])).isTrue();
        }
        for (int i = 13; i < 26; i++) {
            assertThat(summary[i]).isGreaterThanOrEqualTo(0f);
        }
    }
}
