package io.bonafide.detection.deepfake;

import io.bonafide.detection.AnalysisRequest;
import io.bonafide.detection.ChannelDetection;
import io.bonafide.detection.ChannelOutcome;
import io.bonafide.detection.Detector;
import io.bonafide.detection.Operation;
import io.bonafide.detection.model.ChannelScore;
import io.bonafide.detection.model.OnnxModel;
import io.bonafide.detection.model.WaveformScorer;
import java.util.List;
import java.util.Objects;

/**
 * Deepfake detection (SPEC 2): a raw-waveform ONNX model, described by its {@code model.json},
 * scores overlapping windows of each channel; the mean window score, calibrated, is the
 * channel's log-likelihood ratio (genuine > 0), null under the model's minimum length (3 s).
 * With {@code embeddings=true} the mean window embedding is returned too.
 */
public final class DeepfakeDetector implements Detector {
    private final OnnxModel model;

    public DeepfakeDetector(OnnxModel model) {
        this.model = Objects.requireNonNull(model, "model");
    }

    @Override
    public Operation operation() {
        return Operation.DEEPFAKE_DETECTION;
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
        WaveformScorer scorer = new WaveformScorer(model, request.embeddings());
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
                return new ChannelOutcome(channelNumber, score.score(), List.of(),
                        request.embeddings() && score.score() != null ? toFloats(score.embedding()) : null);
            }
        };
    }

    private static float[] toFloats(List<Double> values) {
        float[] floats = new float[values.size()];
        for (int i = 0; i < floats.length; i++) {
            floats[i] = values.get(i).floatValue();
        }
        return floats;
    }
}
