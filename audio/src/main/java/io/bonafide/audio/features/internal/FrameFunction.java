package io.bonafide.audio.features.internal;

/** Turns one frame of samples into one feature vector; may keep scratch state, so one per stream. */
@FunctionalInterface
public interface FrameFunction {
    void apply(float[] buffer, int offset, float[] out);
}
