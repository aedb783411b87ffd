package io.bonafide.audio.decode.internal;

import io.bonafide.audio.decode.MediaFormat;
import io.bonafide.audio.decode.MediaInfo;
import io.bonafide.audio.decode.PcmStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Base of the decoders whose codec produces audio a block at a time (a FLAC frame, an MP3 frame,
 * a Vorbis packet): holds the last decoded block and hands it out in whatever slices the caller
 * asks for, so only one block is ever in memory. A block the library fails on is dropped (see
 * {@link #dropBadBlock}); any other failure of {@link #decodeNextBlock()} is sorted by
 * {@link MediaErrors#translate}, and once a decoder has failed (the same exception again) or ended
 * (-1) it stays so.
 */
abstract class BlockPcmStream implements PcmStream {
    static final int MAX_CONSECUTIVE_BAD_BLOCKS = 16;

    private final MediaInfo info;
    private final InputStream owned;
    protected final SourceInputStream source;
    private final int channels;
    private float[] block = new float[0];
    private int blockFrames;
    private int blockPosition;
    private long framesRead;
    private int consecutiveBadBlocks;
    private long badBlocks;
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
        consecutiveBadBlocks = 0;
    }

    /**
     * Records that the library failed on one block (a frame or packet), which is then dropped, as
     * ffmpeg drops a frame it cannot decode: one damaged frame should not cost the whole file.
     * The failure is rethrown instead when it is the input stream's own, or when too many blocks
     * in a row failed, since then the stream is not what its headers claim.
     */
    protected final void dropBadBlock(Exception failure) {
        if (source.failure() != null || ++consecutiveBadBlocks > MAX_CONSECUTIVE_BAD_BLOCKS) {
            throw MediaErrors.translate(failure, source, format());
        }
        badBlocks++;
        blockFrames = 0;
        blockPosition = 0;
    }

    /** Blocks dropped so far because the library could not decode them. */
    final long badBlocks() {
        return badBlocks;
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
