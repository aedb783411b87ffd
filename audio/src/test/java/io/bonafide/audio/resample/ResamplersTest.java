package io.bonafide.audio.resample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The streaming contract of {@link Resamplers#create}: lengths, timing, gain, blocking and misuse. */
class ResamplersTest {

    @Test
    void shouldPassSamplesThroughUnchangedWhenRatesAreEqual() {
        // Given a 16 kHz signal
        float[] input = noise(16_000, 7);

        // When it is "resampled" to 16 kHz
        float[] output = CollectingSink.resample(16_000, 16_000, input);

        // Then it comes out identical
        assertThat(output).containsExactly(input);
    }

    @ParameterizedTest(name = "{0} Hz to {1} Hz")
    @CsvSource({"44100,16000", "48000,16000", "22050,16000", "11025,16000", "8000,16000", "37800,16000",
            "192000,16000", "32000,16000", "44101,16000", "16000,8000", "16000,44100"})
    void shouldEmitInputLengthTimesRateRatioRoundedSamples(int inputRate, int outputRate) {
        for (int length : new int[] {0, 1, 2, 3, 440, 441, 442, 1000, 12_345, 100_003}) {
            // Given an input of some length
            float[] input = noise(length, length);

            // When it is resampled
            float[] output = CollectingSink.resample(inputRate, outputRate, input);

            // Then the output has round(length * out / in) samples
            long expected = Math.round((double) length * outputRate / inputRate);
            assertThat(output).as("output of %d samples", length).hasSize((int) expected);
        }
    }

    @ParameterizedTest(name = "from {0} Hz")
    @ValueSource(ints = {8000, 11_025, 22_050, 32_000, 44_100, 48_000, 96_000, 44_101})
    void shouldKeepConstantSignalsAtTheSameLevel(int inputRate) {
        // Given a constant signal
        float[] input = new float[inputRate];
        Arrays.fill(input, 0.5f);

        // When it is resampled to 16 kHz
        float[] output = CollectingSink.resample(inputRate, 16_000, input);

        // Then, away from the ends, the level is unchanged: DC gain one
        for (int i = 400; i < output.length - 400; i++) {
            assertThat(output[i]).as("sample %d", i).isCloseTo(0.5f, within(2e-6f));
        }
    }

    @ParameterizedTest(name = "from {0} Hz")
    @ValueSource(ints = {8000, 11_025, 22_050, 44_100, 48_000, 96_000, 44_101})
    void shouldPlaceOutputSampleNAtTimeNOverOutputRate(int inputRate) {
        // Given a 1 kHz sine starting at phase 0.7
        float[] input = Tones.sine(inputRate, 1000, inputRate, 0.5, 0.7);

        // When it is resampled to 16 kHz
        float[] output = CollectingSink.resample(inputRate, 16_000, input);

        // Then output n equals the same sine at time n / 16000: no delay, no drift
        for (int n = 400; n < output.length - 400; n++) {
            double expected = 0.5 * Math.sin(2 * Math.PI * 1000 * n / 16_000.0 + 0.7);
            assertThat((double) output[n]).as("sample %d", n).isCloseTo(expected, within(5e-5));
        }
    }

    @ParameterizedTest(name = "{0} Hz to {1} Hz")
    @CsvSource({"44100,16000", "48000,16000", "8000,16000", "11025,16000", "96000,16000", "44101,16000",
            "16000,16000"})
    void shouldProduceIdenticalOutputWhateverTheInputBlockSizes(int inputRate, int outputRate) {
        // Given three seconds of noise, resampled in one block
        float[] input = noise(3 * inputRate, 11);
        float[] whole = CollectingSink.resample(inputRate, outputRate, input);

        for (long seed = 1; seed <= 3; seed++) {
            // When the same input is fed in blocks of seeded random sizes, empty blocks included
            Random random = new Random(seed);
            Resampler resampler = Resamplers.create(inputRate, outputRate);
            CollectingSink sink = new CollectingSink();
            int offset = 0;
            while (offset < input.length) {
                int block = Math.min(input.length - offset, random.nextInt(5) == 0 ? random.nextInt(3) : random.nextInt(20_000));
                resampler.process(input, offset, block, sink);
                offset += block;
            }
            resampler.flush(sink);

            // Then the output is bit-for-bit the same
            float[] blocked = sink.samples();
            assertThat(blocked).as("blocks from seed %d", seed).hasSameSizeAs(whole);
            assertThat(Arrays.mismatch(blocked, whole)).as("first differing sample, blocks from seed %d", seed).isEqualTo(-1);
        }
    }

    @Test
    void shouldReportItsRates() {
        // Given / When
        Resampler resampler = Resamplers.create(44_100, 16_000);

        // Then
        assertThat(resampler.inputRate()).isEqualTo(44_100);
        assertThat(resampler.outputRate()).isEqualTo(16_000);
    }

    @ParameterizedTest(name = "{0} Hz to {1} Hz")
    @CsvSource({"999,16000", "16000,0", "800000,16000", "-44100,16000"})
    void shouldRejectRatesOutsideTheSupportedRange(int inputRate, int outputRate) {
        assertThatThrownBy(() -> Resamplers.create(inputRate, outputRate))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Rate must be within");
    }

    @ParameterizedTest(name = "{0} Hz to {1} Hz")
    @CsvSource({"44100,16000", "16000,16000"})
    void shouldRefuseInputAfterFlush(int inputRate, int outputRate) {
        // Given a flushed resampler
        Resampler resampler = Resamplers.create(inputRate, outputRate);
        CollectingSink sink = new CollectingSink();
        resampler.flush(sink);

        // When / Then more input or a second flush is a programming error
        assertThatThrownBy(() -> resampler.process(new float[10], 0, 10, sink)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> resampler.flush(sink)).isInstanceOf(IllegalStateException.class);
    }

    private static float[] noise(int length, long seed) {
        Random random = new Random(seed);
        float[] x = new float[length];
        for (int i = 0; i < length; i++) {
            x[i] = (float) (random.nextGaussian() * 0.2);
        }
        return x;
    }
}
