package io.bonafide.detection;

import io.bonafide.detection.features.SharedSpectra;
import io.bonafide.detection.model.ChannelScore;
import io.bonafide.detection.model.FeatureScorer;
import io.bonafide.detection.model.XgboostModel;
import java.util.Objects;

/**
 * Any operation answered by an {@link XgboostModel} on one utterance feature vector per channel
 * (the 34-feature deepfake baseline now, the replay detector next): the channel's features are
 * computed as it streams past and scored once at its end into a calibrated log-likelihood ratio
 * (genuine &gt; 0), null under the model's minimum length (3 s). Such models have no embedding,
 * so {@code embeddings=true} yields none.
 */
public final class UtteranceFeatureDetector implements Detector {
    private final Operation operation;
    private final XgboostModel model;

    public UtteranceFeatureDetector(Operation operation, XgboostModel model) {
        this.operation = Objects.requireNonNull(operation, "operation");
        this.model = Objects.requireNonNull(model, "model");
    }

    @Override
    public Operation operation() {
        return operation;
    }

    @Override
    public String modelName() {
        return model.descriptor().name();
    }

    @Override
    public String modelVersion() {
        return model.descriptor().version();
    }

    @Override
    public ChannelDetection newChannel(int channelNumber, double startSeconds, AnalysisRequest request) {
        return newChannel(channelNumber, startSeconds, request, null);
    }

    @Override
    public ChannelDetection newChannel(int channelNumber, double startSeconds, AnalysisRequest request,
            SharedSpectra spectra) {
        FeatureScorer scorer = new FeatureScorer(model, spectra);
        return new ChannelDetection() {
            @Override
            public void accept(float[] samples, int offset, int length) {
                scorer.accept(samples, offset, length);
            }

            @Override
            public void end() {
                scorer.end();
            }

            @Override
            public ChannelOutcome outcome() {
                ChannelScore score = scorer.result();
                return ChannelOutcome.scored(channelNumber, score.score());
            }
        };
    }
}
