package io.bonafide.worker;

import io.bonafide.core.LaunchSettings;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.common.config.ConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code java … io.bonafide.worker.WorkerMain [worker.properties …]}: runs one worker until
 * SIGTERM or SIGINT, then shuts it down gracefully. Settings come from the properties files
 * in order, then from JVM system properties with the same keys ({@code -Dbonafide.worker.threads=4}),
 * later ones winning. A bad setting exits with status 2 and names the key.
 */
public final class WorkerMain {
    private static final Logger LOG = LoggerFactory.getLogger(WorkerMain.class);

    private WorkerMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Map<String, Object> settings = LaunchSettings.load(args);
        Worker worker;
        try {
            worker = new Worker(settings);
        } catch (ConfigException e) {
            System.err.println("bad worker configuration: " + e.getMessage());
            System.exit(2);
            return;
        }
        AtomicBoolean signalled = new AtomicBoolean();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            signalled.set(true);
            LOG.info("termination signal: shutting down gracefully");
            worker.close();
        }, "bonafide-worker-shutdown"));
        worker.start();
        worker.httpPort().ifPresent(port -> LOG.info("ops endpoints on port {}", port));
        worker.awaitStopped();
        if (!signalled.get()) {
            LOG.error("the poll loop stopped on its own; exiting so that the orchestrator restarts the worker");
            worker.close();
            System.exit(1);
        }
    }
}
