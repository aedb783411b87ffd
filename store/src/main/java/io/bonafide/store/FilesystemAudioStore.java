package io.bonafide.store;

import io.bonafide.core.ErrorType;
import io.bonafide.store.internal.HashingCopy;
import io.bonafide.store.internal.StoreKeys;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/**
 * The default store: files under one root directory, {@code <root>/<tenant>/<task>/audio},
 * addressed as {@code file:///…} URIs. Writes go to a temporary file that is moved into place
 * once complete, so a reader never sees half an upload. Reads outside the root are refused.
 *
 * <p>Faults: a missing file is permanent ({@code resource.not-found}); a missing root directory
 * (an unmounted volume) or any other I/O failure is retriable.
 */
public final class FilesystemAudioStore implements AudioStore {
    private final Path root;

    public FilesystemAudioStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** The root directory. */
    public Path root() {
        return root;
    }

    @Override
    public StoredAudio put(String tenant, String taskId, InputStream content, long maxBytes) {
        Path target = root.resolve(StoreKeys.objectName(tenant, taskId));
        Path partial = target.resolveSibling("audio.partial");
        try {
            Files.createDirectories(target.getParent());
            HashingCopy.Copied copied;
            try (OutputStream out = Files.newOutputStream(partial)) {
                copied = HashingCopy.copy(content, out, maxBytes);
            }
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return new StoredAudio(target.toUri(), copied.sha256(), copied.bytes());
        } catch (IOException e) {
            throw StoreException.unavailable("could not write " + target + ": " + e, Map.of("path", target.toString()), e);
        } finally {
            deleteQuietly(partial);
        }
    }

    @Override
    public InputStream open(URI uri) {
        Path path = pathOf(uri);
        try {
            return Files.newInputStream(path);
        } catch (NoSuchFileException e) {
            if (!Files.isDirectory(root)) {
                throw StoreException.unavailable("the store root " + root + " is not there (volume not mounted?)",
                        Map.of("root", root.toString()), e);
            }
            throw StoreException.permanent(ErrorType.RESOURCE_NOT_FOUND, "no stored audio at " + uri,
                    Map.of("uri", uri.toString()), e);
        } catch (AccessDeniedException e) {
            throw StoreException.permanent(ErrorType.REQUEST_FORBIDDEN, "the store may not read " + uri,
                    Map.of("uri", uri.toString()), e);
        } catch (IOException e) {
            throw StoreException.unavailable("could not read " + uri + ": " + e, Map.of("uri", uri.toString()), e);
        }
    }

    @Override
    public boolean delete(URI uri) {
        Path path = pathOf(uri);
        try {
            boolean deleted = Files.deleteIfExists(path);
            Path dir = path.getParent();
            if (dir != null && !dir.equals(root) && Files.isDirectory(dir)) {
                try (var rest = Files.list(dir)) {
                    if (rest.findAny().isEmpty()) {
                        Files.deleteIfExists(dir);
                    }
                }
            }
            return deleted;
        } catch (IOException e) {
            throw StoreException.unavailable("could not delete " + uri + ": " + e, Map.of("uri", uri.toString()), e);
        }
    }

    @Override
    public boolean serves(URI uri) {
        if (!"file".equals(uri.getScheme())) {
            return false;
        }
        try {
            return Path.of(uri).toAbsolutePath().normalize().startsWith(root);
        } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
            return false; // file://host/… and other forms that name no local path
        }
    }

    @Override
    public void close() {
    }

    private Path pathOf(URI uri) {
        if (!serves(uri)) {
            throw StoreException.permanent(ErrorType.REQUEST_FORBIDDEN,
                    "this store serves file URIs under " + root + " only, not " + uri, Map.of("uri", uri.toString()), null);
        }
        return Path.of(uri).toAbsolutePath().normalize();
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // a leftover partial file is overwritten by the next put of the same task
        }
    }
}
