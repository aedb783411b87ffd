package io.bonafide.audio.decode.testing;

/**
 * Recomputes the CRC of every Ogg page found in a byte array, so that fuzzed payloads reach the
 * Vorbis parsers instead of being dropped by the page checksum.
 */
public final class OggPages {
    private static final int[] CRC_TABLE = new int[256];

    static {
        for (int i = 0; i < 256; i++) {
            int r = i << 24;
            for (int k = 0; k < 8; k++) {
                r = (r & 0x80000000) != 0 ? r << 1 ^ 0x04c11db7 : r << 1;
            }
            CRC_TABLE[i] = r;
        }
    }

    private OggPages() {
    }

    /** A copy of {@code bytes} with the checksum of each complete page it holds made valid. */
    public static byte[] resealed(byte[] bytes) {
        byte[] b = bytes.clone();
        int p = 0;
        while (p + 27 <= b.length) {
            if (b[p] != 'O' || b[p + 1] != 'g' || b[p + 2] != 'g' || b[p + 3] != 'S') {
                p++;
                continue;
            }
            int segments = b[p + 26] & 0xff;
            if (p + 27 + segments > b.length) {
                break;
            }
            int size = 27 + segments;
            for (int i = 0; i < segments; i++) {
                size += b[p + 27 + i] & 0xff;
            }
            if (p + size > b.length) {
                break;
            }
            for (int i = 22; i < 26; i++) {
                b[p + i] = 0;
            }
            int crc = 0;
            for (int i = 0; i < size; i++) {
                crc = crc << 8 ^ CRC_TABLE[(crc >>> 24 ^ b[p + i]) & 0xff];
            }
            b[p + 22] = (byte) crc;
            b[p + 23] = (byte) (crc >>> 8);
            b[p + 24] = (byte) (crc >>> 16);
            b[p + 25] = (byte) (crc >>> 24);
            p += size;
        }
        return b;
    }
}
