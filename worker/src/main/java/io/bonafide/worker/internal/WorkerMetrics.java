package io.bonafide.worker.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The worker's own meters, named once here (Prometheus names in brackets):
 * tasks and operations done/failed/rejected ({@code bonafide_worker_tasks_total},
 * {@code bonafide_worker_operations_total}), processing time ({@code bonafide_worker_processing_seconds}),
 * audio seconds ({@code bonafide_worker_audio_seconds_total}), in-flight work now, its bound and
 * its high-water mark ({@code bonafide_worker_in_flight}, {@code _limit}, {@code _max}), paused
 * partitions, rate-limiter waits, retries, dead letters and rebalances. Resilience4j and Kafka
 * client meters (circuit state, consumer lag) are bound beside them by the worker.
 */
public final class WorkerMetrics {
    private final MeterRegistry registry;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger inFlightMax = new AtomicInteger();
    private final AtomicInteger pausedPartitions = new AtomicInteger();
    private final AtomicLong deadLettered = new AtomicLong();
    private final Counter rebalances;
    private final Counter retries;
    private final Timer rateLimitWaits;
    private final DistributionSummary audioSecondsPerTask;

    public WorkerMetrics(MeterRegistry registry, int inFlightLimit) {
        this.registry = registry;
        Gauge.builder("bonafide.worker.in.flight", inFlight, AtomicInteger::get)
                .description("Tasks accepted and not finished (running plus queued)").register(registry);
        Gauge.builder("bonafide.worker.in.flight.max", inFlightMax, AtomicInteger::get)
                .description("Highest in-flight count since start").register(registry);
        Gauge.builder("bonafide.worker.in.flight.limit", () -> inFlightLimit)
                .description("Configured bound on in-flight tasks").register(registry);
        Gauge.builder("bonafide.worker.paused.partitions", pausedPartitions, AtomicInteger::get)
                .description("Assigned partitions whose fetching is paused because in-flight work is at its bound")
                .register(registry);
        Gauge.builder("bonafide.worker.dead.lettered", deadLettered, AtomicLong::get)
                .description("Request records that could not be read and went to the dead-letter topic")
                .register(registry);
        this.rebalances = Counter.builder("bonafide.worker.partitions.assigned")
                .description("Partition assignments received (rebalances that gave this worker partitions)")
                .register(registry);
        this.retries = Counter.builder("bonafide.worker.retries")
                .description("Task attempts that failed transiently and were retried").register(registry);
        this.rateLimitWaits = Timer.builder("bonafide.worker.rate.limit.wait")
                .description("Time tasks waited for their tenant's audio-seconds permits").register(registry);
        this.audioSecondsPerTask = DistributionSummary.builder("bonafide.worker.task.audio.seconds")
                .baseUnit("seconds").description("Audio seconds per finished task").register(registry);
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** Sets the in-flight count, keeping the high-water mark. */
    public void inFlight(int now) {
        inFlight.set(now);
        inFlightMax.accumulateAndGet(now, Math::max);
    }

    public void pausedPartitions(int now) {
        pausedPartitions.set(now);
    }

    public void deadLettered(long total) {
        deadLettered.set(total);
    }

    public void assigned() {
        rebalances.increment();
    }

    public void retried() {
        retries.increment();
    }

    public void rateLimitWait(Duration waited) {
        rateLimitWaits.record(waited);
    }

    /** A task reached an outcome: done, failed or rejected. */
    public void task(String outcome, Duration took, double audioSeconds) {
        Counter.builder("bonafide.worker.tasks").tag("outcome", outcome)
                .description("Tasks finished, by outcome").register(registry).increment();
        Timer.builder("bonafide.worker.processing").tag("outcome", outcome)
                .description("Wall time from start of processing to the last published event of a task")
                .publishPercentileHistogram().register(registry).record(took);
        if (audioSeconds > 0) {
            Counter.builder("bonafide.worker.audio.seconds").description("Seconds of audio processed")
                    .register(registry).increment(audioSeconds);
            audioSecondsPerTask.record(audioSeconds);
        }
    }

    /** An operation reached an outcome: done or failed. */
    public void operation(String operation, String outcome) {
        Counter.builder("bonafide.worker.operations").tag("operation", operation).tag("outcome", outcome)
                .description("Operations finished, by operation and outcome").register(registry).increment();
    }
}
