package io.bonafide.detection.features;

import static io.bonafide.detection.features.ManipulationWindowFeatures.CEPSTRA;
import static io.bonafide.detection.features.ManipulationWindowFeatures.COARSE;
import static io.bonafide.detection.features.ManipulationWindowFeatures.FRAME_FEATURES;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Summaries of runs of a channel's {@link ManipulationWindowFeatures} frames (the sides of its
 * contrasts): mean band levels, level and flatness, the noise floor (10th percentile of the frame
 * levels), and the mean spectrum and level of the quietest fifth and of the loudest half of the
 * frames, which need the frames in level order.
 *
 * <p>The contrast curves ask for the same run many times (a point's right side is the left side
 * of the point 0.6 s later and an outside of the spans around it), and consecutive points' runs
 * share all but a few frames. So runs are cached, a run's level order is updated as it slides
 * along the channel instead of sorted anew, and the outside of a span (two runs) is the merge of
 * its runs' orders with the second run's frames added to the first's sums. Every value is the sum
 * of the same terms in the same order as a summary computed from scratch: the model was trained on
 * these features, so they must not move by one bit. Not thread-safe.
 */
final class SideSummaries {
    /** Cached runs; a power of two. Live reuse spans about 60 curve points of 6 runs each. */
    private static final int CACHE = 4096;
    private final float[] frames;
    private final int[] cachedFrom = new int[CACHE];
    private final int[] cachedTo = new int[CACHE];
    private final Side[] cached = new Side[CACHE];
    /** Per start frame (modulo {@link #PREFIXES}): the last run's end and running sums. */
    private static final int PREFIXES = 1024;
    private final int[] prefixFrom = new int[PREFIXES];
    private final int[] prefixTo = new int[PREFIXES];
    private final double[][] prefixSums = new double[PREFIXES][];
    /** The sliding level order of the last run of each length. */
    private final Map<Integer, LevelOrder> orders = new HashMap<>();

    /**
     * Summary of a list of frames. {@code sums} are the running sums (from 0, in frame order) of
     * the 16 band levels, then of the level and of the flatness; {@code keys} are the frames'
     * {@link #levelKey}s in ascending order (by level, then frame).
     */
    record Side(double[] band, double[] noise, double level, double floor, double flatness, double quietLevel,
                double[] loudBand, double loudLevel, double[] cepstrum, double[] sums, long[] keys) {
    }

    /** Summaries of {@code frames} ({@link ManipulationWindowFeatures#FRAME_FEATURES} floats a frame). */
    SideSummaries(float[] frames) {
        this.frames = frames;
    }

    /** Summary of frames {@code [from, to)}, {@code from < to}. */
    Side of(int from, int to) {
        int slot = (int) (((from * 0x9E3779B1L) ^ (to * 0x85EBCA77L)) >>> 7) & (CACHE - 1);
        Side side = cached[slot];
        if (side != null && cachedFrom[slot] == from && cachedTo[slot] == to) {
            return side;
        }
        double[] sums = runningSums(from, to);
        long[] keys = orders.computeIfAbsent(to - from, LevelOrder::new).moveTo(from);
        side = summarise(sums, keys);
        cached[slot] = side;
        cachedFrom[slot] = from;
        cachedTo[slot] = to;
        return side;
    }

    /**
     * Summary of the frames of {@code first} followed by those of {@code second}, frames
     * {@code [secondFrom, secondTo)}, all after the first's: the same as a summary of that list.
     */
    Side union(Side first, Side second, int secondFrom, int secondTo) {
        double[] sums = first.sums().clone();
        accumulate(sums, secondFrom, secondTo);
        return summarise(sums, merge(first.keys(), second.keys()));
    }

    /**
     * The running sums of frames {@code [from, to)}: those of a shorter run from the same frame,
     * when it was the last one asked for, continued with the frames after it (runs from one frame
     * asked for by increasing length cost the longest one only).
     */
    private double[] runningSums(int from, int to) {
        int slot = from & (PREFIXES - 1);
        double[] sums;
        if (prefixSums[slot] != null && prefixFrom[slot] == from && prefixTo[slot] <= to) {
            sums = prefixSums[slot].clone();
            accumulate(sums, prefixTo[slot], to);
        } else {
            sums = new double[COARSE + 2];
            accumulate(sums, from, to);
        }
        // Shared with the run's summary, which nobody changes (union() continues a copy).
        prefixFrom[slot] = from;
        prefixTo[slot] = to;
        prefixSums[slot] = sums;
        return sums;
    }

