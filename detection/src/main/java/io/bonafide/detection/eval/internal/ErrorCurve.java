package io.bonafide.detection.eval.internal;

import java.util.Arrays;

/**
 * Miss and false-alarm rates at every threshold that can change a decision: each distinct score,
 * plus {@code +inf} where everything is rejected. Decisions follow the project's convention,
 * accept when {@code score >= t}, so FRR(t) counts genuine scores below t and FAR(t) attack scores
 * at or above t. Computed once by a merge over sorted scores, O(n log n), and shared by EER, min
 * DCF and the plots so that they can never disagree about a threshold.
 */
public final class ErrorCurve {

    private final double[] thresholds;
    private final double[] frr;
    private final double[] far;

    private ErrorCurve(double[] thresholds, double[] frr, double[] far) {
        this.thresholds = thresholds;
        this.frr = frr;
        this.far = far;
    }

    public static ErrorCurve of(double[] genuineScores, double[] attackScores) {
        if (genuineScores.length == 0 || attackScores.length == 0) {
            throw new IllegalArgumentException("an error curve needs genuine and attack scores");
        }
        double[] g = genuineScores.clone();
        double[] a = attackScores.clone();
        Arrays.sort(g);
        Arrays.sort(a);
        double[] all = new double[g.length + a.length];
        System.arraycopy(g, 0, all, 0, g.length);
        System.arraycopy(a, 0, all, g.length, a.length);
        Arrays.sort(all);
        int unique = 0;
        for (int i = 0; i < all.length; i++) {
            if (i == 0 || all[i] != all[i - 1]) {
                all[unique++] = all[i];
            }
        }
        int n = unique + 1;
        double[] thresholds = new double[n];
        double[] frr = new double[n];
        double[] far = new double[n];
        int gi = 0;
        int ai = 0;
        for (int k = 0; k < unique; k++) {
            double t = all[k];
            while (gi < g.length && g[gi] < t) {
                gi++;
            }
            while (ai < a.length && a[ai] < t) {
                ai++;
            }
            thresholds[k] = t;
            frr[k] = (double) gi / g.length;
            far[k] = (double) (a.length - ai) / a.length;
        }
        thresholds[unique] = Double.POSITIVE_INFINITY;
        frr[unique] = 1.0;
        far[unique] = 0.0;
        return new ErrorCurve(thresholds, frr, far);
    }

    public int size() {
        return thresholds.length;
    }

    public double threshold(int i) {
        return thresholds[i];
    }

    public double frr(int i) {
        return frr[i];
    }

    public double far(int i) {
        return far[i];
    }

    /** Index of the first point where |FRR - FAR| is smallest: where the two rates cross. */
    public int crossing() {
        int best = 0;
        double bestGap = Double.POSITIVE_INFINITY;
        for (int i = 0; i < thresholds.length; i++) {
            double gap = Math.abs(frr[i] - far[i]);
            if (gap < bestGap) {
                bestGap = gap;
                best = i;
            }
        }
        return best;
    }
}
