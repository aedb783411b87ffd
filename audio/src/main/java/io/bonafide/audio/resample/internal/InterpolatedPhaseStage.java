package io.bonafide.audio.resample.internal;

import io.bonafide.audio.resample.FloatSink;
import java.util.Arrays;

/**
 * A rational rate change for ratios whose exact polyphase bank would be too large to hold
 * (odd rates such as 44101 Hz give tens of thousands of phases): the prototype is tabulated at
 * {@value #TABLE_PHASES} phases per input sample and each output's taps are interpolated
 * linearly between the two nearest phases, an error near -110 dB for the filters used here.
 * Output positions are still exact ({@code n * down / up} in integer arithmetic), so timing
 * never drifts. Scalar and several times slower per output than {@link PolyphaseStage}; only
 * unusual rates come here. Not thread-safe.
 */
public final class InterpolatedPhaseStage implements ResamplingStage {
    static final int TABLE_PHASES = 512;
    private static final int OUTPUT_BLOCK = 4096;
    private static final int APPEND_ROOM = 8192;

    private final int up;
    private final int down;
    private final int halfTaps;
    private final int taps;
    private final float[][] table;
    private final float[] taps0;
    private final float[] output = new float[OUTPUT_BLOCK];
    private float[] buffer;
    /** Absolute input index of {@code buffer[0]}. */
    private long bufferStart;
    private int bufferLength;
    private long nextOutput;
    private long consumed;
    private boolean flushed;

    public InterpolatedPhaseStage(int up, int down, KaiserLowpass prototype) {
        this.up = up;
        this.down = down;
        this.halfTaps = (int) Math.ceil(prototype.halfWidth());
        this.taps = 2 * halfTaps;
        this.table = new float[TABLE_PHASES + 1][taps];
        for (int p = 0; p <= TABLE_PHASES; p++) {
            double phase = (double) p / TABLE_PHASES;
            double[] values = new double[taps];
            double sum = 0;
            for (int j = 0; j < taps; j++) {
                values[j] = prototype.valueAt(phase - (j - halfTaps + 1));
                sum += values[j];
            }
            for (int j = 0; j < taps; j++) {
                table[p][j] = (float) (values[j] / sum);
            }
        }
        this.taps0 = new float[taps];
        this.buffer = new float[taps + down + APPEND_ROOM];
        this.bufferStart = -(halfTaps - 1);
        this.bufferLength = halfTaps - 1;
    }

    @Override
    public void process(float[] in, int offset, int length, FloatSink sink) {
        if (flushed) {
            throw new IllegalStateException("process after flush");
        }
        while (length > 0) {
            if (bufferLength == buffer.length) {
                compact();
                if (bufferLength == buffer.length) {
                    buffer = Arrays.copyOf(buffer, buffer.length * 2);
                }
            }
            int n = Math.min(length, buffer.length - bufferLength);
            System.arraycopy(in, offset, buffer, bufferLength, n);
            bufferLength += n;
            offset += n;
            length -= n;
            consumed += n;
            emitReady(Long.MAX_VALUE, sink);
        }
    }

    @Override
    public void flush(long totalOutputs, FloatSink sink) {
        if (flushed) {
            throw new IllegalStateException("flush called twice");
        }
        flushed = true;
        if (nextOutput < totalOutputs) {
            long lastBase = Math.floorDiv((totalOutputs - 1) * down, (long) up);
            long end = lastBase + halfTaps + 1;
            compact();
            int needed = (int) (end - bufferStart);
            if (needed > buffer.length) {
                buffer = Arrays.copyOf(buffer, needed);
            }
            if (bufferLength < needed) {
                Arrays.fill(buffer, bufferLength, needed, 0f);
                bufferLength = needed;
            }
            emitReady(totalOutputs, sink);
        }
    }

    private void emitReady(long limit, FloatSink sink) {
        int count = 0;
        long available = bufferStart + bufferLength;
        while (nextOutput < limit) {
            long position = nextOutput * down;
            long base = Math.floorDiv(position, (long) up);
            if (base + halfTaps >= available) {
                break;
            }
            double fraction = (double) (position - base * up) / up * TABLE_PHASES;
            int p = (int) fraction;
            float alpha = (float) (fraction - p);
            float beta = 1f - alpha;
            float[] lower = table[p];
            float[] upper = table[Math.min(p + 1, TABLE_PHASES)];
            for (int j = 0; j < taps; j++) {
                taps0[j] = beta * lower[j] + alpha * upper[j];
            }
            int start = (int) (base - halfTaps + 1 - bufferStart);
            output[count++] = dot(taps0, buffer, start, taps);
            nextOutput++;
            if (count == OUTPUT_BLOCK) {
                sink.accept(output, 0, count);
                count = 0;
            }
        }
        if (count > 0) {
            sink.accept(output, 0, count);
        }
    }

    private void compact() {
        long base = Math.floorDiv(nextOutput * down, (long) up);
        int drop = (int) Math.max(0, Math.min(bufferLength, base - halfTaps + 1 - bufferStart));
        if (drop > 0) {
            System.arraycopy(buffer, drop, buffer, 0, bufferLength - drop);
            bufferLength -= drop;
            bufferStart += drop;
        }
    }

    private static float dot(float[] h, float[] x, int offset, int n) {
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        int j = 0;
        for (; j + 4 <= n; j += 4) {
            s0 += h[j] * x[offset + j];
            s1 += h[j + 1] * x[offset + j + 1];
            s2 += h[j + 2] * x[offset + j + 2];
            s3 += h[j + 3] * x[offset + j + 3];
        }
        for (; j < n; j++) {
            s0 += h[j] * x[offset + j];
        }
        return (s0 + s1) + (s2 + s3);
    }

    @Override
    public long consumed() {
        return consumed;
    }

    @Override
    public int up() {
        return up;
    }

    @Override
    public int down() {
        return down;
    }

    @Override
    public int halfTaps() {
        return halfTaps;
    }
}
