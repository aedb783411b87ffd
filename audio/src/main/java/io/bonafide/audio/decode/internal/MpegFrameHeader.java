package io.bonafide.audio.decode.internal;

/**
 * The 32-bit header of an MPEG-1/2/2.5 Layer III frame: enough to find frames, size them and
 * locate the Xing/Info/VBRI tag of the first one. Free-format frames (bitrate index 0) and Layers
 * I and II are treated as invalid: we neither sniff nor decode them.
 *
 * @param header          the raw header bits
 * @param lsf             MPEG-2 or 2.5 (half-rate "low sampling frequency" frames)
 * @param sampleRate      Hz
 * @param channelCount    1 for single-channel mode, else 2
 * @param frameLength     bytes in the frame, header included
 * @param samplesPerFrame 1152 (MPEG-1) or 576 (MPEG-2/2.5)
 * @param sideInfoLength  bytes of side information after the header
 */
public record MpegFrameHeader(int header, boolean lsf, int sampleRate, int channelCount, int frameLength,
        int samplesPerFrame, int sideInfoLength) {

    /** Bits that must agree between consecutive frames of one stream: sync, version, layer, rate. */
    private static final int SAME_STREAM_MASK = 0xffe00000 | 3 << 19 | 3 << 17 | 3 << 10;
    private static final int[] MPEG1_KBPS = {0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320};
    private static final int[] LSF_KBPS = {0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160};
    private static final int[] MPEG1_RATES = {44100, 48000, 32000};

    /** The header in {@code b} at {@code off} (big-endian), or null if these bytes are no Layer III header. */
    public static MpegFrameHeader parse(byte[] b, int off, int length) {
        if (off < 0 || off + 4 > length) {
            return null;
        }
        return parse((int) StreamBytes.u32be(b, off));
    }

    /** The header {@code h}, or null if it is no Layer III header. */
    public static MpegFrameHeader parse(int h) {
        if ((h & 0xffe00000) != 0xffe00000) {
            return null;
        }
        int versionBits = h >>> 19 & 3;
        int layerBits = h >>> 17 & 3;
        int bitrateIndex = h >>> 12 & 0xf;
        int rateIndex = h >>> 10 & 3;
        if (versionBits == 1 || layerBits != 1 || bitrateIndex == 0 || bitrateIndex == 15 || rateIndex == 3) {
            return null;
        }
        boolean lsf = versionBits != 3;
        int sampleRate = MPEG1_RATES[rateIndex] >> (versionBits == 3 ? 0 : versionBits == 2 ? 1 : 2);
        int kbps = (lsf ? LSF_KBPS : MPEG1_KBPS)[bitrateIndex];
        int padding = h >>> 9 & 1;
        int frameLength = (lsf ? 72 : 144) * kbps * 1000 / sampleRate + padding;
        boolean mono = (h >>> 6 & 3) == 3;
        int sideInfo = lsf ? (mono ? 9 : 17) : (mono ? 17 : 32);
        return new MpegFrameHeader(h, lsf, sampleRate, mono ? 1 : 2, frameLength, lsf ? 576 : 1152, sideInfo);
    }

    /** Whether {@code next} can follow this frame in the same stream. */
    public boolean sameStreamAs(MpegFrameHeader next) {
        return (header & SAME_STREAM_MASK) == (next.header & SAME_STREAM_MASK);
    }
}
