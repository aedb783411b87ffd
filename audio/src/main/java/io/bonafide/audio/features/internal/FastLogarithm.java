package io.bonafide.audio.features.internal;

/**
 * Natural logarithm of a float in about a quarter of {@code Math.log}'s time, for the many
 * band energies taken into the log domain per frame (80 per log-mel frame). The exponent is read
 * from the bits, the mantissa folded into {@code [0.707, 1.414)} and {@code ln m} summed as
 * {@code 2 atanh((m - 1) / (m + 1))} to the ninth power, a truncation error below 1e-9; the
 * result is within 2.1e-6 of {@code Math.log} for inputs from 1e-11 to 1e11, the rounding error
 * of a float near 20. Zero, negative, subnormal and non-finite inputs go to {@code Math.log}.
 */
public final class FastLogarithm {
    private static final float LN_2 = 0.6931472f;
    private static final float SQRT_2 = 1.4142135f;

    private FastLogarithm() {
    }

    public static float ln(float x) {
        int bits = Float.floatToRawIntBits(x);
        int biasedExponent = (bits >>> 23) & 0xff;
        if (bits < 0 || biasedExponent == 0 || biasedExponent == 0xff) {
            return (float) Math.log(x);
        }
        int exponent = biasedExponent - 127;
        float m = Float.intBitsToFloat((bits & 0x007fffff) | 0x3f800000);
        if (m > SQRT_2) {
            m *= 0.5f;
            exponent++;
        }
        float t = (m - 1f) / (m + 1f);
        float t2 = t * t;
        float series = 2f * t * (1f + t2 * (1f / 3 + t2 * (1f / 5 + t2 * (1f / 7 + t2 * (1f / 9)))));
        return exponent * LN_2 + series;
    }
}
