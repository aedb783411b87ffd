package io.bonafide.worker.internal;

import io.bonafide.audio.FrontEndResult;
import io.bonafide.audio.select.ChannelMode;
import io.bonafide.audio.select.Selection;
import io.bonafide.core.BonafideException;
import io.bonafide.core.ErrorType;
import io.bonafide.detection.AnalysisRequest;
import io.bonafide.detection.AnalysisResult;
import io.bonafide.detection.Analyzer;
import io.bonafide.detection.ChannelOutcome;
import io.bonafide.schemas.event.ChannelMedia;
import io.bonafide.schemas.event.ChannelOutput;
import io.bonafide.schemas.event.ErrorDetail;
import io.bonafide.schemas.event.MediaFacts;
import io.bonafide.schemas.event.ModelRef;
import io.bonafide.schemas.event.Operation;
import io.bonafide.schemas.event.Segment;
import io.bonafide.schemas.event.Timings;
import io.bonafide.schemas.event.VerificationError;
import io.bonafide.schemas.event.VerificationRequested;
import io.bonafide.schemas.event.VerificationResult;
import io.bonafide.schemas.event.VerificationStarted;
import io.bonafide.store.AudioStore;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Processes one verification request end to end on a processing thread: publishes the running
 * signal, reads the stored audio through the store's circuit breaker (retrying transient
 * faults with exponential backoff), checks its SHA-256, runs every installed operation in one
 * pass inside the bulkhead, charges the tenant's rate limiter with the audio seconds, and
 * publishes one result per finished operation and a typed error for each one that cannot run.
 * A transient fault publishes a retryable error and tries again; exhausted retries end as a
 * permanent error. Nothing thrown escapes except a failure to publish the outcome.
 */
public final class TaskProcessor {
    private static final Logger LOG = LoggerFactory.getLogger(TaskProcessor.class);

    /** Settings of the resilience around one task. */
    public record Settings(String workerId, int maxAttempts, Duration initialBackoff, Duration maxBackoff,
                           double audioSecondsPerSecond) {
    }

    private final Analyzer analyzer;
    private final AudioStore store;
    private final CircuitBreaker storeBreaker;
    private final Bulkhead bulkhead;
    private final RateLimiterRegistry rateLimiters;
    private final RetryConfig retryConfig;
    private final EventPublisher publisher;
    private final WorkerMetrics metrics;
    private final Settings settings;
    private final Clock clock;

    public TaskProcessor(Analyzer analyzer, AudioStore store, CircuitBreaker storeBreaker, Bulkhead bulkhead,
                         EventPublisher publisher, WorkerMetrics metrics, Settings settings, Clock clock) {
        this.analyzer = analyzer;
        this.store = store;
        this.storeBreaker = storeBreaker;
        this.bulkhead = bulkhead;
        this.publisher = publisher;
        this.metrics = metrics;
        this.settings = settings;
        this.clock = clock;
        this.retryConfig = RetryConfig.custom()
                .maxAttempts(settings.maxAttempts())
                .intervalFunction(IntervalFunction.ofExponentialRandomBackoff(settings.initialBackoff(), 2.0, 0.2,
                        settings.maxBackoff()))
                .retryOnException(e -> FaultClassifier.classify(e).kind() == FaultClassifier.Kind.TRANSIENT)
                .failAfterMaxAttempts(false)
                .build();
        double rate = settings.audioSecondsPerSecond();
        this.rateLimiters = rate > 0
                ? RateLimiterRegistry.of(RateLimiterConfig.custom()
                .limitRefreshPeriod(Duration.ofSeconds(1))
                .limitForPeriod(Math.max(1, (int) Math.ceil(rate)))
                .timeoutDuration(Duration.ofHours(24))
                .build())
                : null;
    }

