package io.bonafide.audio.decode.internal;

import java.io.IOException;
import java.io.InputStream;

/**
 * The Layer III frames of an MP3 stream and nothing else: junk between frames, frames of
 * another stream (other version, rate or channel mode), a truncated last frame and trailing
 * tags (ID3v1, APE, Lyrics3) are dropped, so that JLayer sees frame after frame and then the
 * end. JLayer needs that: it only accepts a frame when the next four bytes are another frame
 * header or nothing, so it would silently lose the last frame before an ID3v1 tag. After junk we
 * resynchronise the way ffmpeg does, on a header followed by a second one.
 */
final class MpegFrameStream extends InputStream {
    /** Two maximal frames (1441 bytes) and a header, with room to spare. */
    private static final int WINDOW = 4096;

    private final InputStream in;
    private final MpegFrameHeader reference;
    private final byte[] window = new byte[WINDOW];
    private int start;
    private int end;
    private boolean inputEnded;
    private boolean resynchronising;
    private int frameRemaining;

    /**
     * @param in        the stream, from the first audio frame on
     * @param reference the first audio frame's header, which every later frame must agree with
     */
    MpegFrameStream(InputStream in, MpegFrameHeader reference) {
        this.in = in;
        this.reference = reference;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (frameRemaining == 0 && !nextFrame()) {
            return -1;
        }
        int n = Math.min(len, frameRemaining);
        System.arraycopy(window, start, b, off, n);
        start += n;
        frameRemaining -= n;
        return n;
    }

    /** Positions the window at the next acceptable frame, whole in the window; false at the end. */
    private boolean nextFrame() throws IOException {
        while (true) {
            if (!fill(4)) {
                return false;
            }
            MpegFrameHeader header = MpegFrameHeader.parse(window, start, end);
            if (header != null && accepts(header) && fill(header.frameLength())) {
                if (!resynchronising || confirmedBy(start + header.frameLength())) {
                    resynchronising = false;
                    frameRemaining = header.frameLength();
                    return true;
                }
            } else if (header != null && accepts(header) && inputEnded) {
                // A last frame cut short: ffmpeg cannot decode it either.
                return false;
            }
            resynchronising = true;
            start++;
        }
    }

    private boolean accepts(MpegFrameHeader header) {
        return reference.sameStreamAs(header) && reference.channelCount() == header.channelCount();
    }

    /** Whether another acceptable header, or the very end of the input, follows at {@code next}. */
    private boolean confirmedBy(int next) throws IOException {
        int offset = next - start;
        if (!fill(offset + 4)) {
            return inputEnded && end == next;
        }
        MpegFrameHeader following = MpegFrameHeader.parse(window, next, end);
        return following != null && accepts(following);
    }

    /** Makes at least {@code count} bytes available from {@code start}; false if the input ends first. */
    private boolean fill(int count) throws IOException {
        if (end - start >= count) {
            return true;
        }
        if (start > 0) {
            System.arraycopy(window, start, window, 0, end - start);
            end -= start;
            start = 0;
        }
        while (end < count && !inputEnded) {
            int n = in.read(window, end, window.length - end);
            if (n < 0) {
                inputEnded = true;
            } else {
                end += n;
            }
        }
        return end - start >= count;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
