package io.bonafide.tasks.webhook.internal;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The SSRF guard of webhook targets. A target must be {@code http} or {@code https} with a host;
 * its host is resolved once and every address it resolves to is classified: private, loopback,
 * link-local, unique-local, multicast, unspecified and other non-public ranges (IPv4 and IPv6,
 * with IPv4 embedded in IPv4-mapped, IPv4-compatible, NAT64 and 6to4 IPv6 addresses judged as
 * the IPv4 address) are refused unless an allowlisted CIDR covers the address or the host is
 * allowlisted by name. One blocked address refuses the target, because the client may connect to
 * any of them.
 */
public final class AddressPolicy {
    private static final List<Named> BLOCKED = List.of(
            new Named("unspecified", Cidr.parse("0.0.0.0/8")),
            new Named("private", Cidr.parse("10.0.0.0/8")),
            new Named("shared", Cidr.parse("100.64.0.0/10")),
            new Named("loopback", Cidr.parse("127.0.0.0/8")),
            new Named("link-local", Cidr.parse("169.254.0.0/16")),
            new Named("private", Cidr.parse("172.16.0.0/12")),
            new Named("reserved", Cidr.parse("192.0.0.0/24")),
            new Named("documentation", Cidr.parse("192.0.2.0/24")),
            new Named("private", Cidr.parse("192.168.0.0/16")),
            new Named("benchmarking", Cidr.parse("198.18.0.0/15")),
            new Named("documentation", Cidr.parse("198.51.100.0/24")),
            new Named("documentation", Cidr.parse("203.0.113.0/24")),
            new Named("multicast", Cidr.parse("224.0.0.0/4")),
            new Named("reserved", Cidr.parse("240.0.0.0/4")),
            new Named("unspecified", Cidr.parse("::/128")),
            new Named("loopback", Cidr.parse("::1/128")),
            new Named("unique-local", Cidr.parse("fc00::/7")),
            new Named("link-local", Cidr.parse("fe80::/10")),
            new Named("site-local", Cidr.parse("fec0::/10")),
            new Named("multicast", Cidr.parse("ff00::/8")),
            new Named("documentation", Cidr.parse("2001:db8::/32")),
            new Named("discard", Cidr.parse("100::/64")));
    private static final Cidr MAPPED = Cidr.parse("::ffff:0:0/96");
    private static final Cidr COMPATIBLE = Cidr.parse("::/96");
    private static final Cidr NAT64 = Cidr.parse("64:ff9b::/96");
    private static final Cidr SIX_TO_FOUR = Cidr.parse("2002::/16");

    private final List<Cidr> allowedCidrs;
    private final Set<String> allowedHosts;
    private final Resolver resolver;

    /** Resolves host names; tests pass a table instead of DNS. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    public AddressPolicy(List<String> allowedCidrs, List<String> allowedHosts, Resolver resolver) {
        this.allowedCidrs = allowedCidrs.stream().map(Cidr::parse).toList();
        this.allowedHosts = allowedHosts.stream().map(h -> h.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        this.resolver = resolver;
    }

    /** A policy that resolves through the JVM's resolver. */
    public static AddressPolicy withSystemResolver(List<String> allowedCidrs, List<String> allowedHosts) {
        return new AddressPolicy(allowedCidrs, allowedHosts, InetAddress::getAllByName);
    }

    /** A target that passed the guard, with the addresses it was checked against. */
    public record Target(URI uri, String host, List<InetAddress> addresses) {
    }

    /** Why a target was refused; permanent, so the delivery is given up. */
    public static final class RefusedTarget extends Exception {
        private static final long serialVersionUID = 1L;

        public RefusedTarget(String reason) {
            super(reason);
        }
    }

