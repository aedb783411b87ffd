package io.bonafide.detection.features;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The replay detector's utterance features: shape, edge cases, streaming and what they measure. */
class ReplayFeaturesTest {

    private static float[] noise(int n, long seed, double amplitude) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (amplitude * (random.nextDouble() * 2 - 1));
        }
        return x;
    }

    /** Speech-like: a 150 Hz harmonic series whose loudness follows a 4 Hz syllable rhythm, plus weak noise. */
    private static float[] speechLike(int n, double distortion) {
        float[] x = noise(n, 7, 0.001);
        for (int i = 0; i < n; i++) {
            double t = i / 16_000.0;
            double voice = 0;
            for (int h = 3; h <= 20; h++) {
                voice += Math.sin(2 * Math.PI * 150 * h * t + h) / h;
            }
            double y = 0.2 * (0.55 + 0.45 * Math.sin(2 * Math.PI * 4 * t)) * voice;
            x[i] += (float) (y + distortion * y * y * 10);
        }
        return x;
    }

    @Test
    void shouldNameEveryFeatureOnce() {
        assertThat(ReplayFeatures.NAMES).hasSize(ReplayFeatures.DIMENSION).doesNotHaveDuplicates();
        assertThat(FeatureSet.REPLAY138.dimension()).isEqualTo(138);
        assertThat(FeatureSet.REPLAY138.windowed()).isFalse();
    }

    /**
     * Syllables (3 Hz, with pauses) of a 150 Hz harmonic series from {@code firstHarmonic}, over
     * low-frequency (brown) background noise that fills the 0-250 Hz band in every frame.
     */
    private static float[] voicedOverLowNoise(int n, int firstHarmonic) {
        SplittableRandom random = new SplittableRandom(11);
        float[] x = new float[n];
        double brown = 0;
        for (int i = 0; i < n; i++) {
            double t = i / 16_000.0;
            double voice = 0;
            for (int h = firstHarmonic; h <= 20; h++) {
                voice += Math.sin(2 * Math.PI * 150 * h * t + h) / h;
            }
            double syllable = Math.max(0, Math.sin(2 * Math.PI * 3 * t));
            brown = 0.995 * brown + 0.002 * (random.nextDouble() * 2 - 1);
            x[i] = (float) (0.2 * syllable * syllable * voice + brown);
        }
        return x;
    }

    private static float[] extended(float[] x) {
        UtteranceFeatures channel = FeatureSet.REPLAY198.newChannel();
        channel.accept(x, 0, x.length);
        channel.end();
        return channel.vector();
    }

    @Test
    void shouldExtendTheSameFirst138WithSpeechAndNoiseSpectra() {
        float[] x = speechLike(40_000, 0.1);
        float[] v = extended(x);

        assertThat(FeatureSet.REPLAY198.dimension()).isEqualTo(198);
        assertThat(ReplayFeatures.EXTENDED_NAMES).hasSize(198).doesNotHaveDuplicates();
        assertThat(Arrays.copyOf(v, 138)).containsExactly(ReplayFeatures.of(x));
        for (float f : v) {
            assertThat(Float.isFinite(f)).isTrue();
        }
        for (float f : extended(new float[32_000])) {
            assertThat(Float.isFinite(f)).isTrue();
        }
        assertThat(extended(new float[399])).hasSize(198).containsOnly(0f);
    }

    @Test
    void shouldSeeTheLowBandLossOfALoudspeakerThroughLowFrequencyNoise() {
        // Given the same syllables with and without their first two harmonics (150, 300 Hz), as a
        // small loudspeaker would remove them, over the same low-frequency background noise
        float[] full = extended(voicedOverLowNoise(64_000, 1));
        float[] highPassed = extended(voicedOverLowNoise(64_000, 3));
        int speech150 = 138 + ReplayFeatures.EXTENDED_NAMES.subList(138, 198).indexOf("speech_2");

        // Then the speech spectrum with the floor removed shows the loss at 125-156 Hz far more
        // clearly than the all-frame long-term spectrum of 0-250 Hz, which the noise fills
        float speechDrop = full[speech150] - highPassed[speech150];
        assertThat(speechDrop).isGreaterThan(30f);
        assertThat(speechDrop).isGreaterThan(full[0] - highPassed[0] + 20f);
    }

    @Test
    void shouldGiveZerosUnderOneFrameAndFiniteValuesForDigitalSilence() {
        assertThat(ReplayFeatures.of(new float[399])).containsOnly(0f);
        float[] silence = ReplayFeatures.of(new float[32_000]);
        for (float v : silence) {
            assertThat(Float.isFinite(v)).isTrue();
        }
    }

    @Test
    void shouldNotDependOnHowTheChannelIsSplitIntoBlocks() {
        float[] x = speechLike(40_000, 0.1);
        UtteranceFeatures blocks = ReplayFeatures.newChannel();
        for (int at = 0; at < x.length; at += 777) {
            blocks.accept(x, at, Math.min(777, x.length - at));
        }
        blocks.end();
        assertThat(blocks.vector()).containsExactly(ReplayFeatures.of(x));
    }

    @Test
    void shouldAnalyseNonFiniteSamplesAsZeroAndCountThem() {
        float[] x = speechLike(16_000, 0);
        float[] withNan = x.clone();
        withNan[100] = Float.NaN;
        x[100] = 0;
        UtteranceFeatures channel = ReplayFeatures.newChannel();
        channel.accept(withNan, 0, withNan.length);
        channel.end();
        assertThat(channel.nonFiniteSamples()).isEqualTo(1);
        assertThat(channel.vector()).containsExactly(ReplayFeatures.of(x));
    }

    @Test
    void shouldSeeSpeechDrivenEnergyAboveTheVoiceBandWhenTheChannelDistorts() {
        // Given the same speech-like signal through a linear and a quadratic (distorting) channel
        float[] clean = ReplayFeatures.of(speechLike(48_000, 0));
        float[] distorted = ReplayFeatures.of(speechLike(48_000, 0.5));

        // Then the band at 6-6.25 kHz (harmonics 40+ only arise from the distortion) follows the
        // voice band more closely
        int band24 = ReplayFeatures.CORRELATION + 24;
        assertThat(distorted[band24]).isGreaterThan(clean[band24]);
    }
}
