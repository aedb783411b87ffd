package io.bonafide.detection.manipulation.internal;

import io.bonafide.detection.ChannelOutcome.Segment;
import io.bonafide.detection.manipulation.WindowLabels;
import io.bonafide.detection.model.XgboostModel;
import java.util.ArrayList;
import java.util.List;

/** Scores window feature vectors into windows with times from the file start. */
public final class WindowScores {
    private WindowScores() {
    }

    /**
     * One segment per window: {@code [offset + 0.2 w, offset + 0.2 w + 0.4)} with its calibrated
     * score; the full window vectors are cut to the model's feature set.
     */
    public static List<Segment> of(XgboostModel model, List<float[]> vectors, double offsetSeconds) {
        List<float[]> rows = new ArrayList<>(vectors.size());
        vectors.forEach(v -> rows.add(model.featureSet().ofWindow(v)));
        double[] scores = model.scores(rows);
        List<Segment> windows = new ArrayList<>(vectors.size());
        for (int w = 0; w < vectors.size(); w++) {
            windows.add(new Segment(round(offsetSeconds + WindowLabels.start(w)), round(offsetSeconds + WindowLabels.end(w)),
                    scores[w]));
        }
        return windows;
    }

    /** Millisecond precision, so that 0.2 * 3 reads 0.6 and not 0.6000000000000001. */
    private static double round(double seconds) {
        return Math.round(seconds * 1000.0) / 1000.0;
    }
}
