package io.bonafide.tasks.webhook.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DeliveryPolicyTest {
    private static final Instant FIRST = Instant.parse("2026-11-22T10:00:00Z");
    private final DeliveryPolicy policy = new DeliveryPolicy(
            new RetrySchedule(List.of(Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofMinutes(2)), 0.0, new Random(1)),
            5, 3, Duration.ofMinutes(10), Duration.ofMinutes(1));

    @Test
    void shouldDisableTheEndpointWhenItAnswersGone() {
        // Given a first attempt answered 410 Gone
        AttemptOutcome gone = AttemptOutcome.ofStatus(410, Optional.empty());

        // Then the endpoint is disabled at once, with no retry
        assertThat(policy.decide(gone, 1, FIRST, FIRST)).isInstanceOf(DeliveryPolicy.Disable.class);
    }

    @Test
    void shouldDeliverOnAny2xx() {
        assertThat(policy.decide(AttemptOutcome.ofStatus(204, Optional.empty()), 1, FIRST, FIRST))
                .isInstanceOf(DeliveryPolicy.Delivered.class);
    }

    @ParameterizedTest
    @ValueSource(ints = {429, 503})
    void shouldHonourRetryAfterOnThrottling(int status) {
        AttemptOutcome throttled = AttemptOutcome.ofStatus(status, Optional.of(Duration.ofSeconds(42)));

        assertThat(policy.decide(throttled, 1, FIRST, FIRST))
                .isEqualTo(new DeliveryPolicy.Retry(FIRST.plusSeconds(42), Duration.ofSeconds(42)));
    }

    @Test
    void shouldBoundAnExcessiveRetryAfter() {
        AttemptOutcome throttled = AttemptOutcome.ofStatus(429, Optional.of(Duration.ofDays(3)));

        assertThat(policy.decide(throttled, 1, FIRST, FIRST))
                .isEqualTo(new DeliveryPolicy.Retry(FIRST.plus(Duration.ofMinutes(1)), Duration.ofMinutes(1)));
    }

    @Test
    void shouldFollowTheScheduleWhenAThrottlingAnswerHasNoRetryAfter() {
        assertThat(policy.decide(AttemptOutcome.ofStatus(503, Optional.empty()), 2, FIRST, FIRST))
                .isEqualTo(new DeliveryPolicy.Retry(FIRST.plusSeconds(30), Duration.ofSeconds(30)));
    }

    @Test
    void shouldIgnoreRetryAfterOnOtherStatuses() {
        assertThat(policy.decide(AttemptOutcome.ofStatus(500, Optional.of(Duration.ofSeconds(42))), 1, FIRST, FIRST))
                .isEqualTo(new DeliveryPolicy.Retry(FIRST.plusSeconds(5), Duration.ofSeconds(5)));
    }

    @Test
    void shouldGiveUpOnAClientErrorAfterTheConfiguredAttempts() {
        AttemptOutcome badRequest = AttemptOutcome.ofStatus(400, Optional.empty());

        assertThat(policy.decide(badRequest, 2, FIRST, FIRST)).isInstanceOf(DeliveryPolicy.Retry.class);
        assertThat(policy.decide(badRequest, 3, FIRST, FIRST)).isEqualTo(new DeliveryPolicy.GiveUp("client_error"));
    }

    @Test
    void shouldTreatARedirectAsAClientError() {
        assertThat(AttemptOutcome.ofStatus(302, Optional.empty()).kind()).isEqualTo(AttemptOutcome.Kind.CLIENT_ERROR);
    }

    @Test
    void shouldRetryServerErrorsTimeoutsAndConnectionFailuresUntilMaxAttempts() {
        for (AttemptOutcome outcome : List.of(AttemptOutcome.ofStatus(502, Optional.empty()),
                AttemptOutcome.failure(AttemptOutcome.Kind.TIMEOUT, "t"),
                AttemptOutcome.failure(AttemptOutcome.Kind.CONNECT_ERROR, "c"))) {
            assertThat(policy.decide(outcome, 4, FIRST, FIRST)).isInstanceOf(DeliveryPolicy.Retry.class);
            assertThat(policy.decide(outcome, 5, FIRST, FIRST)).isEqualTo(new DeliveryPolicy.GiveUp("max_attempts"));
        }
    }

    @Test
    void shouldGiveUpWhenTheNextAttemptWouldFallBeyondTheHorizon() {
        Instant late = FIRST.plus(Duration.ofMinutes(9));

        assertThat(policy.decide(AttemptOutcome.ofStatus(500, Optional.empty()), 3, FIRST, late))
                .isEqualTo(new DeliveryPolicy.GiveUp("horizon"));
    }

    @Test
    void shouldGiveUpAtOnceOnARefusedTarget() {
        assertThat(policy.decide(AttemptOutcome.failure(AttemptOutcome.Kind.REFUSED, "loopback"), 1, FIRST, FIRST))
                .isEqualTo(new DeliveryPolicy.GiveUp("refused"));
    }
}
