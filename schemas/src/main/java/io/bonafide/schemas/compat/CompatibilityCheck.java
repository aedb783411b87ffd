package io.bonafide.schemas.compat;

import io.bonafide.schemas.EventSchemas;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;

/**
 * The build-time BACKWARD compatibility gate: every current event schema must read data written
 * with every released version of it (so also the last one), because the compacted task-state
 * topic keeps old records forever. Released versions live in {@code released/<full name>/v<N>.avsc},
 * each self-contained. A released type that has no current schema is a violation too.
 *
 * <p>Run by the schemas module's build ({@code process-classes}); the build fails on a violation.
 * Arguments: {@code <released dir> [--current <dir of self-contained .avsc>]} (the second form
 * checks candidate schemas from files instead of the generated classes).
 */
public final class CompatibilityCheck {

    /** One current schema that cannot read one released version. */
    public record Violation(String fullName, Path releasedVersion, String description) {
        @Override
        public String toString() {
            return fullName + " is not BACKWARD compatible with " + releasedVersion + ": " + description;
        }
    }

    private CompatibilityCheck() {
    }

    public static void main(String[] args) {
        if (args.length != 1 && !(args.length == 3 && args[1].equals("--current"))) {
            throw new IllegalArgumentException("usage: CompatibilityCheck <released dir> [--current <dir>]");
        }
        Path released = Path.of(args[0]);
        Map<String, Schema> current = args.length == 3 ? readDirectory(Path.of(args[2])) : EventSchemas.current();
        List<Violation> violations = check(current, released);
        if (!violations.isEmpty()) {
            throw new SchemaCompatibilityException(violations);
        }
        System.out.printf("Schema compatibility: %d current schemas are BACKWARD compatible with %d released versions in %s%n",
                current.size(), releasedVersions(released).values().stream().mapToInt(List::size).sum(), released);
    }

    /** Every violation of {@code current} against the released versions under {@code releasedDir}. */
    public static List<Violation> check(Map<String, Schema> current, Path releasedDir) {
        List<Violation> violations = new ArrayList<>();
        releasedVersions(releasedDir).forEach((fullName, versions) -> {
            Schema reader = current.get(fullName);
            for (Path version : versions) {
                if (reader == null) {
                    violations.add(new Violation(fullName, version, "the type was released but no longer exists"));
                    continue;
                }
                Schema writer = parse(version);
                SchemaCompatibility.SchemaPairCompatibility result =
                        SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
                if (result.getType() != SchemaCompatibilityType.COMPATIBLE) {
                    violations.add(new Violation(fullName, version, describe(result)));
                }
            }
        });
        return violations;
    }

    /** Released versions by full name, each list in version order. */
    static Map<String, List<Path>> releasedVersions(Path releasedDir) {
        Map<String, List<Path>> versions = new TreeMap<>();
        if (!Files.isDirectory(releasedDir)) {
            return versions;
        }
        try (Stream<Path> types = Files.list(releasedDir)) {
            for (Path type : types.filter(Files::isDirectory).sorted().toList()) {
                try (Stream<Path> files = Files.list(type)) {
                    versions.put(type.getFileName().toString(), files
                            .filter(f -> f.getFileName().toString().matches("v\\d+\\.avsc"))
                            .sorted((a, b) -> Integer.compare(versionOf(a), versionOf(b)))
                            .toList());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return versions;
    }

    static int versionOf(Path file) {
        String name = file.getFileName().toString();
        return Integer.parseInt(name.substring(1, name.length() - ".avsc".length()));
    }

    static Schema parse(Path file) {
        try {
            return new Schema.Parser().parse(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Schema> readDirectory(Path dir) {
        Map<String, Schema> schemas = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(f -> f.toString().endsWith(".avsc")).sorted().map(CompatibilityCheck::parse)
                    .forEach(s -> schemas.put(s.getFullName(), s));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return schemas;
    }

    private static String describe(SchemaCompatibility.SchemaPairCompatibility result) {
        return result.getResult().getIncompatibilities().stream()
                .map(i -> i.getType() + " at " + i.getLocation() + ": " + i.getMessage())
                .reduce((a, b) -> a + "; " + b)
                .orElse(result.getDescription());
    }
}
