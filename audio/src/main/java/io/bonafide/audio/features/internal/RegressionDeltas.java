package io.bonafide.audio.features.internal;

import io.bonafide.audio.features.FeatureSink;

/**
 * Appends first and second regression deltas to a stream of static vectors, as HTK and the
 * ASVspoof baselines do: {@code d_t = sum_{n=1..W} n (c_{t+n} - c_{t-n}) / (2 sum n^2)}, frames
 * beyond either end replaced by the nearest real one, and the second delta is the same
 * regression over the first. Emits {@code [c_t, d_t, dd_t]} with a look-ahead of {@code 2W}
 * frames; {@link #finish} emits the tail. Not thread-safe.
 */
public final class RegressionDeltas {
    private static final int RING = 64;

    private final int dimension;
    private final int width;
    private final float denominator;
    private final float[][] statics;
    private final float[][] deltas;
    private final float[] out;
    private final float[] secondDelta;
    private final FeatureSink sink;
    private long count;
    private long nextDelta;
    private long nextOut;
    private boolean finished;

    public RegressionDeltas(int dimension, int width, FeatureSink sink) {
        if (width < 1 || 4 * width + 2 > RING) {
            throw new IllegalArgumentException("width must be within [1, " + (RING - 2) / 4 + "], got " + width);
        }
        this.dimension = dimension;
        this.width = width;
        int sum = 0;
        for (int n = 1; n <= width; n++) {
            sum += n * n;
        }
        this.denominator = 2f * sum;
        this.statics = new float[RING][dimension];
        this.deltas = new float[RING][dimension];
        this.out = new float[3 * dimension];
        this.secondDelta = new float[dimension];
        this.sink = sink;
    }

    public void accept(float[] staticVector) {
        if (finished) {
            throw new IllegalStateException("input after finish");
        }
        System.arraycopy(staticVector, 0, statics[(int) (count % RING)], 0, dimension);
        count++;
        drain(count - 1 - width, count - 1 - 2L * width);
    }

    public void finish() {
        if (finished) {
            throw new IllegalStateException("finish called twice");
        }
        finished = true;
        drain(count - 1, count - 1);
    }

    /** Computes deltas up to index {@code lastDelta} and emits frames up to {@code lastOut}. */
    private void drain(long lastDelta, long lastOut) {
        for (; nextDelta <= lastDelta; nextDelta++) {
            regress(statics, nextDelta, deltas[(int) (nextDelta % RING)]);
        }
        for (; nextOut <= lastOut; nextOut++) {
            int slot = (int) (nextOut % RING);
            System.arraycopy(statics[slot], 0, out, 0, dimension);
            System.arraycopy(deltas[slot], 0, out, dimension, dimension);
            regress(deltas, nextOut, secondDelta);
            System.arraycopy(secondDelta, 0, out, 2 * dimension, dimension);
            sink.accept(out);
        }
    }

    private void regress(float[][] series, long t, float[] result) {
        long last = count - 1;
        for (int i = 0; i < dimension; i++) {
            float acc = 0;
            for (int n = 1; n <= width; n++) {
                long ahead = Math.min(t + n, last);
                long behind = Math.max(t - n, 0);
                acc += n * (series[(int) (ahead % RING)][i] - series[(int) (behind % RING)][i]);
            }
            result[i] = acc / denominator;
        }
    }
}
