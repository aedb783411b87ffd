package io.bonafide.audio.resample;

/**
 * Streaming sample-rate conversion of one channel: feed input blocks of any size, receive
 * output as it becomes available, then {@link #flush} once at the end. Output sample {@code n}
 * corresponds to time {@code n / outputRate} from the first input sample (group delay
 * compensated). One instance per channel; not thread-safe.
 */
public interface Resampler {

    /** Consumes {@code length} samples of {@code in} from {@code offset}, emitting output to {@code sink}. */
    void process(float[] in, int offset, int length, FloatSink sink);

    /** Emits the remaining output once the input has ended. */
    void flush(FloatSink sink);

    int inputRate();

    int outputRate();
}
