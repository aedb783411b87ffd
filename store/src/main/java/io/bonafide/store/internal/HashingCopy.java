package io.bonafide.store.internal;

import io.bonafide.core.ErrorType;
import io.bonafide.store.StoreException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/** Copies a stream while hashing and counting it, stopping as soon as it passes a size limit. */
public final class HashingCopy {
    private static final int BUFFER = 64 * 1024;

    private HashingCopy() {
    }

    /** Bytes copied and their SHA-256. */
    public record Copied(long bytes, String sha256) {
    }

    /**
     * Copies {@code in} to {@code out}.
     *
     * @throws StoreException {@code request.size-limit-exceeded} once more than {@code maxBytes} arrive
     * @throws IOException    reading or writing failed
     */
    public static Copied copy(InputStream in, OutputStream out, long maxBytes) throws IOException {
        MessageDigest digest = sha256();
        byte[] buffer = new byte[BUFFER];
        long total = 0;
        for (int n; (n = in.read(buffer)) >= 0; ) {
            if (total + n > maxBytes) {
                throw StoreException.permanent(ErrorType.REQUEST_SIZE_LIMIT_EXCEEDED,
                        "the upload is larger than the maximum of " + maxBytes + " bytes",
                        Map.of("file_size", String.valueOf(total + n), "max_file_size", String.valueOf(maxBytes),
                                "size_unit", "bytes"), null);
            }
            digest.update(buffer, 0, n);
            out.write(buffer, 0, n);
            total += n;
        }
        return new Copied(total, HexFormat.of().formatHex(digest.digest()));
    }

    /** A fresh SHA-256 digest. */
    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
