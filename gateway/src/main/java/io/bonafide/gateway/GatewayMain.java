package io.bonafide.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
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
        Map<String, Object> settings = new HashMap<>();
        for (String file : args) {
            settings.putAll(load(Path.of(file)));
        }
        System.getProperties().forEach((key, value) -> {
            String name = key.toString();
            if (name.startsWith("bonafide.") || name.startsWith("schema.registry.") || name.equals("auto.register.schemas")
                    || name.equals("basic.auth.user.info")) {
                settings.put(name, value.toString());
            }
        });
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

    private static Map<String, String> load(Path file) {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file, e);
        }
        Map<String, String> values = new HashMap<>();
        properties.forEach((k, v) -> values.put(k.toString(), v.toString()));
        return values;
    }
}
