package io.bonafide.detection.model;

import io.bonafide.audio.ChannelAnalysis;
import io.bonafide.detection.features.SharedSpectra;
import io.bonafide.detection.features.UtteranceFeatures;
import java.util.List;
import java.util.Objects;

/**
 * Scores one channel with an {@link XgboostModel}: computes the model's utterance feature set
 * while the channel streams past (memory independent of its length), then scores the vector
 * once at the end. A channel with fewer samples than {@code input.min_seconds} (SPEC §2: 3 s)
 * gets a null score, as with {@link WaveformScorer}. One per channel; not thread-safe.
 */
public final class FeatureScorer implements ChannelAnalysis {
    private final XgboostModel model;
    private final UtteranceFeatures features;
    private ChannelScore result;

    public FeatureScorer(XgboostModel model) {
        this(model, null);
    }

    /** A scorer whose features take their power frames from {@code spectra} (null: their own STFT). */
    public FeatureScorer(XgboostModel model, SharedSpectra spectra) {
        this.model = Objects.requireNonNull(model, "model");
        this.features = model.featureSet().newChannel(spectra);
    }

    @Override
    public void accept(float[] samples, int offset, int length) {
        if (result != null) {
            throw new IllegalStateException("the channel has ended");
        }
        features.accept(samples, offset, length);
    }

    @Override
    public void end() {
        if (result != null) {
            return;
        }
        features.end();
        if (features.samples() < model.descriptor().input().minSamples()) {
            result = new ChannelScore(null, null, List.of(), List.of(), features.samples(), features.nonFiniteSamples());
        } else {
            double raw = model.rawScore(features.vector());
            result = new ChannelScore(model.descriptor().calibration().apply(raw), raw, List.of(), List.of(),
                    features.samples(), features.nonFiniteSamples());
        }
    }

    /** The channel's score; valid after {@link #end()}. Windows and embedding are always empty. */
    public ChannelScore result() {
        if (result == null) {
            throw new IllegalStateException("the channel has not ended");
        }
        return result;
    }
}
