package io.bonafide.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded default as a user runs it: {@code java -jar bonafide-launcher.jar} (what
 * {@code ops/bonafide-embedded} executes) in its own JVM, with a real broker, registry, gateway,
 * task state, webhooks and worker; and the example Python client of {@code ops/examples/}
 * against it, unmodified.
 */
class EmbeddedDefaultIT {
    private static final Path HOME = Path.of("..").toAbsolutePath().normalize();
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void shouldPrintDoneResultsForGenuineAndSyntheticSampleAndLeaveNoProcessBehind(@TempDir Path data) throws Exception {
        // Given no files: the launcher makes its two samples
        // When it runs to the end
        Process launcher = launcher(data, List.of()).start();
        boolean finished = launcher.waitFor(8, TimeUnit.MINUTES);
        String out = Files.readString(data.resolve("stdout.txt"));
        String err = Files.readString(data.resolve("stderr.txt"));

        // Then it printed one done document per sample, with a deepfake score of the right sign
        assertThat(finished).as("launcher finished; stderr:\n%s", err).isTrue();
        assertThat(launcher.exitValue()).as("exit status; stderr:\n%s", err).isZero();
        List<JsonNode> documents = documents(out);
        assertThat(documents).as(out).hasSize(2);
        assertThat(documents).allSatisfy(d -> assertThat(d.at("/task/state").asText()).isEqualTo("done"));
        assertThat(documents.get(0).at("/result/deepfake_detection/channels/0/score").asDouble()).isPositive();
        assertThat(documents.get(1).at("/result/deepfake_detection/channels/0/score").asDouble()).isNegative();
        // and nothing it started is still running
        assertNoStackProcess(data);
    }

    @Test
    void shouldServeTheExamplePythonClientUntilInterrupted(@TempDir Path data) throws Exception {
        // Given the fleet kept up with --serve on a known port
        int port = freePort();
        Process launcher = launcher(data, List.of("--serve", "--port", Integer.toString(port))).start();
        try {
            await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> Files.readString(data.resolve("stderr.txt")).contains("Serving "));

            // When the vendor-guide client verifies a synthetic file against it
            Path sample = data.resolve("client-sample.wav");
            Process espeak = new ProcessBuilder("espeak-ng", "-w", sample.toString(),
                    "This recording is checked by the example client of the task API.").start();
            assertThat(espeak.waitFor(60, TimeUnit.SECONDS)).isTrue();
            Process client = new ProcessBuilder("/usr/bin/python3", HOME.resolve("ops/examples/verify.py").toString(),
                    sample.toString(), "--url", "http://127.0.0.1:" + port, "--poll-interval", "0.5")
                    .redirectError(data.resolve("client-stderr.txt").toFile()).start();
            String printed = new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(client.waitFor(3, TimeUnit.MINUTES)).isTrue();

            // Then it printed the finished task document
            assertThat(client.exitValue()).as(Files.readString(data.resolve("client-stderr.txt"))).isZero();
            JsonNode document = JSON.readTree(printed);
            assertThat(document.at("/task/state").asText()).isEqualTo("done");
            assertThat(document.at("/result/deepfake_detection/channels/0/score").isNumber()).isTrue();
        } finally {
            // And Ctrl-C (SIGINT is what a terminal sends; SIGTERM takes the same shutdown path) stops everything
            launcher.destroy();
            assertThat(launcher.waitFor(3, TimeUnit.MINUTES)).isTrue();
        }
        assertNoStackProcess(data);
    }

    private static ProcessBuilder launcher(Path data, List<String> args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-Dbonafide.home=" + HOME, "-jar", Path.of("target", "bonafide-launcher.jar").toAbsolutePath().toString(),
                "--data", data.resolve("fleet").toString()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectOutput(data.resolve("stdout.txt").toFile())
                .redirectError(data.resolve("stderr.txt").toFile());
        builder.environment().put("BONAFIDE_MODELS_DIR", HOME.resolve("models").toString());
        return builder;
    }

    /** The stack's processes carry their data folder on the command line (ops/stack-stop.sh finds them the same way). */
    private static void assertNoStackProcess(Path data) throws IOException, InterruptedException {
        Process pgrep = new ProcessBuilder("pgrep", "-f", "-a", "bonafide.stack.home=" + data.resolve("fleet")).start();
        String running = new String(pgrep.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        pgrep.waitFor(10, TimeUnit.SECONDS);
        assertThat(running).as("processes left behind").isEmpty();
    }

    private static List<JsonNode> documents(String out) throws IOException {
        List<JsonNode> documents = new ArrayList<>();
        var parser = JSON.getFactory().createParser(out);
        var iterator = JSON.readValues(parser, ObjectNode.class);
        while (iterator.hasNext()) {
            documents.add(iterator.next());
        }
        return documents;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
