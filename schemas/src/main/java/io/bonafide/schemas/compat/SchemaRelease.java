package io.bonafide.schemas.compat;

import io.bonafide.schemas.EventSchemas;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaFormatter;

/**
 * Records a release: writes each current event schema whose canonical form differs from its
 * last released version as {@code released/<full name>/v<N+1>.avsc} (self-contained JSON).
 * From then on the compatibility gate holds every later change to it.
 * Run: {@code mvn -pl schemas -am compile exec:java -Dexec.mainClass=io.bonafide.schemas.compat.SchemaRelease -Dexec.args=schemas/released}.
 */
public final class SchemaRelease {
    private SchemaRelease() {
    }

    public static void main(String[] args) {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: SchemaRelease <released dir>");
        }
        release(EventSchemas.current(), Path.of(args[0])).forEach(p -> System.out.println("released " + p));
    }

    /** Writes new versions for the changed schemas and returns the files written. */
    public static List<Path> release(Map<String, Schema> current, Path releasedDir) {
        Map<String, List<Path>> released = CompatibilityCheck.releasedVersions(releasedDir);
        return new TreeMap<>(current).entrySet().stream().flatMap(entry -> {
            List<Path> versions = released.getOrDefault(entry.getKey(), List.of());
            int next = 1;
            if (!versions.isEmpty()) {
                Path last = versions.get(versions.size() - 1);
                // Schema equality covers docs and defaults too, which the parsing form drops.
                if (CompatibilityCheck.parse(last).equals(entry.getValue())) {
                    return Stream.empty();
                }
                next = CompatibilityCheck.versionOf(last) + 1;
            }
            Path file = releasedDir.resolve(entry.getKey()).resolve("v" + next + ".avsc");
            try {
                Files.createDirectories(file.getParent());
                Files.writeString(file, SchemaFormatter.format("json/pretty", entry.getValue()) + "\n", StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return Stream.of(file);
        }).toList();
    }
}
