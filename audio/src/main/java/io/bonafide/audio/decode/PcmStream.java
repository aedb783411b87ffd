package io.bonafide.audio.decode;

import io.bonafide.audio.MediaException;

/**
 * A decoded file read front to back in blocks of interleaved float frames, so that a 2-hour
 * file never has to be held in memory. Samples are normalised as ffmpeg's f32 conversion does
 * (integer PCM divided by 2^(bits-1), unsigned 8-bit centred first, A-law/µ-law through their
 * 16-bit expansion, float passed through). Not thread-safe.
 */
public interface PcmStream extends AutoCloseable {

    /** Facts from the headers, known as soon as the stream is open. */
    MediaInfo info();

    /**
     * Reads up to {@code maxFrames} frames into {@code interleaved} (which holds at least
     * {@code maxFrames * channelCount} floats), channel samples interleaved per frame.
     *
     * @return frames read (at least 1), or -1 at the end of the stream
     * @throws MediaException the bytes stop making sense part way through
     */
    int read(float[] interleaved, int maxFrames);

    /** Frames returned so far. */
    long framesRead();

    @Override
    void close();
}