    /** Processes one request; answers the outcome for metrics and logs. */
    public String process(VerificationRequested request) {
        Instant started = clock.instant();
        String task = request.getTaskId();
        AtomicInteger attempt = new AtomicInteger();
        try {
            publisher.started(VerificationStarted.newBuilder()
                    .setTaskId(task).setTenant(request.getTenant()).setOperations(request.getOperations())
                    .setAttempt(1).setWorkerId(settings.workerId()).setStartedAt(started)
                    .setCorrelationId(request.getCorrelationId()).setRequestId(request.getRequestId()).build());
            Retry retry = Retry.of("task-" + task, retryConfig);
            Supplier<Analysed> once = () -> {
                int n = attempt.incrementAndGet();
                try {
                    return analyse(request);
                } catch (RuntimeException e) {
                    FaultClassifier.Fault fault = FaultClassifier.classify(e);
                    if (fault.kind() == FaultClassifier.Kind.TRANSIENT && n < settings.maxAttempts()) {
                        metrics.retried();
                        LOG.warn("task {} attempt {} failed transiently, retrying (correlation {}): {}", task, n,
                                request.getCorrelationId(), fault.message());
                        publisher.error(error(request, null, fault, true, n));
                    }
                    throw e;
                }
            };
            Analysed analysed = Retry.decorateSupplier(retry, once).get();
            return publishOutcome(request, analysed, started);
        } catch (RuntimeException e) {
            FaultClassifier.Fault fault = FaultClassifier.classify(e);
            String outcome = fault.kind() == FaultClassifier.Kind.REJECTED ? "rejected" : "failed";
            if (fault.kind() == FaultClassifier.Kind.FAILED && !(e instanceof BonafideException)) {
                LOG.error("task {} failed (correlation {})", task, request.getCorrelationId(), e);
            } else {
                LOG.info("task {} {} after {} attempt(s) (correlation {}): {} {}", task, outcome, Math.max(1, attempt.get()),
                        request.getCorrelationId(), fault.type().wireName(), fault.message());
            }
            publisher.error(error(request, null, fault, false, Math.max(1, attempt.get())));
            metrics.task(outcome, Duration.between(started, clock.instant()), 0);
            return outcome;
        }
    }

    /** The analysis of one attempt, with where its time went. */
    private record Analysed(AnalysisResult result, List<io.bonafide.detection.Operation> missing, Instant startedAt,
                            long fetchMillis, long analysisMillis) {
    }

