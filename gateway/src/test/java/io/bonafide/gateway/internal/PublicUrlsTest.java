package io.bonafide.gateway.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PublicUrlsTest {

    private static String base(PublicUrls urls, Map<String, String> headers) {
        return urls.base("http", "10.0.0.5:8080", headers::get);
    }

    @Test
    void shouldUseTheRequestsOwnHostWhenForwardedHeadersAreNotTrusted() {
        assertThat(base(new PublicUrls("", false), Map.of("X-Forwarded-Host", "evil.example")))
                .isEqualTo("http://10.0.0.5:8080");
    }

    @Test
    void shouldFollowTrustedXForwardedHeadersAndDropDefaultPorts() {
        PublicUrls urls = new PublicUrls("", true);
        assertThat(base(urls, Map.of("X-Forwarded-Proto", "https", "X-Forwarded-Host", "api.example.com",
                "X-Forwarded-Port", "443", "X-Forwarded-Prefix", "/bonafide/"))).isEqualTo("https://api.example.com/bonafide");
        assertThat(base(urls, Map.of("Forwarded", "for=1.2.3.4;proto=https;host=\"v.example.org:8443\", for=5.6.7.8")))
                .isEqualTo("https://v.example.org:8443");
    }

    @Test
    void shouldIgnoreForwardedValuesThatCouldInjectIntoTheUrl() {
        PublicUrls urls = new PublicUrls("", true);
        assertThat(base(urls, Map.of("X-Forwarded-Proto", "javascript", "X-Forwarded-Host", "a.example/evil?x",
                "X-Forwarded-Prefix", "/../x?y"))).isEqualTo("http://10.0.0.5:8080");
    }

    @Test
    void shouldPreferTheConfiguredBase() {
        assertThat(base(new PublicUrls("https://public.example/api/", true), Map.of("X-Forwarded-Host", "x.example")))
                .isEqualTo("https://public.example/api");
    }
}
