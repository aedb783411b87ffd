package io.bonafide.audio.decode.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The caller's input as every decoder sees it: counts the bytes taken from it and remembers the
 * first {@link IOException} it raised. Libraries fold I/O failures and format errors into the
 * same exceptions; the remembered failure is what lets {@link DecodeFailure} tell a broken
 * upload stream (surfaced as {@link java.io.UncheckedIOException}) from broken bytes (surfaced
 * as {@link io.bonafide.audio.MediaException}).
 */
public final class SourceInputStream extends FilterInputStream {
    /** A stream that keeps answering "0 bytes" is broken; give up rather than spin. */
    private static final int MAX_EMPTY_READS = 1_000;

    private long bytesRead;
    private IOException failure;

    public SourceInputStream(InputStream in) {
        super(in);
    }

    /** Bytes delivered so far. */
    public long bytesRead() {
        return bytesRead;
    }

    /** The first I/O failure of the underlying stream, or null. */
    public IOException failure() {
        return failure;
    }

    @Override
    public int read() throws IOException {
        try {
            int b = in.read();
            if (b >= 0) {
                bytesRead++;
            }
            return b;
        } catch (IOException e) {
            throw remember(e);
        }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        try {
            for (int attempt = 0; attempt < MAX_EMPTY_READS; attempt++) {
                int n = in.read(b, off, len);
                if (n != 0) {
                    if (n > 0) {
                        bytesRead += n;
                    }
                    return n;
                }
            }
            throw new IOException("the input stream returned no bytes " + MAX_EMPTY_READS + " times in a row");
        } catch (IOException e) {
            throw remember(e);
        }
    }

    @Override
    public long skip(long n) throws IOException {
        try {
            long skipped = in.skip(n);
            if (skipped > 0) {
                bytesRead += skipped;
            }
            return skipped;
        } catch (IOException e) {
            throw remember(e);
        }
    }

    @Override
    public int available() throws IOException {
        try {
            return in.available();
        } catch (IOException e) {
            throw remember(e);
        }
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    @Override
    public synchronized void mark(int readlimit) {
        // Marking would let a library rewind past bytes already counted; offer none.
    }

    @Override
    public synchronized void reset() throws IOException {
        throw new IOException("mark/reset not supported");
    }

    private IOException remember(IOException e) {
        if (failure == null) {
            failure = e;
        }
        return e;
    }
}
