package io.bonafide.gateway.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Per-tenant request limit over fixed windows of the injected clock: at most {@code limit}
 * requests per window, counted per gateway instance. Each decision carries what the
 * {@code x-ratelimit-*} headers report (limit, remaining, seconds to the window's reset), on
 * admitted and refused requests alike.
 */
public final class RequestRateLimiter {

    /** The outcome for one request. */
    public record Decision(boolean allowed, int limit, int remaining, long resetSeconds) {
    }

    private final int limit;
    private final long periodMillis;
    private final Clock clock;
    private final ConcurrentMap<String, Window> windows = new ConcurrentHashMap<>();

    /** {@code limit} 0 turns limiting off. */
    public RequestRateLimiter(int limit, Duration period, Clock clock) {
        if (limit < 0 || period.isZero() || period.isNegative()) {
            throw new IllegalArgumentException("limit must be >= 0 and period positive, were " + limit + ", " + period);
        }
        this.limit = limit;
        this.periodMillis = period.toMillis();
        this.clock = clock;
    }

    public boolean enabled() {
        return limit > 0;
    }

    /** Counts one request of {@code tenant} and says whether it may pass. */
    public Decision acquire(String tenant) {
        long now = clock.millis();
        long start = now - Math.floorMod(now, periodMillis);
        Window window = windows.compute(tenant, (t, w) -> w == null || w.start != start ? new Window(start) : w);
        long resetSeconds = Math.max(1, (start + periodMillis - now + 999) / 1000);
        synchronized (window) {
            if (window.used >= limit) {
                return new Decision(false, limit, 0, resetSeconds);
            }
            window.used++;
            return new Decision(true, limit, limit - window.used, resetSeconds);
        }
    }

    private static final class Window {
        final long start;
        int used;

        Window(long start) {
            this.start = start;
        }
    }
}
