package io.bonafide.audio.decode.internal;

import io.bonafide.audio.decode.MediaFormat;
import io.bonafide.audio.decode.MediaInfo;
import io.bonafide.audio.decode.PcmStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Base of the decoders whose codec produces audio a block at a time (a FLAC frame, an MP3 frame,
 * a Vorbis packet): holds the last decoded block and hands it out in whatever slices the caller
 * asks for, so only one block is ever in memory. Every failure of {@link #decodeNextBlock()} is
 * sorted by {@link MediaErrors#translate}, and once a decoder has failed (the same exception again) or ended (-1) it stays so.
 */
abstract class BlockPcmStream implements PcmStream {
    private final MediaInfo info;
    private final InputStream owned;
    protected final SourceInputStream source;
    private final int channels;
    private float[] block = new float[0];
    private int blockFrames;
    private int blockPosition;
    private long framesRead;
    private boolean ended;
    private RuntimeException failure;
    private boolean closed;

    BlockPcmStream(MediaInfo info, InputStream owned, SourceInputStream source) {
        this.info = info;
        this.owned = owned;
        this.source = source;
        this.channels = info.channelCount();
    }

    /** Rejects reads a caller could never mean: these are programming errors, not bad media. */
    static void checkReadArguments(float[] interleaved, int maxFrames, int channels, boolean closed) {
        if (closed) {
            throw new IllegalStateException("the stream is closed");
        }
        if (maxFrames < 1) {
            throw new IllegalArgumentException("maxFrames must be at least 1, was " + maxFrames);
        }
        if ((long) maxFrames * channels > interleaved.length) {
            throw new IllegalArgumentException("a buffer of " + interleaved.length + " floats cannot hold "
                    + maxFrames + " frames of " + channels + " channels");
        }
    }

    /**
     * Decodes the next block into {@link #blockBuffer(int)} and publishes it with
     * {@link #publishBlock(int)}; returns false at the end of the stream. May publish an empty
     * block (a packet that only primes the decoder); it is then simply called again.
     */
    protected abstract boolean decodeNextBlock() throws IOException;

    /** A buffer for at least {@code frames} interleaved frames, reused between blocks. */
    protected final float[] blockBuffer(int frames) {
        int needed = frames * channels;
        if (block.length < needed) {
            block = new float[needed];
        }
        return block;
    }

    protected final void publishBlock(int frames) {
        blockFrames = frames;
        blockPosition = 0;
    }

    @Override
    public final MediaInfo info() {
        return info;
    }

    @Override
    public final int read(float[] interleaved, int maxFrames) {
        checkReadArguments(interleaved, maxFrames, channels, closed);
        if (failure != null) {
            // The decoder's state is unknown after a failure; repeat the verdict rather than guess on.
            throw failure;
        }
        while (blockPosition >= blockFrames) {
            if (ended) {
                return -1;
            }
            try {
                if (!decodeNextBlock()) {
                    ended = true;
                    blockFrames = 0;
                    blockPosition = 0;
                }
            } catch (IOException | RuntimeException | Error e) {
                failure = MediaErrors.translate(e, source, format());
                throw failure;
            }
        }
        int frames = Math.min(maxFrames, blockFrames - blockPosition);
        System.arraycopy(block, blockPosition * channels, interleaved, 0, frames * channels);
        blockPosition += frames;
        framesRead += frames;
        return frames;
    }

    private MediaFormat format() {
        return info.format();
    }

    @Override
    public final long framesRead() {
        return framesRead;
    }

    @Override
    public final void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            owned.close();
        } catch (IOException e) {
            throw MediaErrors.translate(e, source, format());
        }
    }
}
