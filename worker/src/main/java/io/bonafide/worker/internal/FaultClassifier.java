package io.bonafide.worker.internal;

import io.bonafide.core.BonafideException;
import io.bonafide.core.ErrorType;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.kafka.common.errors.RetriableException;

/**
 * The one place that decides what a failure means for a task: try again later (transient),
 * reject the input for good, or fail the task for good. Everything else in the worker asks here.
 */
public final class FaultClassifier {
    private FaultClassifier() {
    }

    /** What a failure means. */
    public enum Kind {
        /** Store or broker unreachable, breaker open, bulkhead full: retry with backoff. */
        TRANSIENT,
        /** The input can never be processed as asked (undecodable media, channel out of range…): task rejected. */
        REJECTED,
        /** Anything else: the operation failed for good. */
        FAILED
    }

    /** A classified failure with the SPEC error type and a message safe to show the client. */
    public record Fault(Kind kind, ErrorType type, String message, java.util.Map<String, String> context) {
        public Fault(Kind kind, ErrorType type, String message) {
            this(kind, type, message, java.util.Map.of());
        }
    }

    public static Fault classify(Throwable failure) {
        if (failure instanceof CallNotPermittedException) {
            return new Fault(Kind.TRANSIENT, ErrorType.INTERNAL, "the audio store is unavailable (circuit breaker open)");
        }
        if (failure instanceof BulkheadFullException) {
            return new Fault(Kind.TRANSIENT, ErrorType.INTERNAL, "the worker is at capacity");
        }
        if (failure instanceof BonafideException bonafide) {
            Kind kind = bonafide.retriable() ? Kind.TRANSIENT
                    : bonafide.type().rejectsInput() ? Kind.REJECTED : Kind.FAILED;
            return new Fault(kind, bonafide.type(), bonafide.plainMessage(), bonafide.context());
        }
        if (failure instanceof UncheckedIOException || failure instanceof IOException) {
            // Reading the stored audio broke off mid-stream: the store, not the input.
            return new Fault(Kind.TRANSIENT, ErrorType.INTERNAL, "reading the stored audio failed: " + failure.getMessage());
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof RetriableException) {
                return new Fault(Kind.TRANSIENT, ErrorType.INTERNAL, "the message bus is unavailable: " + t.getMessage());
            }
        }
        return new Fault(Kind.FAILED, ErrorType.INTERNAL, "internal error (" + failure.getClass().getSimpleName() + ")");
    }
}
