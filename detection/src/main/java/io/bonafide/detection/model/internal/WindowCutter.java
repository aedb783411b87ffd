package io.bonafide.detection.model.internal;

/**
 * Cuts a streamed channel into fixed-length, overlapping windows while holding only one
 * window's worth of samples (a ring), so that memory does not grow with the channel. Windows
 * start every {@code hop} samples while they fit; at the end, a channel whose tail the last
 * regular window missed gets one right-aligned final window (the last {@code window} samples),
 * and a channel shorter than a window but at least {@code minSamples} long gets one window
 * filled by repeating the channel, the way AASIST-style evaluation pads short utterances (zero
 * padding would dilute the statistics the model sees with silence). Non-finite samples become 0
 * and are counted. Not thread-safe: one per channel.
 */
public final class WindowCutter {

    /** Receives each window; the array is reused after the call. */
    @FunctionalInterface
    public interface Windows {
        void window(float[] samples, long startSample);
    }

    private final int window;
    private final int hop;
    private final long minSamples;
    private final Windows sink;
    private final float[] ring;
    private final float[] scratch;
    private int writePos;
    private long total;
    private long nextEnd;
    private long lastEmittedEnd;
    private long nonFinite;
    private boolean finished;

    public WindowCutter(int window, int hop, long minSamples, Windows sink) {
        if (window < 1 || hop < 1 || hop > window) {
            throw new IllegalArgumentException("need 1 ≤ hop ≤ window, was hop " + hop + ", window " + window);
        }
        this.window = window;
        this.hop = hop;
        this.minSamples = minSamples;
        this.sink = sink;
        this.ring = new float[window];
        this.scratch = new float[window];
        this.nextEnd = window;
    }

    /** The next samples of the channel. */
    public void accept(float[] samples, int offset, int length) {
        if (finished) {
            throw new IllegalStateException("the channel has already ended");
        }
        int i = offset;
        int end = offset + length;
        while (i < end) {
            // Never more than hop (≤ window) samples before the next window, so no needed sample is overwritten.
            int take = (int) Math.min(nextEnd - total, end - i);
            for (int k = 0; k < take; k++) {
                float v = samples[i + k];
                if (!Float.isFinite(v)) {
                    v = 0f;
                    nonFinite++;
                }
                ring[writePos] = v;
                if (++writePos == window) {
                    writePos = 0;
                }
            }
            i += take;
            total += take;
            if (total == nextEnd) {
                emitLast(total - window);
                nextEnd += hop;
            }
        }
    }

    /** The channel has ended: emits the final window the tail needs, if any. */
    public void finish() {
        if (finished) {
            return;
        }
        finished = true;
        if (total < minSamples || total == 0) {
            return;
        }
        if (total < window) {
            int n = (int) total;
            for (int filled = 0; filled < window; filled += n) {
                System.arraycopy(ring, 0, scratch, filled, Math.min(n, window - filled));
            }
            sink.window(scratch, 0);
        } else if (lastEmittedEnd < total) {
            emitLast(total - window);
        }
    }

    /** Samples received so far. */
    public long samples() {
        return total;
    }

    /** Samples that were NaN or infinite and were replaced by 0. */
    public long nonFiniteSamples() {
        return nonFinite;
    }

    private void emitLast(long startSample) {
        // The ring's oldest sample sits at writePos once a full window has been written.
        int head = window - writePos;
        System.arraycopy(ring, writePos, scratch, 0, head);
        System.arraycopy(ring, 0, scratch, head, writePos);
        lastEmittedEnd = total;
        sink.window(scratch, startSample);
    }
}
