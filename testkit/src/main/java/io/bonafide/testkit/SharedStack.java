package io.bonafide.testkit;

import java.util.Locale;
import org.junit.jupiter.api.Assumptions;

/** Holds the one stack of this JVM; started lazily, closed by a shutdown hook. */
final class SharedStack {
    private static TestStack stack;
    private static String unavailable;

    private SharedStack() {
    }

    static synchronized TestStack get() {
        if (unavailable != null) {
            Assumptions.abort(unavailable);
        }
        if (stack == null) {
            String kind = System.getProperty("bonafide.it.stack", "embedded").toLowerCase(Locale.ROOT);
            switch (kind) {
                case "embedded" -> stack = EmbeddedStack.start();
                case "confluent" -> {
                    String why = ConfluentContainersStack.whyUnavailable();
                    if (why != null) {
                        unavailable = "Confluent container tests skipped: " + why;
                        System.err.println("[bonafide-testkit] " + unavailable);
                        Assumptions.abort(unavailable);
                    }
                    stack = ConfluentContainersStack.start();
                }
                default -> throw new IllegalArgumentException(
                        "bonafide.it.stack must be embedded or confluent, was " + kind);
            }
            TestStack started = stack;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> close(started), "bonafide-testkit-shutdown"));
        }
        return stack;
    }

    private static void close(TestStack started) {
        if (started instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                System.err.println("[bonafide-testkit] closing the " + started.kind() + " stack failed: " + e);
            }
        }
    }
}
