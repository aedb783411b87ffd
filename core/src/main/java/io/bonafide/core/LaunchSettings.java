package io.bonafide.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The settings a Bonafide process starts with: the properties files named on its command line,
 * in order, then the JVM system properties with Bonafide, registry and serde keys
 * ({@code -Dbonafide.worker.threads=4}), later sources winning. Validation stays with each
 * component's config class, which names the offending key.
 */
public final class LaunchSettings {
    private LaunchSettings() {
    }

    /** The merged settings of {@code files} and the system properties. */
    public static Map<String, Object> load(String... files) {
        Map<String, Object> settings = new HashMap<>();
        for (String file : files) {
            settings.putAll(read(Path.of(file)));
        }
        System.getProperties().forEach((key, value) -> {
            String name = key.toString();
            if (name.startsWith("bonafide.") || name.startsWith("schema.registry.") || name.equals("auto.register.schemas")
                    || name.equals("basic.auth.user.info")) {
                settings.put(name, value.toString());
            }
        });
        return settings;
    }

    private static Map<String, String> read(Path file) {
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
