package io.bonafide.audio.features.internal;

import java.util.Arrays;

/**
 * Cuts a sample stream into overlapping frames without copying them: frame {@code i} covers
 * samples {@code [i * hop - leadingPad, i * hop - leadingPad + frameLength)}, zeros standing in
 * for samples before the start and after the end. A frame is handed over as soon as its last
 * sample has arrived; {@link #finish} then emits, zero-padded, the frames that the count rule
 * still asks for: frames {@code i} with {@code i * hop + countLength <= samples}. With no
 * padding and {@code countLength == frameLength} that is the usual "snip edges" framing; a
 * longer window can be centred on the same points as a shorter one by padding it and counting
 * with the shorter length, which is how long-window features line up with the 25 ms frames.
 * Not thread-safe.
 */
public final class Framer {

    /** Receives a frame as {@code buffer[offset, offset + frameLength)}, valid only during the call. */
    @FunctionalInterface
    public interface FrameConsumer {
        void accept(float[] buffer, int offset);
    }

    private final int frameLength;
    private final int hop;
    private final int leadingPad;
    private final int countLength;
    private float[] buffer;
    private long bufferStart;
    private int bufferLength;
    private long nextFrame;
    private long consumed;
    private boolean finished;

    public Framer(int frameLength, int hop, int leadingPad, int countLength) {
        if (frameLength < 1 || hop < 1 || leadingPad < 0 || countLength < 1) {
            throw new IllegalArgumentException("frameLength, hop and countLength must be positive and leadingPad"
                    + " non-negative, got " + frameLength + ", " + hop + ", " + countLength + ", " + leadingPad);
        }
        if (frameLength - leadingPad < countLength) {
            throw new IllegalArgumentException("a frame must reach countLength samples past its anchor: frameLength "
                    + frameLength + " - leadingPad " + leadingPad + " < countLength " + countLength);
        }
        this.frameLength = frameLength;
        this.hop = hop;
        this.leadingPad = leadingPad;
        this.countLength = countLength;
        this.buffer = new float[frameLength + Math.max(hop, 4096)];
        this.bufferStart = -leadingPad;
        this.bufferLength = leadingPad;
    }

    /** A plain framer: frames start at {@code i * hop} and only whole frames are emitted. */
    public static Framer snipEdges(int frameLength, int hop) {
        return new Framer(frameLength, hop, 0, frameLength);
    }

    public void accept(float[] samples, int offset, int length, FrameConsumer consumer) {
        if (finished) {
            throw new IllegalStateException("input after finish");
        }
        if (offset < 0 || length < 0 || offset > samples.length - length) {
            throw new IndexOutOfBoundsException("offset " + offset + ", length " + length + ", array " + samples.length);
        }
        while (length > 0) {
            if (bufferLength == buffer.length) {
                compact();
            }
            int n = Math.min(length, buffer.length - bufferLength);
            System.arraycopy(samples, offset, buffer, bufferLength, n);
            bufferLength += n;
            offset += n;
            length -= n;
            consumed += n;
            emitReady(Long.MAX_VALUE, consumer);
        }
    }

    public void finish(FrameConsumer consumer) {
        if (finished) {
            throw new IllegalStateException("finish called twice");
        }
        finished = true;
        long total = consumed >= countLength ? (consumed - countLength) / hop + 1 : 0;
        if (nextFrame >= total) {
            return;
        }
        compact();
        long end = (total - 1) * hop - leadingPad + frameLength;
        int needed = (int) (end - bufferStart);
        if (needed > buffer.length) {
            buffer = Arrays.copyOf(buffer, needed);
        }
        if (needed > bufferLength) {
            Arrays.fill(buffer, bufferLength, needed, 0f);
            bufferLength = needed;
        }
        emitReady(total, consumer);
    }

    /** Frames emitted so far. */
    public long framesEmitted() {
        return nextFrame;
    }

    private void emitReady(long limit, FrameConsumer consumer) {
        long available = bufferStart + bufferLength;
        while (nextFrame < limit) {
            long start = nextFrame * hop - leadingPad;
            if (start + frameLength > available) {
                break;
            }
            consumer.accept(buffer, (int) (start - bufferStart));
            nextFrame++;
        }
    }

    private void compact() {
        long keepFrom = nextFrame * hop - leadingPad;
        int drop = (int) Math.min(bufferLength, Math.max(0, keepFrom - bufferStart));
        if (drop > 0) {
            System.arraycopy(buffer, drop, buffer, 0, bufferLength - drop);
            bufferLength -= drop;
            bufferStart += drop;
        }
    }
}
