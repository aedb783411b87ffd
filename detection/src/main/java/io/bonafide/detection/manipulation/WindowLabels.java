package io.bonafide.detection.manipulation;

import io.bonafide.detection.ChannelOutcome.Segment;
import io.bonafide.detection.features.ManipulationWindowFeatures;

/**
 * The ground truth of the manipulation corpus at window level: window {@code w} (400 ms from
 * {@code 0.2 w} s) is <em>edited</em> when a cut point (the centre of a join: splice, insertion,
 * deletion or level change) lies strictly inside it. Every cut point is therefore inside two
 * windows. For training, a window whose nearest cut point lies within {@code margin} seconds of
 * one of its edges is <em>ambiguous</em> (it barely sees the join) and is left out; evaluation
 * keeps every window.
 */
public final class WindowLabels {
    private WindowLabels() {
    }

    /** Start of window {@code w}, seconds from the start of the analysed audio. */
    public static double start(int w) {
        return w * ManipulationWindowFeatures.HOP_SECONDS;
    }

    /** End of window {@code w}, seconds. */
    public static double end(int w) {
        return start(w) + ManipulationWindowFeatures.WINDOW_SECONDS;
    }

    /** Whether a cut point lies strictly inside window {@code w}. */
    public static boolean edited(int w, double[] cutPoints) {
        for (double c : cutPoints) {
            if (c > start(w) && c < end(w)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether {@code cut} lies inside a returned segment, edges included: the segment-level rule
     * that marks a segment as a true positive and a cut point as detected (evaluation), and a dev
     * run as edited (the segment calibration).
     */
    public static boolean inside(double cut, Segment segment) {
        return cut >= segment.startTime() && cut <= segment.endTime();
    }

    /** Whether any of {@code cutPoints} lies inside {@code segment} ({@link #inside}). */
    public static boolean holdsCut(Segment segment, double[] cutPoints) {
        for (double c : cutPoints) {
            if (inside(c, segment)) {
                return true;
            }
        }
        return false;
    }

    /** Whether a cut point lies within {@code margin} seconds of either edge of window {@code w}. */
    public static boolean ambiguous(int w, double[] cutPoints, double margin) {
        for (double c : cutPoints) {
            if (Math.abs(c - start(w)) < margin || Math.abs(c - end(w)) < margin) {
                return true;
            }
        }
        return false;
    }
}
