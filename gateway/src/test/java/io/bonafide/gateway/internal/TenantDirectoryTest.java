package io.bonafide.gateway.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TenantDirectoryTest {

    @Test
    void shouldMapAKeyToItsTenantByTheKeysHashOnly(@TempDir Path dir) throws Exception {
        // Given a keys file with hashes and a comment
        Path file = dir.resolve("keys");
        Files.writeString(file, "# tenants\n\nacme = " + TenantDirectory.sha256Hex("k1").toUpperCase(java.util.Locale.ROOT)
                + "\nglobex=" + TenantDirectory.sha256Hex("k2") + "\n");

        // When keys are looked up
        TenantDirectory tenants = TenantDirectory.load(file);

        // Then each known key finds its tenant, and nothing else does
        assertThat(tenants.tenantOf("k1")).contains("acme");
        assertThat(tenants.tenantOf("k2")).contains("globex");
        assertThat(tenants.tenantOf(TenantDirectory.sha256Hex("k1"))).isEmpty();
        assertThat(tenants.tenantOf("")).isEmpty();
    }

    @Test
    void shouldRejectAMalformedLineByNumberWithoutEchoingIt(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("keys");
        Files.writeString(file, "acme=" + TenantDirectory.sha256Hex("k") + "\nglobex=plain-secret-key\n");

        assertThatThrownBy(() -> TenantDirectory.load(file)).hasMessageContaining("line 2")
                .hasMessageNotContaining("plain-secret-key");
    }
}
