package io.bonafide.gateway.internal;

import io.bonafide.store.AudioStore;
import io.bonafide.store.FilesystemAudioStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;

/**
 * Bytes the audio store holds, for the 507 storage capacity check. For the filesystem store the
 * root is walked at most once per refresh interval (uploads accepted in between are added), so a
 * request costs no directory walk; an object store has no cheap answer and reports 0 (its
 * capacity is the bucket's quota, enforced by the store itself).
 */
public final class StoreUsage {
    private final Path root;
    private final Clock clock;
    private final Duration refresh;
    private long measured;
    private long measuredAt = Long.MIN_VALUE;

    public StoreUsage(AudioStore store, Clock clock, Duration refresh) {
        this.root = store instanceof FilesystemAudioStore fs ? fs.root() : null;
        this.clock = clock;
        this.refresh = refresh;
    }

    public synchronized long usedBytes() {
        if (root == null) {
            return 0;
        }
        long now = clock.millis();
        if (measuredAt == Long.MIN_VALUE || now - measuredAt >= refresh.toMillis()) {
            measured = walk();
            measuredAt = now;
        }
        return measured;
    }

    /** An upload of {@code bytes} was stored since the last walk. */
    public synchronized void added(long bytes) {
        measured += bytes;
    }

    private long walk() {
        long[] total = {0};
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    total[0] += attrs.size();
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException exc) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (NoSuchFileException e) {
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException("could not measure " + root, e);
        }
        return total[0];
    }
}
