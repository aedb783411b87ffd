package io.bonafide.audio.decode.internal;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reading exact byte counts from a stream that may deliver them piecemeal, and the little- and
 * big-endian field decoding the container parsers share. A short count always means the stream
 * ended; it is up to the caller to decide whether that is an error.
 */
public final class StreamBytes {
    private static final int SKIP_BUFFER = 8192;

    private StreamBytes() {
    }

    /** Reads until {@code len} bytes arrived or the stream ended; returns the count read. */
    public static int readUpTo(InputStream in, byte[] buffer, int off, int len) throws IOException {
        int total = 0;
        while (total < len) {
            int n = in.read(buffer, off + total, len - total);
            if (n < 0) {
                break;
            }
            total += n;
        }
        return total;
    }

    /** Discards up to {@code count} bytes; returns how many were there to discard. */
    public static long skipUpTo(InputStream in, long count) throws IOException {
        long remaining = count;
        byte[] scratch = null;
        while (remaining > 0) {
            // InputStream.skip may legally return 0 before the end; reading is the only sure way to tell.
            long skipped = in.skip(remaining);
            if (skipped > 0) {
                remaining -= skipped;
                continue;
            }
            if (scratch == null) {
                scratch = new byte[(int) Math.min(SKIP_BUFFER, remaining)];
            }
            int n = in.read(scratch, 0, (int) Math.min(scratch.length, remaining));
            if (n < 0) {
                break;
            }
            remaining -= n;
        }
        return count - remaining;
    }

    public static int u16le(byte[] b, int off) {
        return (b[off] & 0xff) | (b[off + 1] & 0xff) << 8;
    }

    public static long u32le(byte[] b, int off) {
        return (u16le(b, off) | (long) u16le(b, off + 2) << 16) & 0xffffffffL;
    }

    public static long u64le(byte[] b, int off) {
        return u32le(b, off) | u32le(b, off + 4) << 32;
    }

    public static int u16be(byte[] b, int off) {
        return (b[off] & 0xff) << 8 | (b[off + 1] & 0xff);
    }

    public static int u24be(byte[] b, int off) {
        return (b[off] & 0xff) << 16 | (b[off + 1] & 0xff) << 8 | (b[off + 2] & 0xff);
    }

    public static long u32be(byte[] b, int off) {
        return ((long) u16be(b, off) << 16 | u16be(b, off + 2)) & 0xffffffffL;
    }

    /** Whether {@code b} holds the ASCII text {@code tag} at {@code off}. */
    public static boolean hasTag(byte[] b, int off, int length, String tag) {
        if (off < 0 || off + tag.length() > length) {
            return false;
        }
        for (int i = 0; i < tag.length(); i++) {
            if (b[off + i] != (byte) tag.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
