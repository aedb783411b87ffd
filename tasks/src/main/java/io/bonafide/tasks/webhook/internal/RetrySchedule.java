package io.bonafide.tasks.webhook.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * When the next attempt of a delivery is due: the n-th retry waits the n-th configured delay
 * (the last delay repeats), scaled by a uniform factor in {@code [1 - jitter, 1 + jitter]} drawn
 * from the given random source, so that tests can seed it and receivers coming back are not
 * hit by every dispatcher at the same instant.
 */
public final class RetrySchedule {
    private final List<Duration> delays;
    private final double jitter;
    private final Random random;

    public RetrySchedule(List<Duration> delays, double jitter, Random random) {
        if (delays.isEmpty()) {
            throw new IllegalArgumentException("the retry schedule needs at least one delay");
        }
        if (jitter < 0 || jitter >= 1) {
            throw new IllegalArgumentException("jitter must be in [0, 1), was " + jitter);
        }
        this.delays = List.copyOf(delays);
        this.jitter = jitter;
        this.random = random;
    }

    /** The nominal delay before retry {@code retry} (1 = the first retry), without jitter. */
    public Duration nominal(int retry) {
        return delays.get(Math.min(Math.max(retry, 1), delays.size()) - 1);
    }

    /** The delay before retry {@code retry}, jittered. */
    public synchronized Duration delay(int retry) {
        long nominal = nominal(retry).toMillis();
        double factor = 1 + jitter * (2 * random.nextDouble() - 1);
        return Duration.ofMillis(Math.max(0, Math.round(nominal * factor)));
    }

    /** Parses delays such as {@code 500ms}, {@code 5s}, {@code 2m}, {@code 1h}. */
    public static List<Duration> parseDelays(List<String> texts) {
        if (texts.isEmpty()) {
            throw new IllegalArgumentException("at least one delay is required");
        }
        List<Duration> out = new ArrayList<>();
        for (String text : texts) {
            out.add(parseDelay(text));
        }
        return out;
    }

    static Duration parseDelay(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        String unit = t.endsWith("ms") ? "ms" : t.isEmpty() ? "" : t.substring(t.length() - 1);
        long amount;
        try {
            amount = Long.parseLong(t.substring(0, t.length() - unit.length()));
        } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
            throw new IllegalArgumentException("'" + text + "' is not a delay such as 500ms, 5s, 2m or 1h");
        }
        if (amount <= 0) {
            throw new IllegalArgumentException("'" + text + "' must be positive");
        }
        return switch (unit) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> throw new IllegalArgumentException("'" + text + "' is not a delay such as 500ms, 5s, 2m or 1h");
        };
    }
}
