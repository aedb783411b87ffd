package io.bonafide.audio;

/**
 * What a detector does with one selected channel: it receives the channel as 16 kHz mono
 * blocks, in order, as the front end decodes and resamples the file, then {@link #end()} once.
 * The block array is reused after each call.
 */
public interface ChannelAnalysis {

    /** The next {@code length} samples at 16 kHz. */
    void accept(float[] samples, int offset, int length);

    /** The channel has ended; no more samples follow. */
    default void end() {
    }

    /** An analysis that ignores the audio (the front end still measures voice activity). */
    static ChannelAnalysis none() {
        return (samples, offset, length) -> { };
    }
}
