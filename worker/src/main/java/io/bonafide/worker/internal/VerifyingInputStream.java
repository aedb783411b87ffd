package io.bonafide.worker.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Hashes and counts what passes through, and on {@link #close()} reads what the decoder left
 * unread (a time range may stop decoding early), so that the stored bytes can be checked
 * against the request's SHA-256 and size once analysis is over.
 */
final class VerifyingInputStream extends FilterInputStream {
    private final MessageDigest digest;
    private long count;
    private boolean drained;

    VerifyingInputStream(InputStream in) {
        super(in);
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            digest.update((byte) b);
            count++;
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            digest.update(buffer, offset, n);
            count += n;
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        byte[] buffer = new byte[(int) Math.min(n, 64 * 1024)];
        long skipped = 0;
        while (skipped < n) {
            int r = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
            if (r < 0) {
                break;
            }
            skipped += r;
        }
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    @Override
    public void close() throws IOException {
        try {
            drain();
        } finally {
            super.close();
        }
    }

    private void drain() throws IOException {
        if (!drained) {
            byte[] buffer = new byte[64 * 1024];
            while (read(buffer, 0, buffer.length) >= 0) {
                // hashing what the decoder did not need
            }
            drained = true;
        }
    }

    /** Whether every byte was read. */
    boolean drained() {
        return drained;
    }

    long count() {
        return count;
    }

    String sha256() {
        return HexFormat.of().formatHex(digest.digest());
    }
}
