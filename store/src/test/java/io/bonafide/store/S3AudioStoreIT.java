package io.bonafide.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.bonafide.core.ErrorType;
import io.bonafide.testkit.MotoS3Server;
import io.bonafide.testkit.TcpFaultProxy;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** The S3 store against a real S3-compatible server (moto_server), through a proxy that can cut it off. */
class S3AudioStoreIT {
    private static MotoS3Server moto;
    private static TcpFaultProxy proxy;

    @BeforeAll
    static void startServer() {
        assumeTrue(MotoS3Server.find().isPresent(), "S3 store tests skipped: moto_server is not on the PATH");
        moto = MotoS3Server.start();
        proxy = new TcpFaultProxy("127.0.0.1", moto.port());
        try (S3Client admin = S3Client.builder().endpointOverride(moto.endpoint()).forcePathStyle(true)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .build()) {
            admin.createBucket(b -> b.bucket("audio"));
        }
    }

    @AfterAll
    static void stopServer() {
        if (proxy != null) {
            proxy.close();
        }
        if (moto != null) {
            moto.close();
        }
    }

    private static AudioStore store() {
        return new AudioStoreConfig(Map.of(AudioStoreConfig.KIND, "s3", AudioStoreConfig.S3_BUCKET, "audio",
                AudioStoreConfig.S3_PREFIX, "uploads/",
                AudioStoreConfig.S3_ENDPOINT, "http://127.0.0.1:" + proxy.port(),
                AudioStoreConfig.S3_ACCESS_KEY_ID, "test", AudioStoreConfig.S3_SECRET_ACCESS_KEY, "test",
                AudioStoreConfig.TIMEOUT_MS, "2000")).create();
    }

    @Test
    void shouldStoreReadAndDeleteThroughARealS3Server() throws Exception {
        // Given
        byte[] bytes = new byte[5 * 1024 * 1024 + 17];
        new Random(11).nextBytes(bytes);
        try (AudioStore store = store()) {
            // When
            StoredAudio stored = store.put("tenant", "task-s3", new ByteArrayInputStream(bytes), bytes.length);

            // Then
            assertThat(stored.uri()).isEqualTo(URI.create("s3://audio/uploads/tenant/task-s3/audio"));
            assertThat(stored.sizeBytes()).isEqualTo(bytes.length);
            try (InputStream in = store.open(stored.uri())) {
                assertThat(in.readAllBytes()).isEqualTo(bytes);
            }
            assertThat(store.delete(stored.uri())).isTrue();
            assertThatThrownBy(() -> store.open(stored.uri())).isInstanceOfSatisfying(StoreException.class, e -> {
                assertThat(e.type()).isEqualTo(ErrorType.RESOURCE_NOT_FOUND);
                assertThat(e.retriable()).isFalse();
            });
        }
    }

    @Test
    void shouldReportAnUnreachableServerAsRetriable() {
        try (AudioStore store = store()) {
            StoredAudio stored = store.put("tenant", "task-cut", new ByteArrayInputStream(new byte[100]), 1000);
            proxy.cut();
            try {
                assertThatThrownBy(() -> store.open(stored.uri()))
                        .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.retriable()).isTrue());
            } finally {
                proxy.restore();
            }
            assertThat(store.delete(stored.uri())).isTrue();
        }
    }
}
