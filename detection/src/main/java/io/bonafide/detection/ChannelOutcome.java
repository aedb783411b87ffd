package io.bonafide.detection;

import java.util.List;
import java.util.Objects;

/**
 * One operation's answer for one processed channel: a calibrated log-likelihood ratio
 * (genuine > 0; null when the channel is too short to judge), the segments of manipulation
 * detection, and the deepfake embedding when asked for.
 *
 * @param channelNumber 0-based channel index in the file (0 in mix mode)
 * @param score         channel score, or null
 * @param segments      suspicious segments (or every raw window), times from the file start
 * @param embedding     embedding vector, or null
 */
public record ChannelOutcome(int channelNumber, Double score, List<Segment> segments, float[] embedding) {
    public ChannelOutcome {
        segments = List.copyOf(Objects.requireNonNull(segments, "segments"));
        embedding = embedding == null ? null : embedding.clone();
    }

    /** A channel score without segments or embedding. */
    public static ChannelOutcome scored(int channelNumber, Double score) {
        return new ChannelOutcome(channelNumber, score, List.of(), null);
    }

    /**
     * A time span with its calibrated log-likelihood ratio (negative means edited).
     *
     * @param startTime seconds from the file start
     * @param endTime   seconds from the file start
     * @param score     calibrated log-likelihood ratio
     */
    public record Segment(double startTime, double endTime, double score) {
    }
}