    /** Adds frames {@code [from, to)} to the running sums, in frame order. */
    private void accumulate(double[] sums, int from, int to) {
        for (int f = from; f < to; f++) {
            int at = f * FRAME_FEATURES;
            for (int j = 0; j < COARSE; j++) {
                sums[j] += frames[at + j];
            }
            sums[COARSE] += frames[at + COARSE];
            sums[COARSE + 1] += frames[at + COARSE + 1];
        }
    }

    /**
     * A long whose signed order is that of {@code level} (as {@link Float#compare}), then of
     * {@code frame} (non-negative).
     */
    private static long levelKey(float level, int frame) {
        int bits = Float.floatToIntBits(level);
        bits ^= (bits >> 31) & 0x7fffffff;
        return ((long) bits << 32) | frame;
    }

    private long key(int frame) {
        return levelKey(frames[frame * FRAME_FEATURES + COARSE], frame);
    }

    private Side summarise(double[] sums, long[] keys) {
        int n = keys.length;
        double[] band = new double[COARSE];
        double[] noise = new double[COARSE];
        double[] loudBand = new double[COARSE];
        double[] cepstrum = new double[CEPSTRA];
        int quiet = Math.max(1, n / 5);
        double quietLevel = 0;
        for (int i = 0; i < quiet; i++) {
            int at = (int) keys[i] * FRAME_FEATURES;
            for (int j = 0; j < COARSE; j++) {
                noise[j] += frames[at + j] / quiet;
            }
            quietLevel += frames[at + COARSE] / quiet;
        }
        int loud = Math.max(1, n / 2);
        double loudLevel = 0;
        for (int i = n - loud; i < n; i++) {
            int at = (int) keys[i] * FRAME_FEATURES;
            for (int j = 0; j < COARSE; j++) {
                loudBand[j] += frames[at + j] / loud;
            }
            for (int k = 0; k < CEPSTRA; k++) {
                cepstrum[k] += frames[at + COARSE + 2 + k] / loud;
            }
            loudLevel += frames[at + COARSE] / loud;
        }
        for (int j = 0; j < COARSE; j++) {
            band[j] = sums[j] / n;
        }
        double floor = frames[(int) keys[n / 10] * FRAME_FEATURES + COARSE];
        return new Side(band, noise, sums[COARSE] / n, floor, sums[COARSE + 1] / n, quietLevel, loudBand, loudLevel,
                cepstrum, sums, keys);
    }

    /** The ascending union of two ascending arrays without common keys. */
    private static long[] merge(long[] a, long[] b) {
        long[] out = new long[a.length + b.length];
        int i = 0;
        int j = 0;
        int o = 0;
        while (i < a.length && j < b.length) {
            out[o++] = a[i] < b[j] ? a[i++] : b[j++];
        }
        while (i < a.length) {
            out[o++] = a[i++];
        }
        while (j < b.length) {
            out[o++] = b[j++];
        }
        return out;
    }

    /**
     * The level keys of a run of {@code length} frames in ascending order. Moving the run forward
     * by a few frames removes the keys of the frames it leaves and merges in those of the frames
     * it reaches; keys are distinct (they hold the frame), so the result is the one order a full
     * sort gives.
     */
    private final class LevelOrder {
        private final int length;
        private long[] keys;
        private long[] spare;
        private int from = -1;

        LevelOrder(int length) {
            this.length = length;
            keys = new long[length];
            spare = new long[length];
        }

        /** A copy of the keys of frames {@code [from, from + length)} in ascending order. */
        long[] moveTo(int from) {
            int shift = from - this.from;
            if (this.from < 0 || shift < 0 || shift > length / 4) {
                for (int i = 0; i < length; i++) {
                    keys[i] = key(from + i);
                }
                Arrays.sort(keys);
            } else if (shift > 0) {
                slide(shift);
            }
            this.from = from;
            return keys.clone();
        }

        private void slide(int shift) {
            long[] leaving = new long[shift];
            long[] arriving = new long[shift];
            for (int i = 0; i < shift; i++) {
                leaving[i] = key(from + i);
                arriving[i] = key(from + length + i);
            }
            Arrays.sort(leaving);
            Arrays.sort(arriving);
            int gone = 0;
            int come = 0;
            int o = 0;
            for (int i = 0; i < length; i++) {
                long k = keys[i];
                if (gone < shift && k == leaving[gone]) {
                    gone++;
                    continue;
                }
                while (come < shift && arriving[come] < k) {
                    spare[o++] = arriving[come++];
                }
                spare[o++] = k;
            }
            while (come < shift) {
                spare[o++] = arriving[come++];
            }
            long[] swap = keys;
            keys = spare;
            spare = swap;
        }
    }
}
