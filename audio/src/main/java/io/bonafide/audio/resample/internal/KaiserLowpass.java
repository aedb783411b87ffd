package io.bonafide.audio.resample.internal;

/**
 * A Kaiser-windowed sinc low-pass prototype, described in continuous time so that any
 * polyphase stage can sample it at the fractional positions it needs. Lengths and window shape
 * follow Kaiser's design formulas: for a stopband attenuation {@code A} dB the window shape is
 * {@code beta = 0.1102 (A - 8.7)} and a transition of {@code d} cycles per input sample needs a
 * span of {@code (A - 7.95) / (2.285 * 2 pi d)} input samples. Immutable.
 */
public final class KaiserLowpass {
    private final double inputRate;
    private final double passEdgeHz;
    private final double stopEdgeHz;
    private final double attenuationDb;
    private final double cutoff;
    private final double beta;
    private final double halfWidth;
    private final double besselBeta;

    /**
     * @param inputRate rate of the samples the filter runs on, in Hz
     * @param passEdgeHz highest frequency kept flat
     * @param stopEdgeHz lowest frequency attenuated by at least {@code attenuationDb}
     * @param attenuationDb stopband attenuation the window is shaped for
     */
    public KaiserLowpass(double inputRate, double passEdgeHz, double stopEdgeHz, double attenuationDb) {
        if (!(passEdgeHz > 0 && stopEdgeHz > passEdgeHz && stopEdgeHz <= inputRate)) {
            throw new IllegalArgumentException("need 0 < passEdgeHz < stopEdgeHz <= inputRate, got pass "
                    + passEdgeHz + ", stop " + stopEdgeHz + ", rate " + inputRate);
        }
        if (!(attenuationDb > 21)) {
            throw new IllegalArgumentException("attenuationDb must exceed 21, got " + attenuationDb);
        }
        this.inputRate = inputRate;
        this.passEdgeHz = passEdgeHz;
        this.stopEdgeHz = stopEdgeHz;
        this.attenuationDb = attenuationDb;
        this.cutoff = (passEdgeHz + stopEdgeHz) / 2 / inputRate;
        this.beta = attenuationDb > 50
                ? 0.1102 * (attenuationDb - 8.7)
                : 0.5842 * Math.pow(attenuationDb - 21, 0.4) + 0.07886 * (attenuationDb - 21);
        double transition = (stopEdgeHz - passEdgeHz) / inputRate;
        this.halfWidth = (attenuationDb - 7.95) / (2.285 * 2 * Math.PI * transition) / 2;
        this.besselBeta = besselI0(beta);
    }

    /** Impulse response at {@code tau} input samples from the centre; zero outside the window. */
    public double valueAt(double tau) {
        double r = tau / halfWidth;
        if (r <= -1 || r >= 1) {
            return 0;
        }
        double window = besselI0(beta * Math.sqrt(1 - r * r)) / besselBeta;
        return 2 * cutoff * sinc(2 * cutoff * tau) * window;
    }

    /** Half the window span, in input samples: taps further from the centre are zero. */
    public double halfWidth() {
        return halfWidth;
    }

    public double beta() {
        return beta;
    }

    public double inputRate() {
        return inputRate;
    }

    public double passEdgeHz() {
        return passEdgeHz;
    }

    public double stopEdgeHz() {
        return stopEdgeHz;
    }

    public double attenuationDb() {
        return attenuationDb;
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT,
                "KaiserLowpass[rate=%.2f Hz, pass=%.1f Hz, stop=%.1f Hz, A=%.1f dB, beta=%.3f, halfWidth=%.2f]",
                inputRate, passEdgeHz, stopEdgeHz, attenuationDb, beta, halfWidth);
    }

    private static double sinc(double x) {
        if (x == 0) {
            return 1;
        }
        double px = Math.PI * x;
        return Math.sin(px) / px;
    }

    /** Modified Bessel function of the first kind, order 0, by its power series (converges fast for x < 50). */
    static double besselI0(double x) {
        double sum = 1;
        double term = 1;
        double half = x / 2;
        for (int k = 1; k < 500; k++) {
            term *= (half / k) * (half / k);
            sum += term;
            if (term < 1e-17 * sum) {
                break;
            }
        }
        return sum;
    }
}
