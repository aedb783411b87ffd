package io.bonafide.gateway.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RequestRateLimiterTest {
    private final AtomicLong now = new AtomicLong(Instant.parse("2026-01-01T00:00:00Z").toEpochMilli());
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(now.get());
        }
    };

    @Test
    void shouldAdmitTheLimitPerWindowPerTenantAndResetWithTheWindow() {
        // Given 3 requests per 10 s
        RequestRateLimiter limiter = new RequestRateLimiter(3, Duration.ofSeconds(10), clock);
        now.addAndGet(4_000);

        // When a tenant makes 4 requests 4 s into a window
        assertThat(limiter.acquire("a").remaining()).isEqualTo(2);
        assertThat(limiter.acquire("a").remaining()).isEqualTo(1);
        assertThat(limiter.acquire("a").allowed()).isTrue();
        RequestRateLimiter.Decision refused = limiter.acquire("a");

        // Then the 4th is refused until the window resets in 6 s; another tenant is not affected
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.remaining()).isZero();
        assertThat(refused.resetSeconds()).isEqualTo(6);
        assertThat(limiter.acquire("b").allowed()).isTrue();
        now.addAndGet(6_000);
        assertThat(limiter.acquire("a").allowed()).isTrue();
    }

    @Test
    void shouldBeOffAtZero() {
        assertThat(new RequestRateLimiter(0, Duration.ofSeconds(1), clock).enabled()).isFalse();
    }
}
