package io.bonafide.tasks.webhook.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RetryScheduleTest {
    private static final List<Duration> DEFAULT = RetrySchedule.parseDelays(
            List.of("5s", "30s", "2m", "10m", "30m", "1h", "2h", "4h"));

    @Test
    void shouldKeepEveryJitteredDelayWithinTwentyPercentOfItsNominalValue() {
        // Given the default schedule with ±20% jitter and a seeded random source
        RetrySchedule schedule = new RetrySchedule(DEFAULT, 0.2, new Random(42));

        // When a thousand delays of every retry are drawn
        for (int retry = 1; retry <= 12; retry++) {
            long nominal = schedule.nominal(retry).toMillis();
            long min = Long.MAX_VALUE;
            long max = 0;
            for (int i = 0; i < 1000; i++) {
                long delay = schedule.delay(retry).toMillis();
                min = Math.min(min, delay);
                max = Math.max(max, delay);
            }
            // Then each lies within ±20%, and the jitter actually spreads them
            assertThat(min).isGreaterThanOrEqualTo(Math.round(nominal * 0.8));
            assertThat(max).isLessThanOrEqualTo(Math.round(nominal * 1.2));
            assertThat(max - min).isGreaterThan(nominal / 4);
        }
    }

    @Test
    void shouldRepeatTheLastDelayAfterTheScheduleRunsOut() {
        RetrySchedule schedule = new RetrySchedule(DEFAULT, 0.2, new Random(1));

        assertThat(schedule.nominal(1)).isEqualTo(Duration.ofSeconds(5));
        assertThat(schedule.nominal(8)).isEqualTo(Duration.ofHours(4));
        assertThat(schedule.nominal(15)).isEqualTo(Duration.ofHours(4));
    }

    @Test
    void shouldDrawTheSameDelaysFromTheSameSeed() {
        assertThat(draws(7)).isEqualTo(draws(7)).isNotEqualTo(draws(8));
    }

    @Test
    void shouldParseDelayUnitsAndRejectNonsense() {
        assertThat(RetrySchedule.parseDelays(List.of("250ms", "2s", "3m", "1h")))
                .containsExactly(Duration.ofMillis(250), Duration.ofSeconds(2), Duration.ofMinutes(3), Duration.ofHours(1));
        assertThatThrownBy(() -> RetrySchedule.parseDelays(List.of("5 fortnights"))).hasMessageContaining("5 fortnights");
        assertThatThrownBy(() -> RetrySchedule.parseDelays(List.of("0s"))).hasMessageContaining("positive");
        assertThatThrownBy(() -> RetrySchedule.parseDelays(List.of())).hasMessageContaining("at least one");
    }

    private static List<Duration> draws(long seed) {
        RetrySchedule schedule = new RetrySchedule(DEFAULT, 0.2, new Random(seed));
        List<Duration> out = new ArrayList<>();
        for (int retry = 1; retry <= 10; retry++) {
            out.add(schedule.delay(retry));
        }
        return out;
    }
}
