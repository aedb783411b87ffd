package io.bonafide.launcher.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * A client of the task API that does what the vendor guide tells a client to do: POST the file
 * as multipart part {@code file} (streamed from disk), read the {@code X-Location} header, and
 * poll it until the task is {@code done}, {@code failed} or {@code rejected}.
 */
public final class TaskClient {
    private static final Set<String> FINAL_STATES = Set.of("done", "failed", "rejected");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final URI endpoint;
    private final Duration pollInterval;
    private final Clock clock;

    public TaskClient(URI endpoint, Duration pollInterval, Clock clock) {
        this.endpoint = endpoint;
        this.pollInterval = pollInterval;
        this.clock = clock;
    }

    /** Submits {@code file} and answers the task's final document; throws when it takes longer than {@code timeout}. */
    public JsonNode verify(Path file, Duration timeout) throws InterruptedException {
        URI location = submit(file);
        Instant deadline = clock.instant().plus(timeout);
        while (true) {
            HttpResponse<String> response = send(HttpRequest.newBuilder(location).GET().build());
            if (response.statusCode() == 200) {
                JsonNode document = parse(response.body());
                if (FINAL_STATES.contains(document.path("task").path("state").asText())) {
                    return document;
                }
            } else if (response.statusCode() != 503) {
                throw new IllegalStateException("GET " + location + " answered " + response.statusCode() + ": "
                        + response.body());
            }
            if (clock.instant().isAfter(deadline)) {
                throw new IllegalStateException("task " + location + " did not finish within " + timeout);
            }
            Thread.sleep(pollInterval.toMillis());
        }
    }

    private URI submit(Path file) {
        String boundary = "bonafide-" + UUID.randomUUID();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                + file.getFileName().toString().replace("\"", "") + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> body(head, file, tail)))
                .build();
        HttpResponse<String> response = send(request);
        if (response.statusCode() != 202) {
            throw new IllegalStateException("POST " + file + " answered " + response.statusCode() + ": " + response.body());
        }
        String location = response.headers().firstValue("x-location")
                .orElseThrow(() -> new IllegalStateException("202 without an X-Location header"));
        return URI.create(location);
    }

    private static InputStream body(byte[] head, Path file, byte[] tail) {
        try {
            return new SequenceInputStream(java.util.Collections.enumeration(List.of(new ByteArrayInputStream(head),
                    Files.newInputStream(file), new ByteArrayInputStream(tail))));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + body, e);
        }
    }
}
