package io.bonafide.audio.resample.internal;

import io.bonafide.audio.resample.FloatSink;

/**
 * One step of a resampling cascade: a rational rate change {@code up/down} by a zero-phase
 * FIR whose support is {@code 2 * halfTaps()} input samples around each output's position.
 * Not thread-safe.
 */
public interface ResamplingStage {

    void process(float[] in, int offset, int length, FloatSink sink);

    /** Emits outputs up to (excluding) index {@code totalOutputs}, with zeros after the last input. */
    void flush(long totalOutputs, FloatSink sink);

    /** Input samples consumed so far. */
    long consumed();

    int up();

    int down();

    int halfTaps();

    /**
     * Outputs that can be non-zero for {@code inputs} samples of input: those whose support
     * reaches a real sample. Later outputs are exactly zero.
     */
    default long outputsCovering(long inputs) {
        return ((inputs + halfTaps()) * up() + down() - 1) / down();
    }
}
