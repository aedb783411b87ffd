package io.bonafide.audio.resample.internal;

import java.util.Arrays;

/**
 * The coefficients of one rational rate change {@code up/down}, precomputed from a
 * {@link KaiserLowpass} and laid out for {@link PolyphaseStage}'s kernels. Output {@code n} sits
 * at input position {@code n * down / up}; it uses input samples {@code floor(n * down / up) - halfTaps
 * + 1 + j} for {@code j} in {@code [0, 2 * halfTaps)}. Outputs with the same {@code n mod up}
 * ("group") share their coefficients, so a group is stored once, with its exact zeros (a half-band
 * filter's even taps) dropped and each group's taps scaled to sum to one, which makes the DC gain
 * exactly one whatever the phase. Immutable and shareable between channels.
 */
public final class PolyphaseBank {
    private final int up;
    private final int down;
    private final int halfTaps;
    private final int rowCount;
    private final int[][] rows;
    private final float[][] coefficients;
    private final boolean[] rowUsed;
    private final KaiserLowpass prototype;
    private final long nonZeroTaps;

    /**
     * @param up output samples per {@code down} input samples (reduced fraction)
     * @param down input samples per {@code up} output samples
     * @param prototype the low-pass filter, in units of input samples
     */
    public PolyphaseBank(int up, int down, KaiserLowpass prototype) {
        if (up < 1 || down < 1) {
            throw new IllegalArgumentException("up and down must be positive, got " + up + "/" + down);
        }
        this.up = up;
        this.down = down;
        this.prototype = prototype;
        this.halfTaps = (int) Math.ceil(prototype.halfWidth());
        int taps = 2 * halfTaps;
        this.rowCount = (int) ((long) (up - 1) * down / up) + taps;
        this.rows = new int[up][];
        this.coefficients = new float[up][];
        this.rowUsed = new boolean[rowCount];
        long count = 0;
        double[] values = new double[taps];
        int[] index = new int[taps];
        for (int group = 0; group < up; group++) {
            long position = (long) group * down;
            int start = (int) (position / up);
            double phase = (double) (position % up) / up;
            double sum = 0;
            for (int j = 0; j < taps; j++) {
                values[j] = prototype.valueAt(phase - (j - halfTaps + 1));
                sum += values[j];
            }
            int kept = 0;
            for (int j = 0; j < taps; j++) {
                // Exact zeros of the sinc come out of sin() as ~1e-17; dropping them halves a half-band's work.
                if (Math.abs(values[j]) > 1e-12) {
                    index[kept] = j;
                    kept++;
                }
            }
            int[] groupRows = new int[kept];
            float[] groupCoefficients = new float[kept];
            for (int t = 0; t < kept; t++) {
                int j = index[t];
                groupRows[t] = start + j;
                groupCoefficients[t] = (float) (values[j] / sum);
                rowUsed[start + j] = true;
            }
            rows[group] = groupRows;
            coefficients[group] = groupCoefficients;
            count += kept;
        }
        this.nonZeroTaps = count;
    }

    public int up() {
        return up;
    }

    public int down() {
        return down;
    }

    /** Taps on each side of an output's position: its support is {@code 2 * halfTaps} input samples. */
    public int halfTaps() {
        return halfTaps;
    }

    /** Distinct input offsets (relative to a chunk's origin) that any group of one period reads. */
    public int rowCount() {
        return rowCount;
    }

    int[] rows(int group) {
        return rows[group];
    }

    float[] coefficients(int group) {
        return coefficients[group];
    }

    boolean rowUsed(int row) {
        return rowUsed[row];
    }

    /** Multiply-adds per output, averaged over the groups. */
    public double tapsPerOutput() {
        return (double) nonZeroTaps / up;
    }

    public KaiserLowpass prototype() {
        return prototype;
    }

    /** A copy of one group's coefficients, for inspection and tests. */
    public float[] groupCoefficients(int group) {
        return Arrays.copyOf(coefficients[group], coefficients[group].length);
    }
}
