package io.bonafide.detection.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Baseline34FeaturesTest {
    private static final int RATE = 16_000;

    private static float[] sine(double hz, double amplitude, double seconds) {
        float[] x = new float[(int) Math.round(seconds * RATE)];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (amplitude * Math.sin(2 * Math.PI * hz * i / RATE));
        }
        return x;
    }

    @Test
    void shouldNameThirtyFourFeaturesInVectorOrder() {
        assertThat(Baseline34Features.NAMES).hasSize(34).doesNotHaveDuplicates();
        assertThat(Baseline34Features.NAMES.get(0)).isEqualTo("mfcc0_mean");
        assertThat(Baseline34Features.NAMES.get(13)).isEqualTo("mfcc0_std");
        assertThat(Baseline34Features.NAMES.get(Baseline34Features.CENTROID)).isEqualTo("centroid");
        assertThat(Baseline34Features.NAMES.get(Baseline34Features.PITCH_STD)).isEqualTo("pitch_std");
        assertThat(FeatureSet.BASELINE34.dimension()).isEqualTo(34);
    }

    @ParameterizedTest
    @ValueSource(doubles = {500, 1000, 2500})
    void shouldPutTheCentroidAndZeroCrossingsOfASineAtItsFrequency(double hz) {
        // Given a steady sine of half full scale
        // When its features are computed
        float[] v = Baseline34Features.of(sine(hz, 0.5, 2.0));

        // Then centroid and rolloff sit at the tone (the Hann window's leakage, weighted by magnitude
        // over the whole band, pulls the centroid up by about 30 Hz), ZCR reads 2 f / 16000, RMS is A / sqrt 2
        assertThat((double) v[Baseline34Features.CENTROID]).isCloseTo(hz, within(Math.max(40, 0.03 * hz)));
        assertThat((double) v[Baseline34Features.ROLLOFF]).isCloseTo(hz, within(0.05 * hz + 31.25));   // one bin
        assertThat((double) v[Baseline34Features.ZCR]).isCloseTo(2 * hz / RATE, within(0.01 * 2 * hz / RATE + 0.003));
        assertThat((double) v[Baseline34Features.RMS]).isCloseTo(0.5 / Math.sqrt(2), within(0.005));
        // and a steady tone has (almost) no spread of its MFCCs over time
        for (int i = 13; i < 26; i++) {
            assertThat(v[i]).isLessThan(0.5f);
        }
    }

    @ParameterizedTest
    @ValueSource(doubles = {100, 200, 300})
    void shouldReadThePitchOfAVoicedToneOverItsVoicedFramesOnly(double f0) {
        // Given a tone with two harmonics, half of it followed by silence
        float[] voiced = sine(f0, 0.4, 1.5);
        float[] second = sine(2 * f0, 0.2, 1.5);
        float[] x = new float[voiced.length * 2];
        for (int i = 0; i < voiced.length; i++) {
            x[i] = voiced[i] + second[i];
        }

        // When its features are computed
        float[] v = Baseline34Features.of(x);

        // Then the pitch mean is f0 and the silent half does not drag it towards 0
        assertThat((double) v[Baseline34Features.PITCH_MEAN]).isCloseTo(f0, within(0.02 * f0));
        assertThat((double) v[Baseline34Features.PITCH_STD]).isLessThan(0.05 * f0);
    }

    @Test
    void shouldGiveFiniteValuesAndNoPitchForDigitalSilence() {
        // Given four seconds of zeros
        // When their features are computed
        float[] v = Baseline34Features.of(new float[4 * RATE]);

        // Then every value is finite; energy, spectral shape and pitch are zero
        for (float value : v) {
            assertThat(Float.isFinite(value)).isTrue();
        }
        assertThat(v[Baseline34Features.RMS]).isZero();
        assertThat(v[Baseline34Features.ZCR]).isZero();
        assertThat(v[Baseline34Features.CENTROID]).isZero();
        assertThat(v[Baseline34Features.PITCH_MEAN]).isZero();
        assertThat(v[Baseline34Features.PITCH_STD]).isZero();
    }

    @Test
    void shouldGiveZerosForLessThanOneFrame() {
        float[] v = Baseline34Features.of(sine(440, 0.5, 0.02));   // 320 samples < 400

        assertThat(v).containsOnly(0f);
    }

    @Test
    void shouldAnalyseNonFiniteSamplesAsZeroAndCountThem() {
        // Given noise with a NaN and an infinity in it
        float[] x = noise(2.0, 0.1, 3);
        float[] clean = x.clone();
        x[100] = Float.NaN;
        x[200] = Float.POSITIVE_INFINITY;
        clean[100] = 0;
        clean[200] = 0;

        // When the features are computed in one block
        UtteranceFeatures channel = Baseline34Features.newChannel();
        channel.accept(x, 0, x.length);
        channel.end();

        // Then they equal those of the signal with zeros there, and both samples are counted
        assertThat(channel.vector()).containsExactly(Baseline34Features.of(clean));
        assertThat(channel.nonFiniteSamples()).isEqualTo(2);
        assertThat(channel.samples()).isEqualTo(x.length);
    }

    @Test
    void shouldNotDependOnHowTheChannelIsSplitIntoBlocks() {
        // Given seeded noise plus a tone
        float[] x = noise(3.0, 0.1, 9);
        float[] tone = sine(180, 0.3, 3.0);
        for (int i = 0; i < x.length; i++) {
            x[i] += tone[i];
        }
        float[] whole = Baseline34Features.of(x);

        // When it arrives in random blocks
        SplittableRandom random = new SplittableRandom(42);
        UtteranceFeatures channel = Baseline34Features.newChannel();
        int at = 0;
        while (at < x.length) {
            int n = Math.min(x.length - at, 1 + random.nextInt(5000));
            channel.accept(x, at, n);
            at += n;
        }
        channel.end();

        // Then the features are identical
        assertThat(channel.vector()).containsExactly(whole);
    }

    private static float[] noise(double seconds, double amplitude, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] x = new float[(int) Math.round(seconds * RATE)];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (amplitude * (random.nextDouble() * 2 - 1));
        }
        return x;
    }
}