    private Analysed analyse(VerificationRequested request) {
        Instant startedAt = clock.instant();
        List<io.bonafide.detection.Operation> wanted = new ArrayList<>();
        List<io.bonafide.detection.Operation> missing = new ArrayList<>();
        for (Operation operation : request.getOperations()) {
            io.bonafide.detection.Operation op = io.bonafide.detection.Operation.valueOf(operation.name());
            (analyzer.detector(op).isPresent() ? wanted : missing).add(op);
        }
        Selection selection = selection(request);
        if (wanted.isEmpty()) {
            return new Analysed(null, missing, startedAt, 0, 0);
        }
        URI uri = URI.create(request.getAudio().getUri());
        long t0 = System.nanoTime();
        InputStream raw = storeBreaker.executeSupplier(() -> store.open(uri));
        long t1 = System.nanoTime();
        VerifyingInputStream verified = new VerifyingInputStream(raw);
        AnalysisRequest analysis = new AnalysisRequest(wanted, selection, request.getRawSegmentation(),
                request.getEmbeddings());
        AnalysisResult result;
        try {
            result = bulkhead.executeSupplier(() -> analyzer.analyse(verified, analysis));
        } catch (BonafideException e) {
            closeQuietly(verified);
            checkIntegrity(request, verified);
            throw e;
        }
        checkIntegrity(request, verified);
        long t2 = System.nanoTime();
        return new Analysed(result, missing, startedAt, (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000);
    }

    private static Selection selection(VerificationRequested request) {
        return new Selection(ChannelMode.valueOf(request.getChannelMode().name()),
                request.getChannels(),
                request.getStartTime() == null ? OptionalDouble.empty() : OptionalDouble.of(request.getStartTime()),
                request.getEndTime() == null ? OptionalDouble.empty() : OptionalDouble.of(request.getEndTime()));
    }

    private static void checkIntegrity(VerificationRequested request, VerifyingInputStream verified) {
        if (!verified.drained()) {
            return; // the stream broke off; the failure that follows says so
        }
        String expected = request.getAudio().getSha256();
        long size = request.getAudio().getSizeBytes();
        if (verified.count() != size || !verified.sha256().equalsIgnoreCase(expected)) {
            throw new BonafideException(ErrorType.REQUEST_CONFLICT,
                    "the stored audio does not match the request's sha256 and size",
                    Map.of("expected_sha256", expected, "expected_size", String.valueOf(size),
                            "stored_size", String.valueOf(verified.count())));
        }
    }

    private String publishOutcome(VerificationRequested request, Analysed analysed, Instant started) {
        double audioSeconds = 0;
        List<VerificationResult> results = new ArrayList<>();
        if (analysed.result() != null) {
            FrontEndResult media = analysed.result().media();
            audioSeconds = media.channels().stream().mapToDouble(FrontEndResult.ChannelReport::seconds).sum();
            chargeRateLimit(request.getTenant(), audioSeconds);
            MediaFacts facts = facts(media);
            Instant finished = clock.instant();
            for (AnalysisResult.OperationResult op : analysed.result().operations()) {
                results.add(VerificationResult.newBuilder()
                        .setTaskId(request.getTaskId()).setTenant(request.getTenant())
                        .setOperation(Operation.valueOf(op.operation().name()))
                        .setModel(ModelRef.newBuilder().setName(op.modelName()).setVersion(op.modelVersion()).build())
                        .setChannels(op.channels().stream().map(c -> output(c, request.getEmbeddings())).toList())
                        .setMedia(facts)
                        .setTimings(Timings.newBuilder().setStartedAt(analysed.startedAt()).setFinishedAt(finished)
                                .setDecodeMs(analysed.fetchMillis()).setInferenceMs(analysed.analysisMillis())
                                .setAudioSeconds(audioSeconds).build())
                        .setWorkerId(settings.workerId())
                        .setCorrelationId(request.getCorrelationId()).setRequestId(request.getRequestId())
                        .build());
            }
        }
        List<VerificationError> errors = analysed.missing().stream()
                .map(op -> error(request, Operation.valueOf(op.name()), new FaultClassifier.Fault(
                        FaultClassifier.Kind.FAILED, ErrorType.INTERNAL,
                        "no model is installed for " + op.apiName() + " on this worker"), false, 1))
                .toList();
        publisher.outcome(results, errors);
        results.forEach(r -> metrics.operation(r.getOperation().name().toLowerCase(java.util.Locale.ROOT), "done"));
        errors.forEach(e -> metrics.operation(e.getOperation().name().toLowerCase(java.util.Locale.ROOT), "failed"));
        String outcome = errors.isEmpty() ? "done" : "failed";
        metrics.task(outcome, Duration.between(started, clock.instant()), audioSeconds);
        LOG.info("task {} {}: {} result(s), {} error(s), {} s of audio (correlation {})", request.getTaskId(), outcome,
                results.size(), errors.size(), String.format(java.util.Locale.ROOT, "%.1f", audioSeconds),
                request.getCorrelationId());
        return outcome;
    }

    /** Waits for the tenant's permits: one per started second of audio, taken in chunks the limiter can grant. */
    private void chargeRateLimit(String tenant, double audioSeconds) {
        if (rateLimiters == null || audioSeconds <= 0) {
            return;
        }
        RateLimiter limiter = rateLimiters.rateLimiter("tenant-" + tenant);
        int perPeriod = limiter.getRateLimiterConfig().getLimitForPeriod();
        long t0 = System.nanoTime();
        for (int left = (int) Math.ceil(audioSeconds); left > 0; left -= perPeriod) {
            if (!limiter.acquirePermission(Math.min(left, perPeriod))) {
                throw new BonafideException(ErrorType.INTERNAL, "rate limiter refused permits for tenant " + tenant,
                        Map.of("tenant", tenant));
            }
        }
        metrics.rateLimitWait(Duration.ofNanos(System.nanoTime() - t0));
    }

    private static MediaFacts facts(FrontEndResult media) {
        return MediaFacts.newBuilder()
                .setFormat(media.info().format().wireName())
                .setDuration(media.durationSeconds())
                .setSampleRate(media.info().sampleRate())
                .setChannelCount(media.info().channelCount())
                .setChannels(media.channels().stream().map(c -> ChannelMedia.newBuilder()
                        .setChannelNumber(c.channelNumber()).setVoiceDuration(c.voicedSeconds()).build()).toList())
                .build();
    }

    private static ChannelOutput output(ChannelOutcome outcome, boolean embeddings) {
        List<Float> embedding = null;
        if (embeddings && outcome.embedding() != null) {
            float[] vector = outcome.embedding();
            embedding = new ArrayList<>(vector.length);
            for (float v : vector) {
                embedding.add(v);
            }
        }
        return ChannelOutput.newBuilder()
                .setChannelNumber(outcome.channelNumber())
                .setScore(outcome.score())
                .setSegments(outcome.segments().stream().map(s -> Segment.newBuilder().setStartTime(s.startTime())
                        .setEndTime(s.endTime()).setScore(s.score()).build()).toList())
                .setEmbedding(embedding)
                .build();
    }

    private VerificationError error(VerificationRequested request, Operation operation, FaultClassifier.Fault fault,
                                    boolean retryable, int attempt) {
        return VerificationError.newBuilder()
                .setTaskId(request.getTaskId()).setTenant(request.getTenant())
                .setOperation(operation)
                .setErrorType(fault.type().wireName())
                .setMessage(fault.message())
                .setDetails(List.of(ErrorDetail.newBuilder()
                        .setLocation(fault.context().containsKey("location")
                                ? List.of("query", fault.context().get("location")) : List.of())
                        .setMessage(fault.message())
                        .setType(fault.type().wireName())
                        .setContext(fault.context())
                        .build()))
                .setRetryable(retryable)
                .setAttempt(attempt)
                .setWorkerId(settings.workerId())
                .setOccurredAt(clock.instant())
                .setCorrelationId(request.getCorrelationId()).setRequestId(request.getRequestId())
                .build();
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException | UncheckedIOException ignored) {
            // the analysis failure is what the client hears about
        }
    }
}
