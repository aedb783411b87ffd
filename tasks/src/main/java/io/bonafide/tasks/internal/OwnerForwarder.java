package io.bonafide.tasks.internal;

import io.bonafide.schemas.event.TaskState;
import io.bonafide.tasks.TaskStateCodec;
import io.bonafide.tasks.TaskStateUnavailableException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Asks the instance that owns a task for its state over the internal endpoint. 200 is the
 * state, 404 is "unknown there"; anything else, or no answer within the timeout, is
 * {@link TaskStateUnavailableException}, because the owner's silence says nothing about the task.
 */
public final class OwnerForwarder implements AutoCloseable {
    private final HttpClient client;
    private final Duration timeout;

    public OwnerForwarder(Duration timeout) {
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1).build();
    }

    public Optional<TaskState> find(HostInfo owner, String taskId) {
        URI uri = URI.create("http://" + owner.host() + ":" + owner.port() + TaskStateCodec.PATH_PREFIX
                + URLEncoder.encode(taskId, StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout)
                .header("Accept", TaskStateCodec.CONTENT_TYPE).GET().build();
        HttpResponse<byte[]> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new TaskStateUnavailableException("the owning instance " + owner + " did not answer", taskId, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TaskStateUnavailableException("interrupted asking " + owner, taskId, e);
        }
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        if (response.statusCode() != 200) {
            throw new TaskStateUnavailableException("the owning instance " + owner + " answered " + response.statusCode(),
                    taskId, null);
        }
        try {
            return Optional.of(TaskStateCodec.decode(response.body()));
        } catch (IOException | RuntimeException e) {
            throw new TaskStateUnavailableException("the owning instance " + owner + " answered unreadable state", taskId, e);
        }
    }

    @Override
    public void close() {
        // HttpClient of Java 17 holds no resources that need closing.
    }
}
