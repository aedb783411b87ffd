package io.bonafide.gateway.internal;

import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The absolute base URL a client used to reach the gateway, for the polling URLs of
 * {@code Location} and {@code X-Location}. In order: the configured public base URL; when
 * forwarded headers are trusted, RFC 7239 {@code Forwarded} (first element) or
 * {@code X-Forwarded-Proto|Host|Port|Prefix}; else the request's own scheme and Host. Values
 * that are not a plausible scheme, host or path prefix are ignored, so a header can never
 * inject anything into the URL.
 */
public final class PublicUrls {
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.-]+(:[0-9]{1,5})?|\\[[0-9A-Fa-f:.]+](:[0-9]{1,5})?");
    private static final Pattern PORT = Pattern.compile("[0-9]{1,5}");
    private static final Pattern PREFIX = Pattern.compile("(/[A-Za-z0-9._~-]+)*/?");

    private final Optional<String> configuredBase;
    private final boolean trustForwarded;

    public PublicUrls(String configuredBase, boolean trustForwarded) {
        this.configuredBase = configuredBase == null || configuredBase.isBlank() ? Optional.empty()
                : Optional.of(stripSlash(configuredBase.strip()));
        this.trustForwarded = trustForwarded;
    }

    /**
     * The base URL (scheme://host[:port][/prefix], no trailing slash) for a request.
     *
     * @param scheme   the scheme the request arrived with
     * @param hostPort the request's authority (Host header), possibly null
     * @param headers  reads one request header by name (null when absent)
     */
    public String base(String scheme, String hostPort, Function<String, String> headers) {
        if (configuredBase.isPresent()) {
            return configuredBase.get();
        }
        String proto = scheme;
        String host = hostPort;
        String prefix = "";
        if (trustForwarded) {
            String forwarded = headers.apply("Forwarded");
            String xProto = headers.apply("X-Forwarded-Proto");
            String xHost = headers.apply("X-Forwarded-Host");
            String xPort = headers.apply("X-Forwarded-Port");
            String xPrefix = headers.apply("X-Forwarded-Prefix");
            if (forwarded != null) {
                String first = forwarded.split(",", 2)[0];
                for (String pair : first.split(";")) {
                    int eq = pair.indexOf('=');
                    if (eq < 0) {
                        continue;
                    }
                    String name = pair.substring(0, eq).strip().toLowerCase(Locale.ROOT);
                    String value = unquote(pair.substring(eq + 1).strip());
                    if (name.equals("proto") && isScheme(value)) {
                        proto = value.toLowerCase(Locale.ROOT);
                    } else if (name.equals("host") && HOST.matcher(value).matches()) {
                        host = value;
                    }
                }
            } else {
                if (xProto != null && isScheme(first(xProto))) {
                    proto = first(xProto).toLowerCase(Locale.ROOT);
                }
                if (xHost != null && HOST.matcher(first(xHost)).matches()) {
                    host = first(xHost);
                }
                if (xPort != null && PORT.matcher(first(xPort)).matches() && host != null) {
                    host = withoutPort(host) + ":" + first(xPort);
                }
            }
            if (xPrefix != null && PREFIX.matcher(first(xPrefix)).matches()) {
                prefix = stripSlash(first(xPrefix));
            }
        }
        if (host == null || !HOST.matcher(host).matches()) {
            host = "localhost";
        }
        host = withoutDefaultPort(proto, host);
        return proto + "://" + host + prefix;
    }

    private static boolean isScheme(String value) {
        String v = value.toLowerCase(Locale.ROOT);
        return v.equals("http") || v.equals("https");
    }

    private static String first(String value) {
        return value.split(",", 2)[0].strip();
    }

    private static String unquote(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                ? value.substring(1, value.length() - 1) : value;
    }

    private static String withoutPort(String host) {
        int close = host.lastIndexOf(']');
        int colon = host.lastIndexOf(':');
        return colon > close ? host.substring(0, colon) : host;
    }

    private static String withoutDefaultPort(String proto, String host) {
        if ((proto.equals("https") && host.endsWith(":443")) || (proto.equals("http") && host.endsWith(":80"))) {
            return withoutPort(host);
        }
        return host;
    }

    private static String stripSlash(String value) {
        return value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
    }
}
