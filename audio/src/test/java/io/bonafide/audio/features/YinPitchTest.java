package io.bonafide.audio.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class YinPitchTest {

    @ParameterizedTest(name = "{0} Hz")
    @ValueSource(doubles = {80, 97.3, 123.4, 150, 220, 271.8, 333.3, 400})
    void shouldEstimateThePitchOfASineWithinOnePercent(double frequency) {
        // Given a second of sine at f
        float[] tone = Signals.sine(frequency, 1, 0.5);

        // When
        float[][] pitch = YinPitch.standard().extract(tone);

        // Then every frame whose window lies inside the tone is voiced at f within 1 %
        for (int i = 4; i < pitch.length - 4; i++) {
            assertThat(pitch[i][YinPitch.VOICED]).as("frame %d voiced", i).isEqualTo(1f);
            assertThat((double) pitch[i][YinPitch.F0]).as("frame %d f0", i).isCloseTo(frequency, within(0.01 * frequency));
        }
    }

    @Test
    void shouldCallWhiteNoiseMostlyUnvoiced() {
        // Given white noise
        float[][] pitch = YinPitch.standard().extract(Signals.whiteNoise(1, 0.1, 29));

        // Then at most a few frames pass for voiced, and the aperiodicity is high
        long voiced = java.util.Arrays.stream(pitch).filter(f -> f[YinPitch.VOICED] == 1f).count();
        assertThat(voiced).isLessThan(pitch.length / 10);
        assertThat(FrameStatistics.of(pitch, 3).means()[YinPitch.APERIODICITY]).isGreaterThan(0.3f);
    }

    @Test
    void shouldCallSilenceUnvoicedWithZeroPitch() {
        for (float[] frame : YinPitch.standard().extract(Signals.silence(0.3))) {
            assertThat(frame[YinPitch.F0]).isZero();
            assertThat(frame[YinPitch.VOICED]).isZero();
        }
    }

    @Test
    void shouldAlignItsFramesWithTheStandardStft() {
        for (int samples : new int[] {0, 399, 400, 16_000, 16_077}) {
            assertThat(YinPitch.standard().extract(new float[samples])).hasNumberOfRows(Signals.snipEdgeFrames(samples, 400, 160));
        }
    }
}
