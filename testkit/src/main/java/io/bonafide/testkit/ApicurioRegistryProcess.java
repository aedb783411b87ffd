package io.bonafide.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A real Apicurio Registry 2.6 (in-memory storage) in a child process on a free loopback port,
 * from the distribution that the {@code ops/stack} module lays out. Its Confluent-compatible
 * API is what the serde talks to.
 */
final class ApicurioRegistryProcess implements AutoCloseable {
    static final String RUNNER_JAR = "apicurio/apicurio-registry-app-2.6.13.Final-runner.jar";

    private final Process process;
    private final int port;

    private ApicurioRegistryProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static ApicurioRegistryProcess start() {
        Path jar = stackDir().resolve(RUNNER_JAR);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("Apicurio Registry not laid out at " + jar
                    + "; build the ops/stack module first (mvn -pl ops/stack generate-resources)");
        }
        int port = ChildProcesses.freePort();
        Path log = Path.of("target", "apicurio-" + port + ".log").toAbsolutePath();
        try {
            Files.createDirectories(log.getParent());
            Process process = new ProcessBuilder(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx384m", "-XX:TieredStopAtLevel=1",
                    "-Dquarkus.http.host=127.0.0.1", "-Dquarkus.http.port=" + port,
                    "-Dbonafide.testkit.registry=true",
                    "-jar", jar.toString()))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            ApicurioRegistryProcess registry = new ApicurioRegistryProcess(process, port);
            registry.awaitReady(log);
            return registry;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start Apicurio Registry from " + jar, e);
        }
    }

    String confluentApiUrl() {
        return "http://127.0.0.1:" + port + "/apis/ccompat/v7";
    }

    private void awaitReady(Path log) {
        ChildProcesses.awaitHttpOk("Apicurio Registry on port " + port, process, log,
                URI.create(confluentApiUrl() + "/subjects"), Duration.ofSeconds(90));
    }

    @Override
    public void close() {
        ChildProcesses.stop(process, Duration.ofSeconds(20));
    }

    static Path stackDir() {
        String configured = System.getProperty("bonafide.stack.dir");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        // Run from an IDE: find the repository's ops/stack layout above the working directory.
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("ops/stack/target/stack");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("bonafide.stack.dir is not set and no ops/stack/target/stack was found");
    }
}
