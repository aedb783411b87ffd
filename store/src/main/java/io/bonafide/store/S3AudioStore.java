package io.bonafide.store;

import io.bonafide.core.ErrorType;
import io.bonafide.store.internal.HashingCopy;
import io.bonafide.store.internal.StoreKeys;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Audio in an S3 bucket (AWS or any S3-compatible server), {@code s3://<bucket>/<prefix><tenant>/<task>/audio}.
 * An upload is spooled to a local temporary file while it is hashed and counted, then sent in one
 * request, so memory stays flat whatever the size. The SDK's own retries are off: the caller's
 * retry and circuit breaker are the one place that decides.
 *
 * <p>Faults: no answer, a timeout, 5xx or 429 are retriable; 404 is {@code resource.not-found};
 * 403 is {@code request.forbidden}; other 4xx are permanent {@code internal} faults.
 */
public final class S3AudioStore implements AudioStore {
    private final S3Client s3;
    private final String bucket;
    private final String prefix;

    /** Connection settings; {@code endpoint} empty means AWS itself. */
    public record Settings(String bucket, String prefix, Optional<URI> endpoint, String region, boolean pathStyle,
                           Optional<String> accessKeyId, Optional<String> secretAccessKey, Duration timeout) {
        public Settings {
            Objects.requireNonNull(bucket, "bucket");
            prefix = prefix == null ? "" : prefix;
            Objects.requireNonNull(endpoint, "endpoint");
            Objects.requireNonNull(region, "region");
            Objects.requireNonNull(accessKeyId, "accessKeyId");
            Objects.requireNonNull(secretAccessKey, "secretAccessKey");
            Objects.requireNonNull(timeout, "timeout");
            if (accessKeyId.isPresent() != secretAccessKey.isPresent()) {
                throw new IllegalArgumentException("give both accessKeyId and secretAccessKey, or neither");
            }
        }
    }

    public S3AudioStore(Settings settings) {
        this.bucket = settings.bucket();
        this.prefix = settings.prefix();
        AwsCredentialsProvider credentials = settings.accessKeyId().isPresent()
                ? StaticCredentialsProvider.create(AwsBasicCredentials.create(settings.accessKeyId().get(),
                settings.secretAccessKey().orElseThrow()))
                : DefaultCredentialsProvider.builder().build();
        var builder = S3Client.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(settings.timeout()).socketTimeout(settings.timeout()))
                .region(Region.of(settings.region()))
                .credentialsProvider(credentials)
                .forcePathStyle(settings.pathStyle())
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()));
        settings.endpoint().ifPresent(builder::endpointOverride);
        this.s3 = builder.build();
    }

    @Override
    public StoredAudio put(String tenant, String taskId, InputStream content, long maxBytes) {
        String key = prefix + StoreKeys.objectName(tenant, taskId);
        Path spool = null;
        try {
            spool = Files.createTempFile("bonafide-upload-", ".part");
            HashingCopy.Copied copied;
            try (OutputStream out = Files.newOutputStream(spool)) {
                copied = HashingCopy.copy(content, out, maxBytes);
            }
            Path file = spool;
            call(key, () -> s3.putObject(b -> b.bucket(bucket).key(key).contentLength(copied.bytes())
                    .metadata(Map.of("sha256", copied.sha256())), RequestBody.fromFile(file)));
            return new StoredAudio(uriOf(key), copied.sha256(), copied.bytes());
        } catch (IOException e) {
            throw StoreException.unavailable("could not spool the upload: " + e, Map.of("key", key), e);
        } finally {
            if (spool != null) {
                try {
                    Files.deleteIfExists(spool);
                } catch (IOException ignored) {
                    // the temporary directory is the operating system's to clean
                }
            }
        }
    }

    @Override
    public InputStream open(URI uri) {
        String key = keyOf(uri);
        return call(key, () -> s3.getObject(b -> b.bucket(bucket).key(key)));
    }

    @Override
    public boolean delete(URI uri) {
        String key = keyOf(uri);
        boolean existed = exists(key);
        call(key, () -> s3.deleteObject(b -> b.bucket(bucket).key(key)));
        return existed;
    }

    @Override
    public boolean serves(URI uri) {
        return "s3".equals(uri.getScheme()) && bucket.equals(uri.getHost())
                && uri.getPath() != null && uri.getPath().startsWith("/" + prefix);
    }

    @Override
    public void close() {
        s3.close();
    }

    private boolean exists(String key) {
        try {
            call(key, () -> s3.headObject(b -> b.bucket(bucket).key(key)));
            return true;
        } catch (StoreException e) {
            if (e.type() == ErrorType.RESOURCE_NOT_FOUND) {
                return false;
            }
            throw e;
        }
    }

    private URI uriOf(String key) {
        return URI.create("s3://" + bucket + "/" + key);
    }

    private String keyOf(URI uri) {
        if (!serves(uri)) {
            throw StoreException.permanent(ErrorType.REQUEST_FORBIDDEN,
                    "this store serves s3://" + bucket + "/" + prefix + "… only, not " + uri,
                    Map.of("uri", uri.toString()), null);
        }
        return uri.getPath().substring(1);
    }

    private <T> T call(String key, java.util.function.Supplier<T> request) {
        Map<String, String> context = Map.of("bucket", bucket, "key", key);
        try {
            return request.get();
        } catch (S3Exception e) {
            int status = e.statusCode();
            if (status >= 500 || status == 429) {
                throw StoreException.unavailable("S3 answered " + status + " for " + key, context, e);
            }
            if (status == 404) {
                throw StoreException.permanent(ErrorType.RESOURCE_NOT_FOUND, "no stored audio at s3://" + bucket + "/" + key,
                        context, e);
            }
            if (status == 403) {
                throw StoreException.permanent(ErrorType.REQUEST_FORBIDDEN, "S3 refused access to " + key, context, e);
            }
            throw StoreException.permanent(ErrorType.INTERNAL, "S3 answered " + status + " for " + key, context, e);
        } catch (SdkClientException e) {
            throw StoreException.unavailable("S3 did not answer for " + key + ": " + e.getMessage(), context, e);
        } catch (SdkException e) {
            throw StoreException.unavailable("S3 failed for " + key + ": " + e.getMessage(), context, e);
        }
    }
}
