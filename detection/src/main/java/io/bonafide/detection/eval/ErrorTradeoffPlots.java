package io.bonafide.detection.eval;

import io.bonafide.detection.eval.internal.Chart;
import io.bonafide.detection.eval.internal.ErrorCurve;
import io.bonafide.detection.eval.internal.NormalDistribution;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * DET and ROC plots of a set of scores, as PNG files drawn with java.awt in headless mode. The DET
 * curve puts FAR against FRR on probit axes (0.05 % to 60 %), where Gaussian score distributions
 * become straight lines and the low-error region that matters is legible; the ROC curve puts FAR
 * against the genuine acceptance rate on linear axes. Both mark the EER point. Rendering is
 * deterministic, so regenerated plots only change when the scores do.
 */
public final class ErrorTradeoffPlots {

    /** Default image width in pixels. */
    public static final int WIDTH = 800;
    /** Default image height in pixels. */
    public static final int HEIGHT = 600;

    private static final List<Double> DET_TICKS = List.of(0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.4);
    private static final List<Double> ROC_TICKS = List.of(0.0, 0.2, 0.4, 0.6, 0.8, 1.0);

    static {
        // A server or CI box has no display; without this AWT may try to open one and fail.
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private ErrorTradeoffPlots() {
    }

    /** Writes the DET curve of the scores to {@code target} ({@link #WIDTH} x {@link #HEIGHT}). */
    public static void writeDet(LabelledScores scores, Path target, String title) {
        scores.requireBothClasses("DET plot");
        ErrorCurve curve = ErrorCurve.of(scores.genuineScores(), scores.attackScores());
        EqualErrorRate eer = EqualErrorRate.of(curve);
        double[] xs = new double[curve.size()];
        double[] ys = new double[curve.size()];
        for (int i = 0; i < curve.size(); i++) {
            xs[i] = curve.far(i);
            ys[i] = curve.frr(i);
        }
        Chart.Axis x = new Chart.Axis("False acceptance rate (attacks accepted) [%]", NormalDistribution::probit,
                0.0005, 0.6, DET_TICKS, v -> v * 100);
        Chart.Axis y = new Chart.Axis("False rejection rate (genuine rejected) [%]", NormalDistribution::probit,
                0.0005, 0.6, DET_TICKS, v -> v * 100);
        Chart.write(target, WIDTH, HEIGHT, title, x, y, xs, ys, true, eer.value(), eer.value(), eerCaption(eer));
    }

    /** Writes the ROC curve of the scores to {@code target} ({@link #WIDTH} x {@link #HEIGHT}). */
    public static void writeRoc(LabelledScores scores, Path target, String title) {
        scores.requireBothClasses("ROC plot");
        ErrorCurve curve = ErrorCurve.of(scores.genuineScores(), scores.attackScores());
        EqualErrorRate eer = EqualErrorRate.of(curve);
        double[] xs = new double[curve.size()];
        double[] ys = new double[curve.size()];
        for (int i = 0; i < curve.size(); i++) {
            xs[i] = curve.far(i);
            ys[i] = 1.0 - curve.frr(i);
        }
        Chart.Axis x = new Chart.Axis("False acceptance rate (attacks accepted) [%]", v -> v, 0.0, 1.0, ROC_TICKS,
                v -> v * 100);
        Chart.Axis y = new Chart.Axis("Genuine acceptance rate [%]", v -> v, 0.0, 1.0, ROC_TICKS, v -> v * 100);
        Chart.write(target, WIDTH, HEIGHT, title, x, y, xs, ys, true, eer.value(), 1.0 - eer.value(), eerCaption(eer));
    }

    private static String eerCaption(EqualErrorRate eer) {
        return String.format(Locale.ROOT, "EER %.2f %%", eer.percent());
    }
}
