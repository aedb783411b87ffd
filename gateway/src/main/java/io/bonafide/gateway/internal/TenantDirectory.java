package io.bonafide.gateway.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which tenant an API key belongs to. Keys are held only as SHA-256 hashes (lowercase hex), read
 * from a file with one {@code tenant=sha256hex} per line ({@code #} starts a comment), such as
 * a Kubernetes secret mounted as a file; a presented key is hashed and looked up, so the
 * directory never holds or logs a key.
 */
public final class TenantDirectory {
    private static final Pattern TENANT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");

    private final Map<String, String> tenantByHash;

    public TenantDirectory(Map<String, String> tenantByHash) {
        this.tenantByHash = Map.copyOf(tenantByHash);
    }

    /** Reads {@code file}; a malformed line fails with its line number (never its content). */
    public static TenantDirectory load(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the API keys file " + file, e);
        }
        Map<String, String> byHash = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            String tenant = eq < 0 ? "" : line.substring(0, eq).strip();
            String hash = eq < 0 ? "" : line.substring(eq + 1).strip().toLowerCase(Locale.ROOT);
            if (!TENANT.matcher(tenant).matches() || !HASH.matcher(hash).matches()) {
                throw new IllegalArgumentException(file + " line " + (i + 1)
                        + ": expected 'tenant=<64 hex digits of the key's SHA-256>'");
            }
            byHash.put(hash, tenant);
        }
        return new TenantDirectory(byHash);
    }

    /** The tenant of {@code apiKey}, if it is a known key. */
    public Optional<String> tenantOf(String apiKey) {
        return Optional.ofNullable(tenantByHash.get(sha256Hex(apiKey)));
    }

    /** Lowercase hex SHA-256 of the key's UTF-8 bytes: what the keys file holds. */
    public static String sha256Hex(String apiKey) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(apiKey.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
