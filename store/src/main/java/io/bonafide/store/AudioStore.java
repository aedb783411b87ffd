package io.bonafide.store;

import java.io.InputStream;
import java.net.URI;

/**
 * Where uploaded audio lives between the gateway, which writes it, and the workers, which read
 * it back by the URI carried in the request event. Implementations are thread-safe.
 *
 * <p>Failures are {@link StoreException}s: {@link StoreException#retriable()} tells a store
 * that does not answer (retry later) from one that answers "no" (missing object, refused key,
 * full store), so callers classify faults without knowing the backend.
 */
public interface AudioStore extends AutoCloseable {

    /**
     * Streams {@code content} into the store under the tenant and task, hashing it on the way;
     * never holds the whole upload in memory.
     *
     * @param maxBytes the most bytes accepted; more fails with {@code request.size-limit-exceeded}
     *                 (context {@code file_size} = bytes read so far + 1, {@code max_file_size})
     */
    StoredAudio put(String tenant, String taskId, InputStream content, long maxBytes);

    /** Opens stored bytes for reading; the caller closes the stream. */
    InputStream open(URI uri);

    /** Removes stored bytes; answers false when there was nothing to remove. */
    boolean delete(URI uri);

    /** Whether this store serves {@code uri} (its scheme and location). */
    boolean serves(URI uri);

    /** Releases clients and connections. */
    @Override
    void close();
}
