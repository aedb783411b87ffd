package io.bonafide.launcher.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The local broker and registry of the embedded default: a single-node KRaft Kafka broker and
 * Apicurio Registry, started and stopped through {@code ops/stack-start.sh} and
 * {@code ops/stack-stop.sh} (the same scripts an operator uses) on free loopback ports, with
 * data in a folder of their own so that several embedded runs never share a broker.
 */
public final class LocalStack implements AutoCloseable {
    private final Path home;
    private final Map<String, String> environment;
    private final int kafkaPort;
    private final int registryPort;
    private boolean started;

    private LocalStack(Path home, Path data, int kafkaPort, int controllerPort, int registryPort) {
        this.home = home;
        this.kafkaPort = kafkaPort;
        this.registryPort = registryPort;
        this.environment = Map.of("BONAFIDE_STACK_DATA", data.toString(),
                "BONAFIDE_KAFKA_PORT", Integer.toString(kafkaPort),
                "BONAFIDE_CONTROLLER_PORT", Integer.toString(controllerPort),
                "BONAFIDE_REGISTRY_PORT", Integer.toString(registryPort),
                "BONAFIDE_STACK_TIMEOUT", "120");
    }

    /** A stack for the repository at {@code home}, keeping its data under {@code data}, on free ports. */
    public static LocalStack onFreePorts(Path home, Path data) {
        return new LocalStack(home, data, freePort(), freePort(), freePort());
    }

    /** Starts both processes and waits until they answer; the script's output goes to {@code log}. */
    public LocalStack start(Path log) {
        run("stack-start.sh", log, 180);
        started = true;
        return this;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + kafkaPort;
    }

    public String registryUrl() {
        return "http://127.0.0.1:" + registryPort + "/apis/ccompat/v7";
    }

    /** Stops both processes (SIGTERM, then SIGKILL after the script's grace period). */
    @Override
    public void close() {
        if (started) {
            started = false;
            run("stack-stop.sh", null, 90);
        }
    }

    private void run(String script, Path log, long timeoutSeconds) {
        List<String> command = new ArrayList<>(List.of("bash", home.resolve("ops").resolve(script).toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        if (log != null) {
            builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        } else {
            builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        }
        try {
            Process process = builder.start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(script + " did not finish within " + timeoutSeconds + " s");
            }
            if (process.exitValue() != 0) {
                String tail = log == null ? "" : ": " + tail(log);
                throw new IllegalStateException(script + " exited with " + process.exitValue() + tail);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + script, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + script, e);
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }
}
