package io.bonafide.detection.features;

/** Least-squares fit of {@code y = a + b x + c x^2}, used to measure spectral ripple around a smooth curve. */
final class QuadraticFit {
    private QuadraticFit() {
    }

    /** {@code y} minus its least-squares quadratic in {@code x} (at least 3 distinct x). */
    static double[] residuals(double[] x, double[] y) {
        double[][] m = new double[3][4];
        for (int i = 0; i < x.length; i++) {
            double[] basis = {1, x[i], x[i] * x[i]};
            for (int r = 0; r < 3; r++) {
                for (int c = 0; c < 3; c++) {
                    m[r][c] += basis[r] * basis[c];
                }
                m[r][3] += basis[r] * y[i];
            }
        }
        for (int col = 0; col < 3; col++) {
            int pivot = col;
            for (int r = col + 1; r < 3; r++) {
                if (Math.abs(m[r][col]) > Math.abs(m[pivot][col])) {
                    pivot = r;
                }
            }
            double[] t = m[col];
            m[col] = m[pivot];
            m[pivot] = t;
            for (int r = 0; r < 3; r++) {
                if (r != col && m[col][col] != 0) {
                    double f = m[r][col] / m[col][col];
                    for (int c = col; c < 4; c++) {
                        m[r][c] -= f * m[col][c];
                    }
                }
            }
        }
        double[] coef = new double[3];
        for (int r = 0; r < 3; r++) {
            coef[r] = m[r][r] == 0 ? 0 : m[r][3] / m[r][r];
        }
        double[] residual = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            residual[i] = y[i] - (coef[0] + coef[1] * x[i] + coef[2] * x[i] * x[i]);
        }
        return residual;
    }
}
