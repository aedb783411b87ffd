package io.bonafide.audio.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ZeroCrossingRateTest {

    @ParameterizedTest(name = "{0} Hz")
    @ValueSource(doubles = {100, 440, 1000, 3333.3, 7000})
    void shouldCountTwoCrossingsPerPeriodOfASine(double frequency) {
        // Given a sine at f
        float[] tone = Signals.sine(frequency, 0.5, 0.5);

        // When
        float[][] zcr = ZeroCrossingRate.standard().extract(tone);

        // Then every frame reads 2 f / 16000 crossings per sample, give or take one crossing per frame
        for (float[] frame : zcr) {
            assertThat((double) frame[0]).isCloseTo(2 * frequency / 16_000, within(1.0 / 399));
        }
    }
}
