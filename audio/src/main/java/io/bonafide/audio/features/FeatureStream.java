package io.bonafide.audio.features;

/**
 * Streaming side of a {@link FeatureExtractor}: takes 16 kHz mono samples in blocks of any size
 * and hands each finished frame's vector to its {@link FeatureSink} as soon as the frame's
 * samples are in. {@link #finish} emits frames still waiting for look-ahead (padding with zeros
 * where the frame convention asks for it). The frames emitted never depend on how the input was
 * split into blocks. One instance per channel; not thread-safe.
 */
public interface FeatureStream {

    void accept(float[] samples, int offset, int length);

    /** Declares the end of the input and emits the remaining frames; no input may follow. */
    void finish();
}
