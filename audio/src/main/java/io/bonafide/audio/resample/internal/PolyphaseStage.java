package io.bonafide.audio.resample.internal;

import io.bonafide.audio.resample.FloatSink;
import java.util.Arrays;

/**
 * One streaming rational rate change through a {@link PolyphaseBank}, computed a chunk of
 * {@code periods * up} outputs at a time. Within a chunk, the outputs of one group lie
 * {@code down} input samples apart, so the chunk's input is first dealt into {@code down}
 * contiguous "rows" (row {@code e} holds {@code x[origin + q * down + e]} for {@code q} in the
 * chunk); every tap of a group is then a whole-array multiply-add with equal indices on every
 * array, the only loop shape HotSpot C2 of JDK 17 turns into SIMD code. Chunk boundaries depend
 * only on absolute output positions and each output sums its taps in one fixed order, so the
 * output is bit-identical whatever the input block sizes. Not thread-safe.
 */
public final class PolyphaseStage implements ResamplingStage {
    private static final int APPEND_ROOM = 8192;
    /** Groups filtered before their outputs are interleaved into the output block. */
    private static final int GROUP_BLOCK = 16;

    private final PolyphaseBank bank;
    private final int up;
    private final int down;
    private final int periodsPerChunk;
    private final int rowShift;
    private final float[][] streams;
    private final float[][] rowArrays;
    private final float[][] accumulators;
    private final float[] output;
    private float[] buffer;
    private int bufferLength;
    /** Index of the next output; the buffer always starts at that output's chunk origin. */
    private long nextOutput;
    private long consumed;
    private boolean flushed;

    public PolyphaseStage(PolyphaseBank bank) {
        this.bank = bank;
        this.up = bank.up();
        this.down = bank.down();
        this.periodsPerChunk = periodsPerChunk(bank);
        this.rowShift = (bank.rowCount() - 1) / down;
        int streamLength = periodsPerChunk + rowShift;
        this.streams = new float[down][streamLength];
        this.rowArrays = new float[bank.rowCount()][];
        for (int e = 0; e < bank.rowCount(); e++) {
            if (e < down) {
                rowArrays[e] = streams[e];
            } else if (bank.rowUsed(e)) {
                rowArrays[e] = new float[periodsPerChunk];
            }
        }
        this.accumulators = new float[up == 1 ? 0 : Math.min(up, GROUP_BLOCK)][periodsPerChunk];
        this.output = new float[periodsPerChunk * up];
        this.buffer = new float[(periodsPerChunk + rowShift) * down + APPEND_ROOM];
        // The signal is zero before its first sample: pre-roll so that output 0 is centred on input 0.
        this.bufferLength = bank.halfTaps() - 1;
    }

    /**
     * Periods per chunk. C2 unrolls a vectorised loop to 64 floats a pass and runs shorter
     * loops as scalar code, so rows are a few hundred floats long: 512 for polyphase groups
     * (measured fastest for 320/441 against 64 to 1024, also with the rows tiled for L1), 1024
     * for plain decimators (one group, nothing to reuse; 256 to 2048 measured alike). Huge
     * {@code down} (odd rates) shortens chunks to bound the buffer to 4 MB.
     */
    static int periodsPerChunk(PolyphaseBank bank) {
        int periods = bank.up() == 1 ? 1024 : 512;
        long maxPeriodsForMemory = Math.max(1, (1 << 20) / bank.down());
        return (int) Math.min(periods, maxPeriodsForMemory);
    }

    @Override
    public void process(float[] in, int offset, int length, FloatSink sink) {
        if (flushed) {
            throw new IllegalStateException("process after flush");
        }
        while (length > 0) {
            int n = Math.min(length, buffer.length - bufferLength);
            System.arraycopy(in, offset, buffer, bufferLength, n);
            bufferLength += n;
            offset += n;
            length -= n;
            consumed += n;
            while (bufferLength >= inputNeeded(periodsPerChunk)) {
                computeChunk(periodsPerChunk, periodsPerChunk * up, sink);
            }
        }
    }

    @Override
    public void flush(long totalOutputs, FloatSink sink) {
        if (flushed) {
            throw new IllegalStateException("flush called twice");
        }
        flushed = true;
        while (nextOutput < totalOutputs) {
            long remaining = totalOutputs - nextOutput;
            int periods = (int) Math.min(periodsPerChunk, (remaining + up - 1) / up);
            int needed = inputNeeded(periods);
            if (needed > buffer.length) {
                buffer = Arrays.copyOf(buffer, needed);
            }
            if (bufferLength < needed) {
                Arrays.fill(buffer, bufferLength, needed, 0f);
                bufferLength = needed;
            }
            computeChunk(periods, (int) Math.min(remaining, (long) periods * up), sink);
        }
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
        return bank.halfTaps();
    }

