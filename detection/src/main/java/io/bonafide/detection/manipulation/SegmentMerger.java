package io.bonafide.detection.manipulation;

import io.bonafide.detection.ChannelOutcome.Segment;
import java.util.ArrayList;
import java.util.List;

/**
 * Joins runs of consecutive suspicious windows (score below the threshold, 0 for calibrated
 * log-likelihood ratios) into segments, as SPEC §2 asks by default. Windows are given in order
 * with the hop between them, so consecutive windows overlap and "adjacent" means consecutive.
 * A segment spans from its first window's start to its last window's end and carries the score
 * of its most suspicious window (the minimum), so that a segment is as suspicious as its worst
 * part. Windows at or above the threshold are dropped.
 */
public final class SegmentMerger {
    private SegmentMerger() {
    }

    /** Suspicious segments of {@code windows} (in time order). */
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
