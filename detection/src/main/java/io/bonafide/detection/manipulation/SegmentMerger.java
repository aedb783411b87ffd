package io.bonafide.detection.manipulation;

import io.bonafide.detection.ChannelOutcome.Segment;
import io.bonafide.detection.model.ModelDescriptor;
import java.util.ArrayList;
import java.util.List;

/**
 * Joins runs of consecutive suspicious windows (score below the threshold, 0 for calibrated
 * log-likelihood ratios) into segments, as SPEC §2 asks by default. Windows are given in order
 * with the hop between them, so consecutive windows overlap and "adjacent" means consecutive.
 * A segment spans from its first window's start to its last window's end and carries the score
 * of its most suspicious window (the minimum), so that a segment is as suspicious as its worst
 * part. Windows at or above the threshold are dropped.
 *
 * <p>A window's score answers "is this 400 ms window edited"; whether a run of suspicious windows
 * holds an edit is a question of its own, with other odds (one natural onset can push a single
 * window under 0). With a segment calibration ({@link ModelDescriptor#segmentCalibration()},
 * fitted on dev runs), a run's score is that calibration of its lowest window score, the
 * log-likelihood ratio that the run is unedited, and only runs scoring below 0 are returned.
 */
public final class SegmentMerger {
    private SegmentMerger() {
    }

    /**
     * The segments to return for {@code windows} (in time order): every run of windows under 0,
     * scored by {@code segmentCalibration} from its lowest window score and kept when that is
     * under 0; with a null calibration every run, with its lowest window score.
     */
    public static List<Segment> merge(List<Segment> windows, ModelDescriptor.Calibration segmentCalibration) {
        List<Segment> runs = merge(windows, 0.0);
        if (segmentCalibration == null) {
            return runs;
        }
        List<Segment> kept = new ArrayList<>();
        for (Segment run : runs) {
            double score = segmentCalibration.apply(run.score());
            if (score < 0) {
                kept.add(new Segment(run.startTime(), run.endTime(), score));
            }
        }
        return List.copyOf(kept);
    }

    /** Suspicious runs of {@code windows} (in time order), each with its lowest window score. */
    public static List<Segment> merge(List<Segment> windows, double threshold) {
        List<Segment> segments = new ArrayList<>();
        Segment open = null;
        for (Segment window : windows) {
            if (window.score() < threshold) {
                open = open == null ? window
                        : new Segment(open.startTime(), window.endTime(), Math.min(open.score(), window.score()));
            } else if (open != null) {
                segments.add(open);
                open = null;
            }
        }
        if (open != null) {
            segments.add(open);
        }
        return List.copyOf(segments);
    }
}