    public PolyphaseBank bank() {
        return bank;
    }

    private int inputNeeded(int periods) {
        return (periods + rowShift) * down;
    }

    private void computeChunk(int periods, int emit, FloatSink sink) {
        dealRows(periods);
        if (up == 1) {
            filterGroup(bank.rows(0), bank.coefficients(0), output, periods);
        } else {
            for (int first = 0; first < up; first += GROUP_BLOCK) {
                int last = Math.min(up, first + GROUP_BLOCK);
                for (int group = first; group < last; group++) {
                    filterGroup(bank.rows(group), bank.coefficients(group), accumulators[group - first], periods);
                }
                // Interleave a block of groups at once: one cache line of output per period, where
                // one group at a time would touch a line per output, 'up' floats apart.
                for (int q = 0, base = first; q < periods; q++, base += up) {
                    for (int group = first; group < last; group++) {
                        output[base + group - first] = accumulators[group - first][q];
                    }
                }
            }
        }
        nextOutput += (long) periods * up;
        int advance = periods * down;
        System.arraycopy(buffer, advance, buffer, 0, bufferLength - advance);
        bufferLength -= advance;
        sink.accept(output, 0, emit);
    }

    private void dealRows(int periods) {
        int width = periods + rowShift;
        if (down == 1) {
            System.arraycopy(buffer, 0, streams[0], 0, width);
        } else if (down == 2) {
            float[] even = streams[0];
            float[] odd = streams[1];
            for (int p = 0, i = 0; p < width; p++, i += 2) {
                even[p] = buffer[i];
                odd[p] = buffer[i + 1];
            }
        } else {
            // Row by row: strided reads and sequential writes measured 2x faster than sweeping the
            // input in order, which writes one float to each of hundreds of rows in turn.
            for (int r = 0; r < down; r++) {
                float[] row = streams[r];
                for (int p = 0, i = r; p < width; p++, i += down) {
                    row[p] = buffer[i];
                }
            }
        }
        for (int e = down; e < rowArrays.length; e++) {
            float[] row = rowArrays[e];
            if (row != null) {
                System.arraycopy(streams[e % down], e / down, row, 0, periods);
            }
        }
    }

    private void filterGroup(int[] rows, float[] c, float[] y, int n) {
        if (Kernels.FUSED) {
            filterGroupFused(rows, c, y, n);
        } else {
            filterGroupUnfused(rows, c, y, n);
        }
    }

    private void filterGroupFused(int[] rows, float[] c, float[] y, int n) {
        float[][] a = rowArrays;
        int taps = rows.length;
        int t;
        if (taps >= 4) {
            Kernels.set4(y, c[0], a[rows[0]], c[1], a[rows[1]], c[2], a[rows[2]], c[3], a[rows[3]], n);
            t = 4;
        } else {
            Arrays.fill(y, 0, n, 0f);
            t = 0;
        }
        for (; t + 4 <= taps; t += 4) {
            Kernels.add4(y, c[t], a[rows[t]], c[t + 1], a[rows[t + 1]], c[t + 2], a[rows[t + 2]],
                    c[t + 3], a[rows[t + 3]], n);
        }
        switch (taps - t) {
            case 3 -> Kernels.add3(y, c[t], a[rows[t]], c[t + 1], a[rows[t + 1]], c[t + 2], a[rows[t + 2]], n);
            case 2 -> Kernels.add2(y, c[t], a[rows[t]], c[t + 1], a[rows[t + 1]], n);
            case 1 -> Kernels.add1(y, c[t], a[rows[t]], n);
            default -> {
            }
        }
    }

    private void filterGroupUnfused(int[] rows, float[] c, float[] y, int n) {
        float[][] a = rowArrays;
        int taps = rows.length;
        int t;
        if (taps >= 4) {
            Kernels.set4Unfused(y, c[0], a[rows[0]], c[1], a[rows[1]], c[2], a[rows[2]], c[3], a[rows[3]], n);
            t = 4;
        } else {
            Arrays.fill(y, 0, n, 0f);
            t = 0;
        }
        for (; t + 4 <= taps; t += 4) {
            Kernels.add4Unfused(y, c[t], a[rows[t]], c[t + 1], a[rows[t + 1]], c[t + 2], a[rows[t + 2]],
                    c[t + 3], a[rows[t + 3]], n);
        }
        switch (taps - t) {
            case 3 -> Kernels.add3Unfused(y, c[t], a[rows[t]], c[t + 1], a[rows[t + 1]], c[t + 2], a[rows[t + 2]], n);
            case 2 -> Kernels.add2Unfused(y, c[t], a[rows[t]], c[t + 1], a[rows[t + 1]], n);
            case 1 -> Kernels.add1Unfused(y, c[t], a[rows[t]], n);
            default -> {
            }
        }
    }
}
