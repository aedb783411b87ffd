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
}
