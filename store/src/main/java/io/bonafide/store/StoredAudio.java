package io.bonafide.store;

import java.net.URI;
import java.util.Objects;

/**
 * What a store answers after writing an upload: where it lives and what was written.
 *
 * @param uri       the location a worker reads it back from ({@code file:///…} or {@code s3://bucket/key})
 * @param sha256    SHA-256 of the stored bytes, lowercase hex
 * @param sizeBytes number of stored bytes
 */
public record StoredAudio(URI uri, String sha256, long sizeBytes) {
    public StoredAudio {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(sha256, "sha256");
        if (sizeBytes < 0) {
            throw new IllegalArgumentException("sizeBytes must be >= 0, was " + sizeBytes);
        }
    }
}
