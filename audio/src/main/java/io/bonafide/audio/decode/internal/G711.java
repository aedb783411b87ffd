package io.bonafide.audio.decode.internal;

/**
 * ITU-T G.711 A-law and µ-law expansion to 16-bit linear PCM, as tables. The formulas are the
 * reference ones (the same ffmpeg's pcm_alaw/pcm_mulaw decoders tabulate), so that dividing by
 * 32768 reproduces ffmpeg's f32 output bit for bit.
 */
public final class G711 {
    private static final short[] ALAW = new short[256];
    private static final short[] ULAW = new short[256];

    static {
        for (int i = 0; i < 256; i++) {
            ALAW[i] = (short) alawToLinear(i);
            ULAW[i] = (short) ulawToLinear(i);
        }
    }

    private G711() {
    }

    /** The 16-bit linear value of A-law byte {@code code}. */
    public static short alaw(int code) {
        return ALAW[code & 0xff];
    }

    /** The 16-bit linear value of µ-law byte {@code code}. */
    public static short ulaw(int code) {
        return ULAW[code & 0xff];
    }

    private static int alawToLinear(int code) {
        // Even bits are inverted on the wire (to keep line density up); undo that first.
        int a = code ^ 0x55;
        int mantissa = a & 0x0f;
        int segment = (a & 0x70) >> 4;
        int magnitude = segment == 0 ? (mantissa * 2 + 1) << 3 : (mantissa * 2 + 1 + 32) << (segment + 2);
        return (a & 0x80) != 0 ? magnitude : -magnitude;
    }

    private static int ulawToLinear(int code) {
        // µ-law bytes are sent complemented; 0x84 is the bias added at encoding.
        int u = ~code;
        int t = ((u & 0x0f) << 3) + 0x84;
        t <<= (u & 0x70) >> 4;
        return (u & 0x80) != 0 ? 0x84 - t : t - 0x84;
    }
}
