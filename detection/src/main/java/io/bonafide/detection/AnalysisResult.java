package io.bonafide.detection;

import io.bonafide.audio.FrontEndResult;
import java.util.List;

/**
 * The answer to one {@link AnalysisRequest}: the front end's media facts and, per requested
 * operation, the model used and one outcome per processed channel.
 *
 * @param media      file facts and per-channel voiced durations
 * @param operations per operation, in request order
 */
public record AnalysisResult(FrontEndResult media, List<OperationResult> operations) {
    public AnalysisResult {
        operations = List.copyOf(operations);
    }

    /**
     * @param operation    the operation
     * @param modelName    model name
     * @param modelVersion model version
     * @param channels     one outcome per processed channel, in channel order
     */
    public record OperationResult(Operation operation, String modelName, String modelVersion,
                                  List<ChannelOutcome> channels) {
        public OperationResult {
            channels = List.copyOf(channels);
        }
    }
}
