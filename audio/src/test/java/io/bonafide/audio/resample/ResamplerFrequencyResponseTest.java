package io.bonafide.audio.resample;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Measures the resampler's magnitude response with pure tones, rate by rate. */
class ResamplerFrequencyResponseTest {
    private static final int OUTPUT_RATE = 16_000;
    /** Output samples skipped at each end, so that the tone's switch-on and switch-off are not measured. */
    private static final int EDGE = 800;

    @ParameterizedTest(name = "from {0} Hz")
    @ValueSource(ints = {22_050, 44_100, 48_000, 96_000})
    void shouldAttenuateTonesAboveEightKilohertzByEightyDecibels(int inputRate) {
        for (double frequency : stopbandTones(inputRate)) {
            // Given a one-second tone between 8.5 kHz and the input Nyquist frequency
            float[] tone = Tones.sine(inputRate, frequency, inputRate, 0.9, 0.1);

            // When it is resampled to 16 kHz
            float[] output = CollectingSink.resample(inputRate, OUTPUT_RATE, tone);

            // Then what is left is at least 80 dB below the input
            double attenuation = Tones.decibels(
                    Tones.rms(output, EDGE, output.length - EDGE) / Tones.rms(tone, 0, tone.length));
            assertThat(attenuation).as("output level of a %.0f Hz tone, dB", frequency).isLessThan(-80);
        }
    }

    @ParameterizedTest(name = "from {0} Hz")
    @ValueSource(ints = {22_050, 32_000, 37_800, 44_100, 48_000, 88_200, 96_000, 192_000})
    void shouldKeepTonesUpToSevenKilohertzWithinATenthOfADecibel(int inputRate) {
        // Given tones from 50 Hz to 7 kHz
        List<Double> gains = new ArrayList<>();
        for (double frequency = 50; frequency <= 7000; frequency += 50) {
            float[] tone = Tones.sine(inputRate, frequency, inputRate / 4, 0.5, 0.3);

            // When each is resampled to 16 kHz
            float[] output = CollectingSink.resample(inputRate, OUTPUT_RATE, tone);

            gains.add(Tones.decibels(Tones.amplitude(output, OUTPUT_RATE, frequency, EDGE, output.length - EDGE) / 0.5));
        }

        // Then the gain varies by at most 0.1 dB, around 0 dB
        double max = gains.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        double min = gains.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        assertThat(max - min).as("passband ripple, dB").isLessThanOrEqualTo(0.1);
        assertThat(max).isLessThan(0.05);
        assertThat(min).isGreaterThan(-0.05);
    }

    @ParameterizedTest(name = "tone at {0} Hz")
    @ValueSource(ints = {300, 1000, 2500, 3400})
    void shouldUpsampleEightKilohertzWithoutImages(int frequency) {
        // Given a tone at 8 kHz
        float[] tone = Tones.sine(8000, frequency, 8000, 0.5, 0.2);

        // When it is upsampled to 16 kHz
        float[] output = CollectingSink.resample(8000, OUTPUT_RATE, tone);

        // Then the tone keeps its level and its mirror image about 4 kHz is 80 dB down
        double kept = Tones.amplitude(output, OUTPUT_RATE, frequency, EDGE, output.length - EDGE);
        double image = Tones.amplitude(output, OUTPUT_RATE, 8000 - frequency, EDGE, output.length - EDGE);
        assertThat(Tones.decibels(kept / 0.5)).isBetween(-0.05, 0.05);
        assertThat(Tones.decibels(image / 0.5)).isLessThan(-80);
    }

    @ParameterizedTest(name = "from {0} Hz")
    @ValueSource(ints = {11_025, 22_050, 44_100, 48_000})
    void shouldSilenceEverythingAboveEightKilohertzInTheOutputSpectrum(int inputRate) {
        // Given a tone in the passband
        float[] tone = Tones.sine(inputRate, 1234.5, inputRate, 0.5, 0);

        // When it is resampled
        float[] output = CollectingSink.resample(inputRate, OUTPUT_RATE, tone);

        // Then nothing but the tone is left: the residual after removing it is 80 dB down
        double residual = Tones.residualRms(output, OUTPUT_RATE, 1234.5, EDGE, output.length - EDGE);
        assertThat(Tones.decibels(residual / (0.5 / Math.sqrt(2)))).isLessThan(-80);
    }

    private static List<Double> stopbandTones(int inputRate) {
        List<Double> tones = new ArrayList<>();
        double nyquist = inputRate / 2.0;
        for (double f = 8500; f < nyquist - 100; f += (nyquist - 8500) / 9) {
            tones.add(f);
        }
        tones.add(nyquist - 60);
        return tones;
    }
}