    /**
     * Checks {@code url} and resolves its host once.
     *
     * @throws RefusedTarget         when the scheme, the host or one of its addresses is not allowed
     * @throws UnknownHostException  when the host does not resolve now (retried: DNS may come back)
     */
    public Target check(String url) throws RefusedTarget, UnknownHostException {
        URI uri;
        try {
            uri = new URI(url);
        } catch (java.net.URISyntaxException e) {
            throw new RefusedTarget("not a URI");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new RefusedTarget("scheme '" + scheme + "' is not http or https");
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            throw new RefusedTarget("no host");
        }
        String bareHost = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        InetAddress[] addresses = resolver.resolve(bareHost);
        if (!allowedHosts.contains(bareHost.toLowerCase(Locale.ROOT))) {
            for (InetAddress address : addresses) {
                Optional<String> blocked = classify(address);
                if (blocked.isPresent() && allowedCidrs.stream().noneMatch(c -> c.contains(address))) {
                    throw new RefusedTarget("host resolves to a " + blocked.get() + " address " + address.getHostAddress()
                            + " that is not allowlisted");
                }
            }
        }
        return new Target(uri, bareHost, List.of(addresses));
    }

    /** The non-public range {@code address} lies in (e.g. "loopback"), or empty for a public address. */
    public static Optional<String> classify(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (address instanceof Inet6Address) {
            // IPv6 forms that carry an IPv4 address reach that IPv4 host: judge the IPv4 address.
            if (MAPPED.contains(bytes) || NAT64.contains(bytes)
                    || (COMPATIBLE.contains(bytes) && !isAllZeroOrOne(bytes))) {
                return classify(v4(Arrays.copyOfRange(bytes, 12, 16)));
            }
            if (SIX_TO_FOUR.contains(bytes)) {
                return classify(v4(Arrays.copyOfRange(bytes, 2, 6)));
            }
        }
        for (Named range : BLOCKED) {
            if (range.cidr.contains(bytes)) {
                return Optional.of(range.name);
            }
        }
        if (address instanceof Inet4Address && Arrays.equals(bytes, new byte[] {-1, -1, -1, -1})) {
            return Optional.of("broadcast");
        }
        return Optional.empty();
    }

    private static boolean isAllZeroOrOne(byte[] bytes) {
        for (int i = 0; i < 15; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return bytes[15] == 0 || bytes[15] == 1;
    }

    private static InetAddress v4(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are always an IPv4 address", e);
        }
    }

    private record Named(String name, Cidr cidr) {
    }

    /** An address range in CIDR notation, IPv4 or IPv6; a bare address is a /32 or /128. */
    public record Cidr(byte[] network, int prefix) {

        /** Parses {@code a.b.c.d/n} or {@code v6::/n}; only literals, never a DNS lookup. */
        public static Cidr parse(String text) {
            String trimmed = text.trim();
            int slash = trimmed.indexOf('/');
            String address = slash < 0 ? trimmed : trimmed.substring(0, slash);
            if (!address.contains(":") && !address.matches("[0-9.]+")) {
                throw new IllegalArgumentException("'" + trimmed + "' is not an IP address or CIDR");
            }
            byte[] bytes;
            try {
                bytes = InetAddress.getByName(address).getAddress();
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("'" + trimmed + "' is not an IP address or CIDR");
            }
            if (address.contains(":") && bytes.length == 4) {
                // The JDK folds ::ffff:a.b.c.d into IPv4; keep the IPv6 form so that the prefix length fits.
                byte[] mapped = new byte[16];
                mapped[10] = -1;
                mapped[11] = -1;
                System.arraycopy(bytes, 0, mapped, 12, 4);
                bytes = mapped;
            }
            int prefix;
            try {
                prefix = slash < 0 ? bytes.length * 8 : Integer.parseInt(trimmed.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + trimmed + "' has no numeric prefix length");
            }
            if (prefix < 0 || prefix > bytes.length * 8) {
                throw new IllegalArgumentException("'" + trimmed + "' has prefix length " + prefix + ", outside 0.."
                        + bytes.length * 8);
            }
            return new Cidr(bytes, prefix);
        }

        public boolean contains(InetAddress address) {
            return contains(address.getAddress());
        }

        boolean contains(byte[] candidate) {
            if (candidate.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (candidate[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xFF << (8 - rest)) & 0xFF;
            return (candidate[full] & mask) == (network[full] & mask);
        }
    }
}
