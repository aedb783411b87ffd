package io.bonafide.audio.features.internal;

/** Analysis window shapes, as float arrays of the frame length. */
public final class Windows {
    private Windows() {
    }

    /** Periodic Hann ({@code 0.5 - 0.5 cos(2 pi n / N)}), the DFT-even form used by torch and librosa. */
    public static float[] periodicHann(int length) {
        float[] w = new float[length];
        for (int n = 0; n < length; n++) {
            w[n] = (float) (0.5 - 0.5 * Math.cos(2 * Math.PI * n / length));
        }
        return w;
    }

    /** Symmetric Hamming ({@code 0.54 - 0.46 cos(2 pi n / (N - 1))}), as MATLAB's {@code hamming(N)}. */
    public static float[] symmetricHamming(int length) {
        float[] w = new float[length];
        if (length == 1) {
            w[0] = 1;
            return w;
        }
        for (int n = 0; n < length; n++) {
            w[n] = (float) (0.54 - 0.46 * Math.cos(2 * Math.PI * n / (length - 1)));
        }
        return w;
    }
}
