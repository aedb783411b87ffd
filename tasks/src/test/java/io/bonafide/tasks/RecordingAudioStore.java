package io.bonafide.tasks;

import io.bonafide.store.AudioStore;
import io.bonafide.store.StoredAudio;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** An audio store that only records which URIs were deleted, for unit tests of retention. */
final class RecordingAudioStore implements AudioStore {
    final List<URI> deleted = new CopyOnWriteArrayList<>();

    @Override
    public StoredAudio put(String tenant, String taskId, InputStream content, long maxBytes) {
        throw new UnsupportedOperationException("the task state never stores audio");
    }

    @Override
    public InputStream open(URI uri) {
        throw new UnsupportedOperationException("the task state never reads audio");
    }

    @Override
    public boolean delete(URI uri) {
        deleted.add(uri);
        return true;
    }

    @Override
    public boolean serves(URI uri) {
        return true;
    }

    @Override
    public void close() {
    }
}
