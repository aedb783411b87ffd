package io.bonafide.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bonafide.launcher.internal.SampleAudio;
import io.bonafide.launcher.internal.TaskClient;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The embedded default ({@code ops/bonafide-embedded}): starts a local broker and registry, then
 * gateway, task state, webhooks and a worker in this JVM ({@link EmbeddedFleet}); analyses the
 * files named on the command line (or a genuine and a synthetic sample) through the HTTP API the
 * way any client would, prints each task's SPEC 2 document on standard output, and stops
 * everything, or keeps the fleet up with {@code --serve} until Ctrl-C.
 */
public final class EmbeddedMain {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String USAGE = """
            usage: ops/bonafide-embedded [--serve] [--port N] [--data DIR] [--timeout SECONDS] [FILE ...]
              FILE ...      audio files to analyse (default without --serve: a genuine and a synthetic sample)
              --serve       keep the fleet up for HTTP clients after the files are analysed (Ctrl-C stops)
              --port N      the gateway's HTTP port (default: 8080 with --serve, else a free port)
              --data DIR    where broker, registry and audio store keep their data, kept afterwards
                            (default: a temporary folder, removed at the end)
              --timeout S   seconds to wait for each task (default: 300)
            """;

    private EmbeddedMain() {
    }

    public static void main(String[] args) throws Exception {
        // Quiet by default: the results go to standard output, progress and warnings to standard error.
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel",
                System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"));
        System.setProperty("org.slf4j.simpleLogger.log.io.bonafide.launcher", "info");
        System.setProperty("org.slf4j.simpleLogger.log.org.apache.kafka", "error");
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(USAGE);
            System.exit(2);
            return;
        }
        if (options.help) {
            System.out.print(USAGE);
            return;
        }
        Path home = Path.of(System.getProperty("bonafide.home", ".")).toAbsolutePath().normalize();
        boolean temporary = options.data == null;
        Path data = temporary ? Files.createTempDirectory("bonafide-embedded-") : options.data;
        EmbeddedFleet fleet = new EmbeddedFleet(home, data, options.port);
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            fleet.close();
            if (temporary) {
                deleteTree(data);
            }
            stopped.countDown();
        }, "bonafide-embedded-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);

        int exit = 0;
        try {
            fleet.start();
            System.err.println("Bonafide is up: " + fleet.apiUrl() + " (data in " + data + ")");
            System.err.println("Webhooks (callback_url in a task's config) are signed with " + fleet.webhookSecret());
            exit = analyse(options, fleet, data);
            if (options.serve) {
                System.err.println("Serving " + fleet.apiUrl() + " — Ctrl-C stops the fleet.");
                stopped.await();
                return;
            }
        } catch (RuntimeException e) {
            StringBuilder message = new StringBuilder("bonafide-embedded: ").append(e.getMessage());
            for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
                message.append("\n  caused by: ").append(cause);
            }
            System.err.println(message);
            exit = 1;
        }
        Runtime.getRuntime().removeShutdownHook(hook);
        fleet.close();
        if (temporary) {
            deleteTree(data);
        }
        System.exit(exit);
    }

    /** Removes a temporary data folder (broker, registry and audio data of this run); --data keeps it. */
    private static void deleteTree(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            System.err.println("could not remove " + dir + ": " + e.getMessage());
        }
    }

    private static int analyse(Options options, EmbeddedFleet fleet, Path data) throws InterruptedException {
        List<SampleAudio.Sample> inputs = new ArrayList<>();
        if (options.files.isEmpty() && !options.serve) {
            inputs.addAll(SampleAudio.make(data.resolve("samples")));
        } else {
            options.files.forEach(f -> inputs.add(new SampleAudio.Sample(f.toString(), f, null)));
        }
        TaskClient client = new TaskClient(URI.create(fleet.apiUrl()), Duration.ofMillis(200), Clock.systemUTC());
        int exit = 0;
        for (SampleAudio.Sample input : inputs) {
            if (input.file() == null) {
                System.err.println("# skipped: " + input.skipped());
                continue;
            }
            System.err.println("# " + input.label() + ": " + input.file());
            try {
                JsonNode document = client.verify(input.file(), Duration.ofSeconds(options.timeoutSeconds));
                System.out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(document));
                System.out.flush();
            } catch (RuntimeException | com.fasterxml.jackson.core.JsonProcessingException e) {
                System.err.println("# " + input.file() + ": " + e.getMessage());
                exit = 1;
            }
        }
        return exit;
    }

    /** Parsed command line. */
    static final class Options {
        boolean serve;
        boolean help;
        Integer port;
        Path data;
        long timeoutSeconds = 300;
        final List<Path> files = new ArrayList<>();

        static Options parse(String[] args) {
            Options options = new Options();
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                switch (arg) {
                    case "--serve" -> options.serve = true;
                    case "--help", "-h" -> options.help = true;
                    case "--port" -> options.port = Integer.parseInt(value(args, ++i, arg));
                    case "--data" -> options.data = Path.of(value(args, ++i, arg));
                    case "--timeout" -> options.timeoutSeconds = Long.parseLong(value(args, ++i, arg));
                    default -> {
                        if (arg.startsWith("--")) {
                            throw new IllegalArgumentException("unknown option " + arg);
                        }
                        Path file = Path.of(arg);
                        if (!Files.isRegularFile(file)) {
                            throw new IllegalArgumentException("not a file: " + arg);
                        }
                        options.files.add(file.toAbsolutePath());
                    }
                }
            }
            if (options.port == null && options.serve) {
                options.port = 8080;
            }
            return options;
        }

        private static String value(String[] args, int i, String option) {
            if (i >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args[i];
        }
    }
}
