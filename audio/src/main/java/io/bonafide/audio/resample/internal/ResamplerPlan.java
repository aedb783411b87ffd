package io.bonafide.audio.resample.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Chooses the stages that take one rate to another at the lowest cost for a fixed quality:
 * the band kept is {@code [0, 7/8 * B]} and the band removed starts at {@code B}, where
 * {@code B} is half the lower of the two rates (7 kHz and 8 kHz for a 16 kHz output).
 * Downsampling may first halve the rate with half-band filters (every other tap is zero),
 * as many times as pays off in multiply-adds per second, so that the one sharp filter runs at
 * the lowest rate that still leaves room for its transition. Filter banks are cached, as they
 * cost milliseconds to build and are shared by every channel at the same rates.
 */
public final class ResamplerPlan {
    /** Stopband attenuation the sharp final filter is designed for, in dB. */
    public static final double FINAL_ATTENUATION_DB = 92;
    /** Stopband attenuation of the half-band pre-decimators, in dB (cheap, so kept well above the final). */
    public static final double HALF_BAND_ATTENUATION_DB = 100;
    /** Passband edge as a fraction of the band edge {@code B}. */
    public static final double PASS_FRACTION = 0.875;
    /** Largest exact polyphase bank built; larger ratios use an interpolated-phase table. */
    static final long MAX_BANK_COEFFICIENTS = 1L << 21;
    private static final int CACHE_SIZE = 24;

    private static final Map<List<Object>, PolyphaseBank> BANKS = Collections.synchronizedMap(
            new LinkedHashMap<>(32, 0.75f, true) {
                private static final long serialVersionUID = 1L;

                @Override
                protected boolean removeEldestEntry(Map.Entry<List<Object>, PolyphaseBank> eldest) {
                    return size() > CACHE_SIZE;
                }
            });

    private final int inputRate;
    private final int outputRate;
    private final int halvings;

    private ResamplerPlan(int inputRate, int outputRate, int halvings) {
        this.inputRate = inputRate;
        this.outputRate = outputRate;
        this.halvings = halvings;
    }

    public static ResamplerPlan of(int inputRate, int outputRate) {
        if (inputRate <= outputRate) {
            return new ResamplerPlan(inputRate, outputRate, 0);
        }
        int best = 0;
        double bestCost = Double.MAX_VALUE;
        for (int k = 0; k < 8; k++) {
            if (k > 0 && !halfBandFits(inputRate / Math.pow(2, k - 1), outputRate)) {
                break;
            }
            double cost = cost(inputRate, outputRate, k);
            if (cost < bestCost) {
                bestCost = cost;
                best = k;
            }
        }
        return new ResamplerPlan(inputRate, outputRate, best);
    }

    /** Builds fresh stages (sharing cached, immutable banks). */
    public List<ResamplingStage> stages() {
        List<ResamplingStage> stages = new ArrayList<>();
        double rate = inputRate;
        for (int k = 0; k < halvings; k++) {
            stages.add(new PolyphaseStage(bank(1, 2, halfBand(rate, outputRate))));
            rate /= 2;
        }
        long up = (long) outputRate << halvings;
        long down = inputRate;
        long g = gcd(up, down);
        up /= g;
        down /= g;
        KaiserLowpass sharp = sharp(rate, Math.min(rate, outputRate) / 2);
        long coefficients = up * 2 * (long) Math.ceil(sharp.halfWidth());
        if (coefficients <= MAX_BANK_COEFFICIENTS) {
            stages.add(new PolyphaseStage(bank((int) up, (int) down, sharp)));
        } else {
            stages.add(new InterpolatedPhaseStage((int) up, (int) down, sharp));
        }
        return stages;
    }

    /** Half-band decimations applied before the sharp stage. */
    public int halvings() {
        return halvings;
    }

    /** The sharp filter that sets the passband and stopband, at the rate it runs at. */
    public KaiserLowpass sharpFilter() {
        double rate = inputRate / Math.pow(2, halvings);
        return sharp(rate, Math.min(rate, outputRate) / 2);
    }

    private static boolean halfBandFits(double rate, int outputRate) {
        return rate / 2 - outputRate > 0.02 * rate;
    }

    private static KaiserLowpass halfBand(double rate, int outputRate) {
        double keep = outputRate / 2.0;
        return new KaiserLowpass(rate, keep, rate / 2 - keep, HALF_BAND_ATTENUATION_DB);
    }

    private static KaiserLowpass sharp(double rate, double bandEdge) {
        return new KaiserLowpass(rate, PASS_FRACTION * bandEdge, bandEdge, FINAL_ATTENUATION_DB);
    }

    /** Multiply-adds per second of input for a plan with {@code k} half-band stages. */
    private static double cost(int inputRate, int outputRate, int k) {
        double rate = inputRate;
        double total = 0;
        for (int i = 0; i < k; i++) {
            KaiserLowpass halfBand = halfBand(rate, outputRate);
            total += (Math.ceil(halfBand.halfWidth()) + 1) * rate / 2;
            rate /= 2;
        }
        KaiserLowpass sharp = sharp(rate, Math.min(rate, outputRate) / 2);
        return total + 2 * Math.ceil(sharp.halfWidth()) * outputRate;
    }

    private static PolyphaseBank bank(int up, int down, KaiserLowpass filter) {
        List<Object> key = List.of(up, down, filter.inputRate(), filter.passEdgeHz(), filter.stopEdgeHz(),
                filter.attenuationDb());
        PolyphaseBank cached = BANKS.get(key);
        if (cached != null) {
            return cached;
        }
        PolyphaseBank built = new PolyphaseBank(up, down, filter);
        BANKS.put(key, built);
        return built;
    }

    private static long gcd(long a, long b) {
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return a;
    }
}
