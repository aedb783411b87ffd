package io.bonafide.tasks.webhook.internal;

import java.time.Duration;
import java.time.Instant;

/**
 * Decides what follows an attempt: 2xx delivers; 410 Gone disables the endpoint; 429 and 503
 * retry after the receiver's Retry-After (bounded by {@code retryAfterMax}; the schedule's delay
 * when absent); other 4xx and 3xx retry on the schedule until {@code clientErrorMaxAttempts}
 * attempts, then give up; 5xx, timeouts and connection errors retry on the schedule; a refused
 * target (SSRF guard, scheme) gives up at once. Every retry is also bounded by
 * {@code maxAttempts} and by the horizon measured from the first attempt.
 */
public final class DeliveryPolicy {
    private final RetrySchedule schedule;
    private final int maxAttempts;
    private final int clientErrorMaxAttempts;
    private final Duration horizon;
    private final Duration retryAfterMax;

    public DeliveryPolicy(RetrySchedule schedule, int maxAttempts, int clientErrorMaxAttempts, Duration horizon,
                          Duration retryAfterMax) {
        this.schedule = schedule;
        this.maxAttempts = maxAttempts;
        this.clientErrorMaxAttempts = clientErrorMaxAttempts;
        this.horizon = horizon;
        this.retryAfterMax = retryAfterMax;
    }

    /** What to do next. */
    public sealed interface Decision permits Delivered, Disable, Retry, GiveUp {
    }

    /** The receiver took it. */
    public record Delivered() implements Decision {
    }

    /** The endpoint answered 410 Gone: no more attempts to it, for any task. */
    public record Disable() implements Decision {
    }

    /** Try again at {@code at}, {@code delay} from now. */
    public record Retry(Instant at, Duration delay) implements Decision {
    }

    /** No more attempts; {@code reason} is the metrics/log label. */
    public record GiveUp(String reason) implements Decision {
    }

    /**
     * @param outcome   what the attempt came to
     * @param attempts  attempts made so far, this one included
     * @param firstAt   when the first attempt started
     * @param now       now
     */
    public Decision decide(AttemptOutcome outcome, int attempts, Instant firstAt, Instant now) {
        Duration delay;
        switch (outcome.kind()) {
            case SUCCESS:
                return new Delivered();
            case GONE:
                return new Disable();
            case REFUSED:
                return new GiveUp("refused");
            case CLIENT_ERROR:
                if (attempts >= clientErrorMaxAttempts) {
                    return new GiveUp("client_error");
                }
                delay = schedule.delay(attempts);
                break;
            case THROTTLED:
                delay = outcome.retryAfter()
                        .map(d -> d.compareTo(retryAfterMax) > 0 ? retryAfterMax : d)
                        .orElseGet(() -> schedule.delay(attempts));
                break;
            default:
                delay = schedule.delay(attempts);
        }
        if (attempts >= maxAttempts) {
            return new GiveUp("max_attempts");
        }
        Instant at = now.plus(delay);
        if (at.isAfter(firstAt.plus(horizon))) {
            return new GiveUp("horizon");
        }
        return new Retry(at, delay);
    }
}
