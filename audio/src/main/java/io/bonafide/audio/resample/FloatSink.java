package io.bonafide.audio.resample;

/** Receives blocks of samples as a streaming stage produces them; the array may be reused after return. */
@FunctionalInterface
public interface FloatSink {
    void accept(float[] samples, int offset, int length);
}
