package io.bonafide.tasks.webhook.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The dispatcher's meters: {@code bonafide.webhooks.attempts} (counter, tag outcome),
 * {@code bonafide.webhooks.attempt.duration} (timer, tag outcome), {@code bonafide.webhooks.deliveries}
 * (delivered), {@code bonafide.webhooks.giveups} (tag reason), {@code bonafide.webhooks.endpoints.disabled},
 * {@code bonafide.webhooks.duplicates} (final states already handled) and the gauge
 * {@code bonafide.webhooks.retry.queue} (deliveries pending in this dispatcher).
 */
public final class WebhookMetrics {
    private final MeterRegistry registry;
    private final Counter deliveries;
    private final Counter disabled;
    private final Counter duplicates;
    private final AtomicInteger queue = new AtomicInteger();

    public WebhookMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.deliveries = Counter.builder("bonafide.webhooks.deliveries").description("Deliveries a receiver accepted (2xx)")
                .register(registry);
        this.disabled = Counter.builder("bonafide.webhooks.endpoints.disabled")
                .description("Endpoints disabled after 410 Gone").register(registry);
        this.duplicates = Counter.builder("bonafide.webhooks.duplicates")
                .description("Final task states seen again and not delivered again").register(registry);
        registry.gauge("bonafide.webhooks.retry.queue", queue);
    }

    public void attempt(AttemptOutcome outcome, Duration took) {
        registry.counter("bonafide.webhooks.attempts", "outcome", outcome.tag()).increment();
        Timer.builder("bonafide.webhooks.attempt.duration").tag("outcome", outcome.tag()).register(registry).record(took);
    }

    public void delivered() {
        deliveries.increment();
    }

    public void gaveUp(String reason) {
        registry.counter("bonafide.webhooks.giveups", "reason", reason).increment();
    }

    public void disabled() {
        disabled.increment();
    }

    public void duplicate() {
        duplicates.increment();
    }

    public void queue(int pending) {
        queue.set(pending);
    }
}
