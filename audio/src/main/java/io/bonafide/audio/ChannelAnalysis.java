package io.bonafide.audio;

import io.bonafide.audio.features.FeatureStream;

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

    /** Feeds the channel into a frame-level feature stream (log-mel, LFCC …), finishing it at the end. */
    static ChannelAnalysis features(FeatureStream stream) {
        return new ChannelAnalysis() {
            @Override
            public void accept(float[] samples, int offset, int length) {
                stream.accept(samples, offset, length);
            }

            @Override
            public void end() {
                stream.finish();
            }
        };
    }

    /** An analysis that ignores the audio (the front end still measures voice activity). */
    static ChannelAnalysis none() {
        return (samples, offset, length) -> { };
    }
}
