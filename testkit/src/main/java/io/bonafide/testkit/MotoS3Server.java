package io.bonafide.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A real S3-compatible server for store tests: {@code moto_server} (Python moto, in memory) in a
 * child process on a free loopback port. {@link #find()} tells whether this machine has it, so a
 * test can skip with the reason where it does not. Any access key is accepted.
 */
public final class MotoS3Server implements AutoCloseable {
    private final Process process;
    private final int port;

    private MotoS3Server(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** The {@code moto_server} executable on the PATH (or {@code BONAFIDE_MOTO_SERVER}), if any. */
    public static Optional<Path> find() {
        String configured = System.getenv("BONAFIDE_MOTO_SERVER");
        if (configured != null && !configured.isBlank()) {
            return Optional.of(Path.of(configured)).filter(Files::isExecutable);
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, "moto_server");
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** Starts moto_server and waits until it answers. */
    public static MotoS3Server start() {
        Path executable = find().orElseThrow(() -> new IllegalStateException("moto_server is not on the PATH"));
        int port = ChildProcesses.freePort();
        Path log = Path.of("target", "moto-" + port + ".log").toAbsolutePath();
        try {
            Files.createDirectories(log.getParent());
            Process process = new ProcessBuilder(List.of(executable.toString(), "-H", "127.0.0.1", "-p",
                    String.valueOf(port)))
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            MotoS3Server server = new MotoS3Server(process, port);
            server.awaitReady(log);
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + executable, e);
        }
    }

    /** The server's endpoint, e.g. {@code http://127.0.0.1:41234}. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public int port() {
        return port;
    }

    private void awaitReady(Path log) {
        ChildProcesses.awaitHttpOk("moto_server on port " + port, process, log, endpoint().resolve("/"),
                Duration.ofSeconds(60));
    }

    @Override
    public void close() {
        ChildProcesses.stop(process, Duration.ofSeconds(10));
    }
}
