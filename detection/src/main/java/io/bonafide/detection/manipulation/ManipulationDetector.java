package io.bonafide.detection.manipulation;

import io.bonafide.detection.AnalysisRequest;
import io.bonafide.detection.ChannelDetection;
import io.bonafide.detection.ChannelOutcome;
import io.bonafide.detection.ChannelOutcome.Segment;
import io.bonafide.detection.Detector;
import io.bonafide.detection.Operation;
import io.bonafide.detection.features.ManipulationWindowFeatures;
import io.bonafide.detection.features.SharedSpectra;
import io.bonafide.detection.manipulation.internal.WindowScores;
import io.bonafide.detection.model.XgboostModel;
import java.util.List;
import java.util.Objects;

/**
 * Audio manipulation detection with a window-level {@link XgboostModel}: every 400 ms window
 * (200 ms hop) of a channel gets a calibrated log-likelihood ratio (genuine, i.e. unedited,
 * &gt; 0) from its {@link ManipulationWindowFeatures}; by default the suspicious windows (score
 * &lt; 0) are joined by {@link SegmentMerger} (and, with the model's segment calibration, kept
 * only when the run's own log-likelihood ratio is &lt; 0) and only those segments are returned, with
 * {@code raw_segmentation=true} every window is. Times are seconds from the file start (the
 * analysed range's start is added). A channel shorter than one window has no window and
 * returns no segment. The channel score is null: this operation answers with segments.
 */
public final class ManipulationDetector implements Detector {
    private final XgboostModel model;

    public ManipulationDetector(XgboostModel model) {
        this.model = Objects.requireNonNull(model, "model");
    }

    @Override
    public Operation operation() {
        return Operation.AUDIO_MANIPULATION_DETECTION;
    }

    @Override
    public String modelName() {
        return model.descriptor().name();
    }

    @Override
    public String modelVersion() {
        return model.descriptor().version();
    }

    /**
     * The default output for a channel's raw windows: runs of suspicious windows, scored and
     * kept by the model's segment calibration when it has one ({@link SegmentMerger}).
     */
    public List<Segment> segments(List<Segment> windows) {
        return SegmentMerger.merge(windows, model.descriptor().segmentCalibration());
    }

    @Override
    public ChannelDetection newChannel(int channelNumber, double startSeconds, AnalysisRequest request) {
        return newChannel(channelNumber, startSeconds, request, null);
    }

    @Override
    public ChannelDetection newChannel(int channelNumber, double startSeconds, AnalysisRequest request,
            SharedSpectra spectra) {
        ManipulationWindowFeatures.Channel features = ManipulationWindowFeatures.newChannel(spectra);
        return new ChannelDetection() {
            private ChannelOutcome outcome;

            @Override
            public void accept(float[] samples, int offset, int length) {
                features.accept(samples, offset, length);
            }

            @Override
            public void end() {
                if (outcome != null) {
                    return;
                }
                features.end();
                List<Segment> windows = WindowScores.of(model, features.windows(), startSeconds);
                outcome = new ChannelOutcome(channelNumber, null,
                        request.rawSegmentation() ? windows : segments(windows), null);
            }

            @Override
            public ChannelOutcome outcome() {
                if (outcome == null) {
                    throw new IllegalStateException("the channel has not ended");
                }
                return outcome;
            }
        };
    }
}
