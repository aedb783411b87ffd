package io.bonafide.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bonafide.core.ErrorType;
import io.bonafide.store.internal.HashingCopy;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FilesystemAudioStoreTest {
    @TempDir
    Path root;

    @Test
    void shouldStoreAndReadBackWithSizeAndSha256() throws Exception {
        // Given
        byte[] bytes = new byte[300_000];
        new Random(7).nextBytes(bytes);
        AudioStore store = new FilesystemAudioStore(root);

        // When
        StoredAudio stored = store.put("tenant-a", "task-1", new ByteArrayInputStream(bytes), 1_000_000);

        // Then
        assertThat(stored.sizeBytes()).isEqualTo(bytes.length);
        assertThat(stored.sha256()).isEqualTo(HexFormat.of().formatHex(HashingCopy.sha256().digest(bytes)));
        assertThat(stored.uri().getScheme()).isEqualTo("file");
        try (InputStream in = store.open(stored.uri())) {
            assertThat(in.readAllBytes()).isEqualTo(bytes);
        }
        assertThat(Path.of(stored.uri())).startsWith(root);
    }

    @Test
    void shouldRefuseAnUploadOverTheLimitAndLeaveNothingBehind() {
        // Given
        AudioStore store = new FilesystemAudioStore(root);

        // When / Then
        assertThatThrownBy(() -> store.put("t", "big", new ByteArrayInputStream(new byte[2048]), 1000))
                .isInstanceOfSatisfying(StoreException.class, e -> {
                    assertThat(e.type()).isEqualTo(ErrorType.REQUEST_SIZE_LIMIT_EXCEEDED);
                    assertThat(e.retriable()).isFalse();
                    assertThat(e.context()).containsEntry("max_file_size", "1000").containsKey("file_size");
                });
        assertThat(root.resolve("t/big/audio")).doesNotExist();
        assertThat(root.resolve("t/big/audio.partial")).doesNotExist();
    }

    @Test
    void shouldTellAMissingObjectFromAMissingVolume() throws Exception {
        // Given
        Path volume = root.resolve("volume");
        AudioStore store = new FilesystemAudioStore(volume);
        StoredAudio stored = store.put("t", "x", new ByteArrayInputStream(new byte[10]), 100);
        store.delete(stored.uri());

        // When / Then: the object is gone, the volume is there: permanent
        assertThatThrownBy(() -> store.open(stored.uri())).isInstanceOfSatisfying(StoreException.class, e -> {
            assertThat(e.type()).isEqualTo(ErrorType.RESOURCE_NOT_FOUND);
            assertThat(e.retriable()).isFalse();
        });

        // When / Then: the volume is gone (unmounted): retriable
        Files.move(volume, root.resolve("elsewhere"));
        assertThatThrownBy(() -> store.open(stored.uri()))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.retriable()).isTrue());
    }

    @Test
    void shouldRefuseLocationsOutsideItsRootAndUnsafeNames() {
        // Given
        AudioStore store = new FilesystemAudioStore(root.resolve("store"));

        // When / Then
        assertThat(store.serves(root.resolve("other/file").toUri())).isFalse();
        assertThat(store.serves(URI.create("s3://bucket/key"))).isFalse();
        assertThatThrownBy(() -> store.open(root.resolve("store/../secret").toUri()))
                .isInstanceOfSatisfying(StoreException.class,
                        e -> assertThat(e.type()).isEqualTo(ErrorType.REQUEST_FORBIDDEN));
        assertThatThrownBy(() -> store.put("../escape", "t", new ByteArrayInputStream(new byte[1]), 10))
                .isInstanceOfSatisfying(StoreException.class,
                        e -> assertThat(e.type()).isEqualTo(ErrorType.REQUEST_VALIDATION_ERROR));
    }

    @Test
    void shouldDeleteOnceAndAnswerFalseTheSecondTime() {
        // Given
        AudioStore store = new FilesystemAudioStore(root);
        StoredAudio stored = store.put("t", "d", new ByteArrayInputStream(new byte[5]), 10);

        // When / Then
        assertThat(store.delete(stored.uri())).isTrue();
        assertThat(store.delete(stored.uri())).isFalse();
        assertThat(root.resolve("t/d")).doesNotExist();
    }
}
