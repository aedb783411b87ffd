package io.bonafide.worker.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.bonafide.audio.MediaException;
import io.bonafide.core.ErrorType;
import io.bonafide.store.StoreException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

class FaultClassifierTest {

    @Test
    void shouldRetryAStoreThatDoesNotAnswerAndAnOpenBreaker() {
        assertThat(FaultClassifier.classify(StoreException.unavailable("down", Map.of(), null)).kind())
                .isEqualTo(FaultClassifier.Kind.TRANSIENT);
        CircuitBreaker breaker = CircuitBreaker.ofDefaults("store");
        breaker.transitionToOpenState();
        assertThat(FaultClassifier.classify(CallNotPermittedException.createCallNotPermittedException(breaker)).kind())
                .isEqualTo(FaultClassifier.Kind.TRANSIENT);
        assertThat(FaultClassifier.classify(new UncheckedIOException(new IOException("reset"))).kind())
                .isEqualTo(FaultClassifier.Kind.TRANSIENT);
        assertThat(FaultClassifier.classify(new TimeoutException("broker")).kind())
                .isEqualTo(FaultClassifier.Kind.TRANSIENT);
    }

    @Test
    void shouldRejectInputThatCanNeverBeProcessed() {
        FaultClassifier.Fault fault = FaultClassifier.classify(new MediaException(ErrorType.MEDIA_CHANNEL_OUT_OF_RANGE,
                "channel 3 requested, the file has 2", Map.of("channel_count", "2"), null));

        assertThat(fault.kind()).isEqualTo(FaultClassifier.Kind.REJECTED);
        assertThat(fault.type()).isEqualTo(ErrorType.MEDIA_CHANNEL_OUT_OF_RANGE);
        assertThat(fault.context()).containsEntry("channel_count", "2");
    }

    @Test
    void shouldFailForGoodOnAMissingObjectAndOnBugs() {
        assertThat(FaultClassifier.classify(StoreException.permanent(ErrorType.RESOURCE_NOT_FOUND, "gone", Map.of(), null)))
                .satisfies(f -> {
                    assertThat(f.kind()).isEqualTo(FaultClassifier.Kind.FAILED);
                    assertThat(f.type()).isEqualTo(ErrorType.RESOURCE_NOT_FOUND);
                });
        assertThat(FaultClassifier.classify(new IllegalStateException("bug")))
                .satisfies(f -> {
                    assertThat(f.kind()).isEqualTo(FaultClassifier.Kind.FAILED);
                    assertThat(f.type()).isEqualTo(ErrorType.INTERNAL);
                    assertThat(f.message()).doesNotContain("bug");
                });
    }
}
