package io.bonafide.schemas.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bonafide.schemas.EventSchemas;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompatibilityCheckTest {
    private static final Path RELEASED = Path.of("released");
    private static final String REQUESTED = "io.bonafide.schemas.event.VerificationRequested";

    @Test
    void shouldAcceptTheCurrentSchemasAgainstEveryReleasedVersion() {
        assertThat(CompatibilityCheck.releasedVersions(RELEASED)).containsKeys(EventSchemas.current().keySet().toArray(String[]::new));
        assertThat(CompatibilityCheck.check(EventSchemas.current(), RELEASED)).isEmpty();
    }

    @Test
    void shouldFailTheBuildStepWhenANewFieldHasNoDefault() throws Exception {
        // Given the fixture: VerificationRequested plus a required int field without a default
        Path fixture = resource("compat/incompatible");

        // When / Then: the same entry point the build runs refuses it, naming the type and the field
        assertThatThrownBy(() -> CompatibilityCheck.main(new String[] {RELEASED.toString(), "--current", fixture.toString()}))
                .isInstanceOf(SchemaCompatibilityException.class)
                .hasMessageContaining(REQUESTED)
                .hasMessageContaining("priority");
    }

    @Test
    void shouldAcceptANewOptionalFieldWithADefault() throws Exception {
        Map<String, Schema> candidate = new HashMap<>(EventSchemas.current());
        candidate.put(REQUESTED, CompatibilityCheck.parse(resource("compat/compatible").resolve("VerificationRequested.avsc")));

        assertThat(CompatibilityCheck.check(candidate, RELEASED)).isEmpty();
    }

    @Test
    void shouldReportAReleasedTypeThatNoLongerExists() {
        Map<String, Schema> candidate = new HashMap<>(EventSchemas.current());
        candidate.remove(REQUESTED);

        List<CompatibilityCheck.Violation> violations = CompatibilityCheck.check(candidate, RELEASED);

        assertThat(violations).singleElement().satisfies(v -> assertThat(v.fullName()).isEqualTo(REQUESTED));
    }

    @Test
    void shouldReleaseOnlyChangedSchemasAsTheNextVersion(@TempDir Path released) throws Exception {
        // Given a first release of every schema
        assertThat(SchemaRelease.release(EventSchemas.current(), released)).hasSize(EventSchemas.current().size());

        // When nothing changed, nothing is released; when one schema changed, only it gets v2
        assertThat(SchemaRelease.release(EventSchemas.current(), released)).isEmpty();
        Map<String, Schema> changed = new HashMap<>(EventSchemas.current());
        changed.put(REQUESTED, CompatibilityCheck.parse(resource("compat/compatible").resolve("VerificationRequested.avsc")));
        List<Path> written = SchemaRelease.release(changed, released);

        // Then
        assertThat(written).containsExactly(released.resolve(REQUESTED).resolve("v2.avsc"));
        assertThat(Files.readString(written.get(0))).contains("priority");
        assertThat(CompatibilityCheck.check(changed, released)).isEmpty();
    }

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(CompatibilityCheckTest.class.getClassLoader().getResource(name).toURI());
    }
}
