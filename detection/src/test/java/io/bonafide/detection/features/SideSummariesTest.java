package io.bonafide.detection.features;

import static io.bonafide.detection.features.ManipulationWindowFeatures.CEPSTRA;
import static io.bonafide.detection.features.ManipulationWindowFeatures.COARSE;
import static io.bonafide.detection.features.ManipulationWindowFeatures.FRAME_FEATURES;
import static org.assertj.core.api.Assertions.assertThat;

import io.bonafide.detection.features.SideSummaries.Side;
import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SideSummariesTest {
    private static final int FRAMES = 2000;

    @Test
    void shouldSummariseSlidingCachedAndUnitedRunsBitForBitAsFromScratch() {
        // Given frames whose levels repeat (ties are ordered by frame)
        float[] frames = frames(11);
        SideSummaries sides = new SideSummaries(frames);

        // When runs slide along the channel as the contrast curves ask for them, some twice
        for (int start = 0; start + 260 <= FRAMES; start += 5) {
            for (int length : new int[] {50, 60, 100, 120, 200}) {
                // Then each summary is the one computed from scratch over the same frames
                assertSame(sides.of(start, start + length), fromScratch(frames, range(start, start + length)));
            }
            Side before = sides.of(start + 200, start + 260);
            Side after = sides.of(start, start + 60);
            assertSame(sides.of(start, start + 60), fromScratch(frames, range(start, start + 60)));
            // And two runs together are summarised as the list of their frames
            assertSame(sides.union(after, before, start + 200, start + 260),
                    fromScratch(frames, IntStream.concat(IntStream.of(range(start, start + 60)),
                            IntStream.of(range(start + 200, start + 260))).toArray()));
        }
    }

    @Test
    void shouldSummariseRunsAskedForInAnyOrderAsFromScratch() {
        // Given frames and runs of one length that jump back and forth, by more or less than a quarter
        float[] frames = frames(12);
        SideSummaries sides = new SideSummaries(frames);
        SplittableRandom random = new SplittableRandom(13);

        for (int i = 0; i < 300; i++) {
            int length = 1 + random.nextInt(150);
            int from = random.nextBoolean() ? random.nextInt(FRAMES - length) : Math.min(FRAMES - length, 3 * i);

            // Then each is the summary from scratch
            assertSame(sides.of(from, from + length), fromScratch(frames, range(from, from + length)));
        }
    }

    private static int[] range(int from, int to) {
        return IntStream.range(from, to).toArray();
    }

    private static float[] frames(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] frames = new float[FRAMES * FRAME_FEATURES];
        for (int i = 0; i < frames.length; i++) {
            frames[i] = (float) (random.nextDouble() * 80 - 60);
        }
        for (int f = 0; f < FRAMES; f++) {
            frames[f * FRAME_FEATURES + COARSE] = random.nextInt(40) - 70 + (random.nextBoolean() ? 0.5f : -0.0f);
        }
        return frames;
    }

    private static void assertSame(Side actual, Side expected) {
        assertThat(actual.band()).isEqualTo(expected.band());
        assertThat(actual.noise()).isEqualTo(expected.noise());
        assertThat(actual.loudBand()).isEqualTo(expected.loudBand());
        assertThat(actual.cepstrum()).isEqualTo(expected.cepstrum());
        assertThat(Double.doubleToRawLongBits(actual.level())).isEqualTo(Double.doubleToRawLongBits(expected.level()));
        assertThat(Double.doubleToRawLongBits(actual.floor())).isEqualTo(Double.doubleToRawLongBits(expected.floor()));
        assertThat(Double.doubleToRawLongBits(actual.flatness()))
                .isEqualTo(Double.doubleToRawLongBits(expected.flatness()));
        assertThat(Double.doubleToRawLongBits(actual.quietLevel()))
                .isEqualTo(Double.doubleToRawLongBits(expected.quietLevel()));
        assertThat(Double.doubleToRawLongBits(actual.loudLevel()))
                .isEqualTo(Double.doubleToRawLongBits(expected.loudLevel()));
    }

    /** The summary as the 2.0.0 features were first computed: one pass in list order, a stable sort by level. */
    private static Side fromScratch(float[] frames, int[] frameList) {
        int n = frameList.length;
        double[] band = new double[COARSE];
        double[] noise = new double[COARSE];
        double[] loudBand = new double[COARSE];
        double[] cepstrum = new double[CEPSTRA];
        double level = 0;
        double flatness = 0;
        for (int f : frameList) {
            int at = f * FRAME_FEATURES;
            for (int j = 0; j < COARSE; j++) {
                band[j] += frames[at + j];
            }
            level += frames[at + COARSE];
            flatness += frames[at + COARSE + 1];
        }
        Integer[] order = Arrays.stream(frameList).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparing(f -> frames[f * FRAME_FEATURES + COARSE], Float::compare));
        int quiet = Math.max(1, n / 5);
        double quietLevel = 0;
        for (int i = 0; i < quiet; i++) {
            int at = order[i] * FRAME_FEATURES;
            for (int j = 0; j < COARSE; j++) {
                noise[j] += frames[at + j] / quiet;
            }
            quietLevel += frames[at + COARSE] / quiet;
        }
        int loud = Math.max(1, n / 2);
        double loudLevel = 0;
        for (int i = n - loud; i < n; i++) {
            int at = order[i] * FRAME_FEATURES;
            for (int j = 0; j < COARSE; j++) {
                loudBand[j] += frames[at + j] / loud;
            }
            for (int k = 0; k < CEPSTRA; k++) {
                cepstrum[k] += frames[at + COARSE + 2 + k] / loud;
            }
            loudLevel += frames[at + COARSE] / loud;
        }
        for (int j = 0; j < COARSE; j++) {
            band[j] /= n;
        }
        double floor = frames[order[n / 10] * FRAME_FEATURES + COARSE];
        return new Side(band, noise, level / n, floor, flatness / n, quietLevel, loudBand, loudLevel, cepstrum, null,
                null);
    }
}
