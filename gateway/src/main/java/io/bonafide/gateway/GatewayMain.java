package io.bonafide.gateway;

import io.bonafide.core.LaunchSettings;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code java … io.bonafide.gateway.GatewayMain [gateway.properties …]}: runs one gateway until
 * SIGTERM or SIGINT. Settings come from the properties files in order, then from JVM system
 * properties with the same keys ({@code -Dbonafide.gateway.port=8080}), later ones winning. A bad
 * setting exits with status 2 and names the key. Run alone, it answers polls from the
 * task-state topic as it follows it; the embedded default wires the Streams topology instead.
 */
public final class GatewayMain {
    private static final Logger LOG = LoggerFactory.getLogger(GatewayMain.class);

    private GatewayMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Map<String, Object> settings = LaunchSettings.load(args);
        GatewayServer gateway;
        try {
            gateway = GatewayServer.builder(settings).build();
        } catch (ConfigException | IllegalArgumentException e) {
            System.err.println("bad gateway configuration: " + e.getMessage());
            System.exit(2);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("termination signal: shutting down");
            gateway.close();
        }, "bonafide-gateway-shutdown"));
        gateway.start();
        System.out.println("bonafide gateway listening on port " + gateway.port());
        gateway.join();
    }
}
