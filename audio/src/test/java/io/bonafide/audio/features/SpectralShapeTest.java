package io.bonafide.audio.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SpectralShapeTest {

    @ParameterizedTest(name = "{0} Hz")
    @ValueSource(doubles = {250, 1000, 1234.5, 3000, 6000})
    void shouldPlaceTheCentroidAndRolloffOfASineAtItsFrequency(double frequency) {
        // Given a sine at f
        float[] tone = Signals.sine(frequency, 0.5, 0.5);

        // When
        float[][] shape = SpectralShape.standard().extract(tone);

        // Then the centroid is f within 2 %, the rolloff within two bins, and the spread narrow
        for (float[] frame : shape) {
            assertThat((double) frame[SpectralShape.CENTROID]).isCloseTo(frequency, within(0.02 * frequency));
            assertThat((double) frame[SpectralShape.ROLLOFF]).isCloseTo(frequency, within(62.5));
            assertThat(frame[SpectralShape.BANDWIDTH]).isLessThan(150f);
        }
    }

    @Test
    void shouldFindWhiteNoiseFlatAndWideAndAToneNeither() {
        // Given white noise and a tone
        float[][] noise = SpectralShape.standard().extract(Signals.whiteNoise(1, 0.1, 17));
        float[][] tone = SpectralShape.standard().extract(Signals.sine(1000, 1, 0.1));

        // When averaged over frames
        float[] noiseMeans = FrameStatistics.of(noise, 4).means();
        float[] toneMeans = FrameStatistics.of(tone, 4).means();

        // Then noise is flat (about e^-0.577 = 0.56 for a periodogram) and centred mid-band; the tone is not flat
        assertThat(noiseMeans[SpectralShape.FLATNESS]).isBetween(0.4f, 0.8f);
        assertThat(toneMeans[SpectralShape.FLATNESS]).isLessThan(0.01f);
        assertThat(noiseMeans[SpectralShape.CENTROID]).isCloseTo(4000f, within(300f));
        assertThat(noiseMeans[SpectralShape.BANDWIDTH]).isGreaterThan(2000f);
    }

    @Test
    void shouldDescribeSilenceWithFiniteValues() {
        for (float[] frame : SpectralShape.standard().extract(Signals.silence(0.2))) {
            assertThat(frame).containsExactly(new float[] {0f, 0f, 0f, 1f}, within(1e-5f));
        }
    }
}
