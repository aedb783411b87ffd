package io.bonafide.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The vendor-guide Python client (ops/examples/verify.py, plain {@code requests}) against a real
 * gateway with the real broker, registry and filesystem store; the test's task lookup follows
 * the published requests, so the client sees running, then done, and terminates.
 */
class PythonClientIT {
    private static final Path PYTHON = Path.of("/usr/bin/python3");

    @Test
    void shouldUploadPollUntilDoneAndPrintTheTaskDocument() throws Exception {
        assumeTrue(Files.isExecutable(PYTHON), "no /usr/bin/python3 on this machine");
        Path script = repoDir().resolve("ops/examples/verify.py");
        try (GatewayHarness harness = new GatewayHarness("python-client");
             GatewayServer gateway = harness.gateway(Map.of())) {
            // Given a recording on disk, and a lookup that follows the published requests
            harness.followRequests = true;
            Path wav = harness.storeRoot.resolveSibling(harness.prefix + "-call.wav");
            Files.write(wav, GatewayHarness.wav(2, 8_000, 42));

            // When the client verifies it with a short poll interval
            Process process = new ProcessBuilder(PYTHON.toString(), script.toString(), wav.toString(),
                    "--url", "http://127.0.0.1:" + gateway.port(), "--poll-interval", "0.2",
                    "--meta", "case=A-17")
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            byte[] out = process.getInputStream().readAllBytes();
            assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();

            // Then it exits 0 and printed the done document of the task it created
            assertThat(process.exitValue()).as(new String(out, StandardCharsets.UTF_8)).isZero();
            JsonNode document = Http.JSON.readTree(out);
            assertThat(document.at("/task/state").asText()).isEqualTo("done");
            String taskId = document.at("/task/task_id").asText();
            assertThat(harness.request(taskId)).hasValueSatisfying(r -> {
                assertThat(r.getAudio().getOriginalName()).isEqualTo(wav.getFileName().toString());
                assertThat(r.getAudio().getSizeBytes()).isEqualTo(wav.toFile().length());
                assertThat(r.getMeta()).containsEntry("case", "A-17");
            });
            assertThat(document.at("/meta/case").asText()).isEqualTo("A-17");
            assertThat(harness.polls.get(taskId)).isGreaterThanOrEqualTo(2);
        }
    }

    static Path repoDir() {
        return Path.of(System.getProperty("bonafide.repo.dir", "..")).toAbsolutePath().normalize();
    }
}
