package io.bonafide.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/** What the servers the test kit runs as child processes share: a free port, a readiness probe, a stop. */
final class ChildProcesses {
    private ChildProcesses() {
    }

    /** A loopback port nobody listens on right now. */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Waits until a GET of {@code probe} answers 200, failing fast when the process exits; stops
     * the process when it does not become ready in time.
     */
    static void awaitHttpOk(String name, Process process, Path log, URI probe, Duration atMost) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest request = HttpRequest.newBuilder(probe).timeout(Duration.ofSeconds(2)).build();
        try {
            Awaitility.await(name + " (log: " + log + ")")
                    .atMost(atMost)
                    .pollInterval(Duration.ofMillis(200))
                    .failFast(name + " exited; see " + log, () -> !process.isAlive())
                    .until(() -> {
                        try {
                            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                        } catch (IOException notYet) {
                            return false;
                        }
                    });
        } catch (RuntimeException e) {
            stop(process, Duration.ofSeconds(10));
            throw e;
        }
    }

    /** SIGTERM, then SIGKILL once {@code grace} has passed. */
    static void stop(Process process, Duration grace) {
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
