package io.bonafide.audio.features;

/**
 * The two mel scales in use. {@link #SLANEY} (Auditory Toolbox; librosa's default,
 * {@code htk=False}) is linear below 1 kHz ({@code 3 mel per 200 Hz}) and logarithmic above
 * ({@code 27 mel per factor 6.4}); {@link #HTK} is {@code 2595 log10(1 + f / 700)}.
 */
public enum MelScale {
    SLANEY {
        @Override
        public double toMel(double hz) {
            return hz < BREAK_HZ ? hz / LINEAR_HZ_PER_MEL : BREAK_MEL + Math.log(hz / BREAK_HZ) / LOG_STEP;
        }

        @Override
        public double toHz(double mel) {
            return mel < BREAK_MEL ? mel * LINEAR_HZ_PER_MEL : BREAK_HZ * Math.exp(LOG_STEP * (mel - BREAK_MEL));
        }
    },
    HTK {
        @Override
        public double toMel(double hz) {
            return 2595 * Math.log10(1 + hz / 700);
        }

        @Override
        public double toHz(double mel) {
            return 700 * (Math.pow(10, mel / 2595) - 1);
        }
    };

    private static final double LINEAR_HZ_PER_MEL = 200.0 / 3;
    private static final double BREAK_HZ = 1000;
    private static final double BREAK_MEL = BREAK_HZ / LINEAR_HZ_PER_MEL;
    private static final double LOG_STEP = Math.log(6.4) / 27;

    public abstract double toMel(double hz);

    public abstract double toHz(double mel);
}
