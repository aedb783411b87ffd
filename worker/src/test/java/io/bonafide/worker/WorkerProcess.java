package io.bonafide.worker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * A worker in its own JVM, started through {@link WorkerMain} the way a pod starts it, so that a
 * test can kill it without warning ({@link #halt()}: SIGKILL) or ask it to stop ({@link #terminate()}:
 * SIGTERM).
 */
final class WorkerProcess implements AutoCloseable {
    private final Process process;
    final Path log;

    private WorkerProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    static WorkerProcess start(String name, Map<String, Object> settings) {
        try {
            Path dir = Path.of("target", "worker-processes").toAbsolutePath();
            Files.createDirectories(dir);
            Path config = dir.resolve(name + ".properties");
            Properties properties = new Properties();
            settings.forEach((k, v) -> properties.setProperty(k, String.valueOf(v)));
            try (var out = Files.newOutputStream(config)) {
                properties.store(out, "worker " + name);
            }
            Path log = dir.resolve(name + ".log");
            String classpath = pathingJar(dir).toString();
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx512m", "-XX:TieredStopAtLevel=1", "-cp", classpath,
                    "-Dorg.slf4j.simpleLogger.showDateTime=true",
                    "io.bonafide.worker.WorkerMain", config.toString()));
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            return new WorkerProcess(process, log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A jar whose manifest lists the worker's classpath. ONNX Runtime 1.29.0's native loader
     * crashes the JVM (SIGSEGV) when {@code java.class.path} is longer than about 4 KB, which the
     * worker's full classpath is; a manifest Class-Path keeps the property short.
     */
    private static Path pathingJar(Path dir) throws IOException {
        List<String> entries = new ArrayList<>();
        entries.add(Path.of("target", "classes").toAbsolutePath().toUri().toString());
        for (String entry : Files.readString(Path.of("target", "worker.classpath")).trim().split(java.io.File.pathSeparator)) {
            entries.add(Path.of(entry).toUri().toString());
        }
        java.util.jar.Manifest manifest = new java.util.jar.Manifest();
        manifest.getMainAttributes().put(java.util.jar.Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(java.util.jar.Attributes.Name.CLASS_PATH, String.join(" ", entries));
        Path jar = dir.resolve("worker-classpath.jar");
        try (var out = new java.util.jar.JarOutputStream(Files.newOutputStream(jar), manifest)) {
            out.flush();
        }
        return jar;
    }

    /** Kills the JVM at once: no shutdown hook, no commit, no leaving the group. */
    void halt() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM, then waits for the graceful shutdown; answers the exit status. */
    int terminate() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return -1;
        }
        return process.exitValue();
    }

    String output() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "";
        }
    }

    boolean alive() {
        return process.isAlive();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            halt();
        }
    }
}
