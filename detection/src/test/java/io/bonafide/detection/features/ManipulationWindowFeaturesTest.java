package io.bonafide.detection.features;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Per-window features of the manipulation detector: window geometry, streaming and contrasts. */
class ManipulationWindowFeaturesTest {

    private static float[] noise(int n, long seed, double amplitude) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (amplitude * (random.nextDouble() * 2 - 1));
        }
        return x;
    }

    @Test
    void shouldCutWholeWindowsOf400MsEvery200Ms() {
        assertThat(ManipulationWindowFeatures.windows(6_399)).isZero();
        assertThat(ManipulationWindowFeatures.windows(6_400)).isEqualTo(1);
        assertThat(ManipulationWindowFeatures.windows(9_599)).isEqualTo(1);
        assertThat(ManipulationWindowFeatures.windows(9_600)).isEqualTo(2);
        assertThat(ManipulationWindowFeatures.of(new float[32_000])).hasSize(9);
        assertThat(ManipulationWindowFeatures.of(new float[6_000])).isEmpty();
    }

    @Test
    void shouldNameEveryFeatureOnceAndGiveFiniteValuesForSilence() {
        assertThat(ManipulationWindowFeatures.NAMES).hasSize(ManipulationWindowFeatures.DIMENSION)
                .doesNotHaveDuplicates();
        assertThat(FeatureSet.MANIPULATION140.windowed()).isTrue();
        for (float[] window : ManipulationWindowFeatures.of(new float[16_000])) {
            assertThat(window).hasSize(ManipulationWindowFeatures.DIMENSION);
            for (float v : window) {
                assertThat(Float.isFinite(v)).isTrue();
            }
        }
    }

    @Test
    void shouldNotDependOnHowTheChannelIsSplitIntoBlocks() {
        float[] x = noise(40_000, 3, 0.1);
        ManipulationWindowFeatures.Channel blocks = ManipulationWindowFeatures.newChannel();
        for (int at = 0; at < x.length; at += 1_001) {
            blocks.accept(x, at, Math.min(1_001, x.length - at));
        }
        blocks.end();
        List<float[]> whole = ManipulationWindowFeatures.of(x);
        assertThat(blocks.windows()).hasSameSizeAs(whole);
        for (int w = 0; w < whole.size(); w++) {
            assertThat(blocks.windows().get(w)).containsExactly(whole.get(w));
        }
    }

    @Test
    void shouldMarkTheWindowsHoldingALevelJumpWithTheLargestHalfContrast() {
        // Given 3 s of steady noise that becomes 12 dB louder at 1.4 s
        float[] x = noise(48_000, 5, 0.05);
        for (int i = 22_400; i < x.length; i++) {
            x[i] *= 4;
        }

        // When the windows are analysed
        List<float[]> windows = ManipulationWindowFeatures.of(x);

        // Then the window centred on the jump (1.2-1.6 s, window 6) has the largest level change
        // between its halves, and a window far from it a small one
        int halfLevel = 20;
        int best = 0;
        for (int w = 0; w < windows.size(); w++) {
            if (windows.get(w)[halfLevel] > windows.get(best)[halfLevel]) {
                best = w;
            }
        }
        assertThat(best).isEqualTo(6);
        assertThat(windows.get(1)[halfLevel]).isLessThan(1f);
        assertThat(windows.get(6)[halfLevel]).isGreaterThan(8f);
    }

    @Test
    void shouldKeepThe140FeaturesOfVersionOneAsThePrefixOfTheFullVector() {
        assertThat(ManipulationWindowFeatures.NAMES).hasSize(322);
        assertThat(FeatureSet.MANIPULATION140.names()).isEqualTo(ManipulationWindowFeatures.NAMES.subList(0, 140));
        assertThat(FeatureSet.MANIPULATION322.windowed()).isTrue();
        float[] full = ManipulationWindowFeatures.of(noise(16_000, 7, 0.1)).get(0);
        assertThat(FeatureSet.MANIPULATION140.ofWindow(full)).containsExactly(java.util.Arrays.copyOf(full, 140));
        assertThat(FeatureSet.MANIPULATION322.ofWindow(full)).isSameAs(full);
    }

    @Test
    void shouldSeeALevelJumpOfTheNoiseBedInTheSignedFloorContrastAndItsRobustZScore() {
        // Given 6 s of steady noise that becomes 12 dB louder at 3.0 s
        float[] x = noise(96_000, 11, 0.01);
        for (int i = 48_000; i < x.length; i++) {
            x[i] *= 4;
        }

        // When the windows are analysed
        List<float[]> windows = ManipulationWindowFeatures.of(x);

        // Then the window centred on the jump (2.8-3.2 s, window 14) sees the floor rise by about
        // 12 dB over 1.2 s of context, is the most unusual window of its channel, and a window far
        // from the jump sees no change
        int signed = ManipulationWindowFeatures.NAMES.indexOf("context1200ms_floor_signed");
        int z = ManipulationWindowFeatures.NAMES.indexOf("robust_z_context1200ms_floor_signed");
        assertThat(windows.get(14)[signed]).isBetween(10f, 14f);
        assertThat(Math.abs(windows.get(4)[signed])).isLessThan(1f);
        int best = 0;
        for (int w = 0; w < windows.size(); w++) {
            if (windows.get(w)[z] > windows.get(best)[z]) {
                best = w;
            }
        }
        assertThat(best).isEqualTo(14);
    }

    @Test
    void shouldFindTheResidualSpikeOfAHardCutBetweenTwoTones() {
        // Given two tones joined at 1.0 s without a crossfade (a phase jump)
        float[] x = new float[32_000];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (i < 16_000 ? 0.3 * Math.sin(2 * Math.PI * 440 * i / 16_000.0)
                    : 0.3 * Math.sin(2 * Math.PI * 620 * i / 16_000.0 + 1.3));
        }
        x = addTo(x, noise(x.length, 13, 0.001));

        // When the windows are analysed
        List<float[]> windows = ManipulationWindowFeatures.of(x);

        // Then the window centred on the cut (window 4, 0.8-1.2 s) has a far larger
        // prediction-residual crest than a window of one tone
        int crest = ManipulationWindowFeatures.NAMES.indexOf("max_lpc_crest");
        assertThat(windows.get(4)[crest]).isGreaterThan(2 * windows.get(1)[crest]);
    }

    private static float[] addTo(float[] x, float[] y) {
        for (int i = 0; i < x.length; i++) {
            x[i] += y[i];
        }
        return x;
    }
}
