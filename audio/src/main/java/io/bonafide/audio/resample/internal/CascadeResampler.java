package io.bonafide.audio.resample.internal;

import io.bonafide.audio.resample.FloatSink;
import io.bonafide.audio.resample.Resampler;
import java.util.List;

/**
 * A {@link io.bonafide.audio.resample.Resampler} made of {@link ResamplingStage}s in series,
 * each stage's output fed straight into the next. At the end, each stage is flushed up to the
 * last output that its input can make non-zero, and the last one up to exactly
 * {@code round(inputLength * outputRate / inputRate)} outputs. Not thread-safe.
 */
public final class CascadeResampler implements Resampler {
    private final int inputRate;
    private final int outputRate;
    private final ResamplingStage[] stages;
    private final FloatSink[] forwarders;
    private FloatSink downstream;
    private long consumed;
    private boolean flushed;

    public CascadeResampler(int inputRate, int outputRate, List<ResamplingStage> stages) {
        if (stages.isEmpty()) {
            throw new IllegalArgumentException("a cascade needs at least one stage");
        }
        this.inputRate = inputRate;
        this.outputRate = outputRate;
        this.stages = stages.toArray(new ResamplingStage[0]);
        this.forwarders = new FloatSink[this.stages.length];
        for (int i = 0; i < this.stages.length; i++) {
            int next = i + 1;
            forwarders[i] = next == this.stages.length
                    ? (samples, offset, length) -> downstream.accept(samples, offset, length)
                    : (samples, offset, length) -> this.stages[next].process(samples, offset, length, forwarders[next]);
        }
    }

    @Override
    public void process(float[] in, int offset, int length, FloatSink sink) {
        if (flushed) {
            throw new IllegalStateException("process after flush");
        }
        if (offset < 0 || length < 0 || offset > in.length - length) {
            throw new IndexOutOfBoundsException("offset " + offset + ", length " + length + ", array " + in.length);
        }
        downstream = sink;
        consumed += length;
        stages[0].process(in, offset, length, forwarders[0]);
        downstream = null;
    }

    @Override
    public void flush(FloatSink sink) {
        if (flushed) {
            throw new IllegalStateException("flush called twice");
        }
        flushed = true;
        downstream = sink;
        int last = stages.length - 1;
        for (int i = 0; i < last; i++) {
            stages[i].flush(stages[i].outputsCovering(stages[i].consumed()), forwarders[i]);
        }
        stages[last].flush(expectedOutputs(consumed, inputRate, outputRate), forwarders[last]);
        downstream = null;
    }

    /** {@code round(inputs * outputRate / inputRate)}, halves rounded up, in exact integer arithmetic. */
    public static long expectedOutputs(long inputs, int inputRate, int outputRate) {
        return (2 * inputs * outputRate + inputRate) / (2L * inputRate);
    }

    @Override
    public int inputRate() {
        return inputRate;
    }

    @Override
    public int outputRate() {
        return outputRate;
    }
}
