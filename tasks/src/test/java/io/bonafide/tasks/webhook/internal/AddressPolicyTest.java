package io.bonafide.tasks.webhook.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AddressPolicyTest {

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
            "0.0.0.0, unspecified",
            "10.1.2.3, private",
            "100.64.0.1, shared",
            "127.0.0.1, loopback",
            "127.255.0.9, loopback",
            "169.254.169.254, link-local",
            "172.16.0.1, private",
            "172.31.255.255, private",
            "192.168.1.10, private",
            "224.0.0.251, multicast",
            "239.255.255.250, multicast",
            "255.255.255.255, reserved",
            "::, unspecified",
            "::1, loopback",
            "fe80::1, link-local",
            "fc00::1, unique-local",
            "fd12:3456::1, unique-local",
            "ff02::1, multicast",
            "::ffff:127.0.0.1, loopback",
            "::ffff:10.0.0.1, private",
            "::ffff:169.254.169.254, link-local",
            "64:ff9b::a9fe:a9fe, link-local",
            "2002:c0a8:0101::1, private",
            "::127.0.0.1, loopback",
            "8.8.8.8, public",
            "93.184.216.34, public",
            "172.32.0.1, public",
            "100.128.0.1, public",
            "2606:4700:4700::1111, public",
            "::ffff:8.8.8.8, public",
    })
    void shouldClassifyAddressesByRange(String address, String expected) throws UnknownHostException {
        assertThat(AddressPolicy.classify(InetAddress.getByName(address)).orElse("public")).isEqualTo(expected);
    }

    @Test
    void shouldRefuseAHostWhenAnyOfItsAddressesIsPrivate() {
        // Given a host that resolves to a public and a private address
        AddressPolicy policy = new AddressPolicy(List.of(), List.of(), table(Map.of(
                "mixed.example", List.of("93.184.216.34", "10.0.0.5"))));

        // Then it is refused, since the client may connect to either
        assertThatThrownBy(() -> policy.check("https://mixed.example/hook"))
                .isInstanceOf(AddressPolicy.RefusedTarget.class).hasMessageContaining("private address 10.0.0.5");
    }

    @Test
    void shouldAllowLoopbackOnlyWhenAnAllowlistedCidrCoversIt() throws Exception {
        AddressPolicy closed = new AddressPolicy(List.of(), List.of(), table(Map.of("localhost", List.of("127.0.0.1"))));
        AddressPolicy open = new AddressPolicy(List.of("127.0.0.1/32"), List.of(), table(Map.of("localhost", List.of("127.0.0.1"))));

        assertThatThrownBy(() -> closed.check("http://localhost:8080/hook")).hasMessageContaining("loopback");
        assertThat(open.check("http://localhost:8080/hook").addresses()).extracting(InetAddress::getHostAddress)
                .containsExactly("127.0.0.1");
    }

    @Test
    void shouldAllowAnAllowlistedHostWhateverItResolvesTo() throws Exception {
        AddressPolicy policy = new AddressPolicy(List.of(), List.of("Hooks.Internal"),
                table(Map.of("hooks.internal", List.of("10.20.0.7"))));

        assertThat(policy.check("https://hooks.internal/x").host()).isEqualTo("hooks.internal");
    }

    @Test
    void shouldRefuseSchemesOtherThanHttpAndHttps() {
        AddressPolicy policy = new AddressPolicy(List.of(), List.of(), table(Map.of("example.com", List.of("93.184.216.34"))));

        assertThatThrownBy(() -> policy.check("ftp://example.com/x")).hasMessageContaining("scheme 'ftp'");
        assertThatThrownBy(() -> policy.check("file:///etc/passwd")).isInstanceOf(AddressPolicy.RefusedTarget.class);
        assertThatThrownBy(() -> policy.check("http:///nohost")).hasMessageContaining("no host");
    }

    @Test
    void shouldRefuseALiteralIpv6LoopbackInBrackets() {
        AddressPolicy policy = AddressPolicy.withSystemResolver(List.of(), List.of());

        assertThatThrownBy(() -> policy.check("http://[::1]:9000/x")).hasMessageContaining("loopback");
        assertThatThrownBy(() -> policy.check("http://[::ffff:7f00:1]/x")).hasMessageContaining("loopback");
    }

    @Test
    void shouldParseCidrsAndRejectMalformedOnes() throws Exception {
        assertThat(AddressPolicy.Cidr.parse("10.20.0.0/16").contains(InetAddress.getByName("10.20.255.1"))).isTrue();
        assertThat(AddressPolicy.Cidr.parse("10.20.0.0/16").contains(InetAddress.getByName("10.21.0.1"))).isFalse();
        assertThat(AddressPolicy.Cidr.parse("fd00::/8").contains(InetAddress.getByName("fd00::5"))).isTrue();
        assertThatThrownBy(() -> AddressPolicy.Cidr.parse("10.0.0.0/33")).hasMessageContaining("prefix length 33");
        assertThatThrownBy(() -> AddressPolicy.Cidr.parse("example.com/8")).hasMessageContaining("not an IP address");
    }

    private static AddressPolicy.Resolver table(Map<String, List<String>> table) {
        return host -> {
            List<String> addresses = table.get(host);
            if (addresses == null) {
                throw new UnknownHostException(host);
            }
            InetAddress[] out = new InetAddress[addresses.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = InetAddress.getByName(addresses.get(i));
            }
            return out;
        };
    }
}
