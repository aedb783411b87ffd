package io.bonafide.audio.features.internal;

/**
 * Orthonormal DCT-II (scipy's {@code dct(type=2, norm="ortho")}, MATLAB's {@code dct}), keeping
 * the first {@code coefficients} outputs: {@code X_k = s_k sum_n x_n cos(pi k (2n + 1) / 2N)}
 * with {@code s_0 = sqrt(1/N)}, {@code s_k = sqrt(2/N)}. Immutable.
 */
public final class Dct {
    private final float[][] basis;
    private final int inputs;

    public Dct(int inputs, int coefficients) {
        if (coefficients < 1 || coefficients > inputs) {
            throw new IllegalArgumentException("need 1 <= coefficients <= inputs, got " + coefficients + " of " + inputs);
        }
        this.inputs = inputs;
        this.basis = new float[coefficients][inputs];
        for (int k = 0; k < coefficients; k++) {
            double scale = Math.sqrt((k == 0 ? 1.0 : 2.0) / inputs);
            for (int n = 0; n < inputs; n++) {
                basis[k][n] = (float) (scale * Math.cos(Math.PI * k * (2 * n + 1) / (2.0 * inputs)));
            }
        }
    }

    public void apply(float[] in, float[] out, int outOffset) {
        for (int k = 0; k < basis.length; k++) {
            float[] b = basis[k];
            float sum = 0;
            for (int n = 0; n < inputs; n++) {
                sum += b[n] * in[n];
            }
            out[outOffset + k] = sum;
        }
    }
}
