package io.bonafide.detection.model;

import java.util.List;

/**
 * What a deepfake model says about one channel. {@link #score()} is the calibrated
 * log-likelihood ratio log p(x|genuine) / p(x|attack) (genuine &gt; 0), or null when the channel
 * holds fewer samples than the model's {@code min_seconds} (SPEC §2: "under 3 s of audio"
 * counts samples delivered, not voiced time). The window scores and the raw aggregate are
 * oriented towards genuine (a {@code logit_attack} output is negated) but not calibrated.
 *
 * @param score            calibrated LLR; null when the channel is too short
 * @param rawScore         mean of the window scores before calibration; null when too short
 * @param windows          every window the model scored, in order
 * @param embedding        mean of the window embeddings; empty when not asked for, when the
 *                         model has none, or when the channel is too short
 * @param samples          16 kHz samples the channel held
 * @param nonFiniteSamples NaN or infinite samples, scored as 0
 */
public record ChannelScore(Double score, Double rawScore, List<WindowScore> windows, List<Double> embedding,
                           long samples, long nonFiniteSamples) {

    public ChannelScore {
        windows = List.copyOf(windows);
        embedding = List.copyOf(embedding);
    }

    /**
     * One window's output.
     *
     * @param startSeconds where the window starts in the channel
     * @param raw          the model's score for it, oriented towards genuine, uncalibrated
     */
    public record WindowScore(double startSeconds, double raw) {
    }
}
