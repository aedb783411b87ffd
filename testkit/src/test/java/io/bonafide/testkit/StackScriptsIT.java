package io.bonafide.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;

/** ops/stack-start.sh and ops/stack-stop.sh, run as a user runs them, on free loopback ports. */
class StackScriptsIT {
    private static final Path REPO = Path.of(System.getProperty("bonafide.repo.dir", "..")).toAbsolutePath().normalize();

    @Test
    void shouldStartBrokerAndRegistryThatAnswerAndStopThemLeavingNoProcess() throws Exception {
        // Given a fresh data directory and free ports
        Path data = Path.of("target", "stack-scripts-it-" + UUID.randomUUID()).toAbsolutePath();
        int kafkaPort = freePort();
        int registryPort = freePort();
        Map<String, String> env = Map.of(
                "BONAFIDE_STACK_DATA", data.toString(),
                "BONAFIDE_KAFKA_PORT", String.valueOf(kafkaPort),
                "BONAFIDE_CONTROLLER_PORT", String.valueOf(freePort()),
                "BONAFIDE_REGISTRY_PORT", String.valueOf(registryPort),
                "BONAFIDE_STACK_TIMEOUT", "60");
        try {
            // When the start script runs (it gives up, and fails, after 60 s)
            long started = System.nanoTime();
            Result start = run("ops/stack-start.sh", env, data);
            long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
            System.out.printf("ops/stack-start.sh brought broker and registry up in %d s%n", seconds);

            // Then it succeeded, printed the addresses, and both answer there
            assertThat(start.exitCode()).as(start.output()).isZero();
            assertThat(start.output()).contains("Kafka bootstrap servers: 127.0.0.1:" + kafkaPort)
                    .contains("http://127.0.0.1:" + registryPort + "/apis/ccompat/v7");
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + kafkaPort))) {
                assertThat(admin.describeCluster().nodes().get()).hasSize(1);
            }
            HttpResponse<String> subjects = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + registryPort + "/apis/ccompat/v7/subjects")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(subjects.statusCode()).isEqualTo(200);
            assertThat(stackProcesses(data)).isEqualTo(2);
        } finally {
            // When the stop script runs
            Result stop = run("ops/stack-stop.sh", env, data);

            // Then no process of theirs is left
            assertThat(stop.exitCode()).as(stop.output()).isZero();
            assertThat(stackProcesses(data)).isZero();
        }
        assertThat(Files.readString(data.resolve("logs/kafka.log"))).contains("Kafka Server started");
    }

    private record Result(int exitCode, String output) {
    }

    private static Result run(String script, Map<String, String> env, Path data) throws Exception {
        Files.createDirectories(data);
        Path log = Files.createTempFile(data, "script", ".out");
        ProcessBuilder builder = new ProcessBuilder("bash", REPO.resolve(script).toString())
                .directory(REPO.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(env);
        Process process = builder.start();
        if (!process.waitFor(180, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }

    private static long stackProcesses(Path data) {
        String marker = "-Dbonafide.stack.home=" + data;
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().arguments().map(args -> java.util.Arrays.asList(args).contains(marker)).orElse(false))
                .count();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
