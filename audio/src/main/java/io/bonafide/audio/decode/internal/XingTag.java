package io.bonafide.audio.decode.internal;

/**
 * The Xing/Info (with its optional LAME extension) or VBRI tag an encoder leaves in the first
 * frame of an MP3, read the way ffmpeg's mp3 demuxer reads it: the tag frame carries no audio
 * and is skipped when it states a frame or byte count, and a LAME, Lavf or Lavc extension gives
 * the encoder delay and padding that gapless decoding trims.
 *
 * @param frames       audio frames after the tag frame, 0 when not stated
 * @param gapless      whether the delay and padding below are known
 * @param encoderDelay samples the encoder put in front of the audio
 * @param padding      samples the encoder appended to fill the last frame
 */
public record XingTag(long frames, boolean gapless, int encoderDelay, int padding) {
    private static final int FLAG_FRAMES = 1;
    private static final int FLAG_BYTES = 2;
    private static final int FLAG_TOC = 4;
    private static final int FLAG_QUALITY = 8;
    private static final int TOC_LENGTH = 100;
    /** From the start of the encoder version string to the 24-bit delay/padding field. */
    private static final int DELAYS_OFFSET = 21;
    /** VBRI sits at a fixed offset after the header, whatever the channel mode. */
    private static final int VBRI_OFFSET = 4 + 32;

    /**
     * The tag in the frame that starts at {@code offset} of {@code b}, or null where that frame
     * is an ordinary audio frame.
     */
    public static XingTag parse(byte[] b, int offset, int length, MpegFrameHeader header) {
        int end = Math.min(length, offset + header.frameLength());
        int q = offset + 4 + header.sideInfoLength();
        if (StreamBytes.hasTag(b, q, end, "Xing") || StreamBytes.hasTag(b, q, end, "Info")) {
            return parseXing(b, q + 4, end);
        }
        int vbri = offset + VBRI_OFFSET;
        if (StreamBytes.hasTag(b, vbri, end, "VBRI") && vbri + 18 <= end && StreamBytes.u16be(b, vbri + 4) == 1) {
            long bytes = StreamBytes.u32be(b, vbri + 10);
            long frames = StreamBytes.u32be(b, vbri + 14);
            return frames == 0 && bytes == 0 ? null : new XingTag(frames, false, 0, 0);
        }
        return null;
    }

    private static XingTag parseXing(byte[] b, int q, int end) {
        if (q + 4 > end) {
            return null;
        }
        long flags = StreamBytes.u32be(b, q);
        q += 4;
        long frames = 0;
        long bytes = 0;
        if ((flags & FLAG_FRAMES) != 0) {
            if (q + 4 > end) {
                return null;
            }
            frames = StreamBytes.u32be(b, q);
            q += 4;
        }
        if ((flags & FLAG_BYTES) != 0) {
            if (q + 4 > end) {
                return null;
            }
            bytes = StreamBytes.u32be(b, q);
            q += 4;
        }
        if ((flags & FLAG_TOC) != 0) {
            q += TOC_LENGTH;
        }
        if ((flags & FLAG_QUALITY) != 0) {
            q += 4;
        }
        if (frames == 0 && bytes == 0) {
            // ffmpeg keeps such a frame in the audio; so must we, to stay aligned.
            return null;
        }
        if (q + DELAYS_OFFSET + 3 <= end && (StreamBytes.hasTag(b, q, end, "LAME")
                || StreamBytes.hasTag(b, q, end, "Lavf") || StreamBytes.hasTag(b, q, end, "Lavc"))) {
            int delays = StreamBytes.u24be(b, q + DELAYS_OFFSET);
            return new XingTag(frames, true, delays >> 12, delays & 0xfff);
        }
        return new XingTag(frames, false, 0, 0);
    }
}
