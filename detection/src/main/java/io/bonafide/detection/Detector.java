package io.bonafide.detection;

import io.bonafide.detection.features.SharedSpectra;

/**
 * A verification operation backed by a model: makes a fresh {@link ChannelDetection} for each
 * processed channel of each request. Implementations are immutable and thread-safe (models are
 * shared per JVM), their channel detections are not.
 */
public interface Detector {

    /** Which operation this detector answers. */
    Operation operation();

    /** The model's name, as results report it. */
    String modelName();

    /** The model's version, as events report it. */
    String modelVersion();

    /**
     * A detection for one channel.
     *
     * @param channelNumber reported channel number
     * @param startSeconds  where the analysed range starts, from the file start (segment times add it)
     * @param request       what the client asked for (raw segmentation, embeddings)
     */
    ChannelDetection newChannel(int channelNumber, double startSeconds, AnalysisRequest request);

    /**
     * A detection for one channel whose features may take the channel's standard power spectrum
     * from {@code spectra}, shared with the channel's other detections (the values do not change).
     * By default the spectra are not used.
     */
    default ChannelDetection newChannel(int channelNumber, double startSeconds, AnalysisRequest request,
            SharedSpectra spectra) {
        return newChannel(channelNumber, startSeconds, request);
    }
}
