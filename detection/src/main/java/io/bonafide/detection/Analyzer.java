package io.bonafide.detection;

import io.bonafide.audio.AudioFrontEnd;
import io.bonafide.audio.ChannelAnalysis;
import io.bonafide.audio.FrontEndResult;
import io.bonafide.core.BonafideException;
import io.bonafide.core.ErrorType;
import io.bonafide.detection.features.SharedSpectra;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the requested operations on one file in a single pass: the front end decodes, selects and
 * resamples once, and every processed channel's 16 kHz audio feeds each operation's detector.
 * Thread-safe (each call has its own detections); the detectors' models are shared.
 */
public final class Analyzer {
    private final AudioFrontEnd frontEnd;
    private final Map<Operation, Detector> detectors = new EnumMap<>(Operation.class);

    public Analyzer(AudioFrontEnd frontEnd, Collection<Detector> detectors) {
        this.frontEnd = frontEnd;
        for (Detector detector : detectors) {
            if (this.detectors.put(detector.operation(), detector) != null) {
                throw new IllegalArgumentException("two detectors for " + detector.operation().apiName());
            }
        }
    }

    /** The detector of {@code operation}, if its model is installed. */
    public java.util.Optional<Detector> detector(Operation operation) {
        return java.util.Optional.ofNullable(detectors.get(operation));
    }

    /** The operations this analyzer has a model for. */
    public List<Operation> available() {
        return List.copyOf(detectors.keySet());
    }

    /**
     * Analyses {@code audio} (closed on return).
     *
     * @throws io.bonafide.audio.MediaException input that can never be processed as asked
     * @throws BonafideException                {@code internal} when an operation has no installed model
     */
    public AnalysisResult analyse(InputStream audio, AnalysisRequest request) {
        for (Operation operation : request.operations()) {
            if (!detectors.containsKey(operation)) {
                throw new BonafideException(ErrorType.INTERNAL,
                        "no model is installed for " + operation.apiName(), Map.of("operation", operation.apiName()));
            }
        }
        double startSeconds = request.selection().startTime().orElse(0);
        Map<Operation, List<ChannelDetection>> detections = new LinkedHashMap<>();
        request.operations().forEach(operation -> detections.put(operation, new ArrayList<>()));
        FrontEndResult media = frontEnd.analyse(audio, request.selection(), channelNumber -> {
            // The replay and manipulation features both start from the channel's standard STFT:
            // computed once, here, for both (the same values as each computing its own).
            SharedSpectra spectra = new SharedSpectra();
            List<ChannelDetection> forChannel = new ArrayList<>();
            for (Operation operation : request.operations()) {
                ChannelDetection detection = detectors.get(operation)
                        .newChannel(channelNumber, startSeconds, request, spectra);
                detections.get(operation).add(detection);
                forChannel.add(detection);
            }
            return fanOut(spectra, forChannel);
        });
        List<AnalysisResult.OperationResult> results = new ArrayList<>();
        detections.forEach((operation, channels) -> {
            Detector detector = detectors.get(operation);
            results.add(new AnalysisResult.OperationResult(operation, detector.modelName(), detector.modelVersion(),
                    channels.stream().map(ChannelDetection::outcome).toList()));
        });
        return new AnalysisResult(media, results);
    }

    /**
     * The channel's samples to the shared spectra first (when a detection subscribed to them), then
     * to every detection; likewise the end.
     */
    private static ChannelAnalysis fanOut(SharedSpectra spectra, List<ChannelDetection> detections) {
        boolean shared = spectra.hasSubscribers();
        if (!shared && detections.size() == 1) {
            return detections.get(0);
        }
        return new ChannelAnalysis() {
            @Override
            public void accept(float[] samples, int offset, int length) {
                if (shared) {
                    spectra.accept(samples, offset, length);
                }
                for (ChannelDetection detection : detections) {
                    detection.accept(samples, offset, length);
                }
            }

            @Override
            public void end() {
                if (shared) {
                    spectra.end();
                }
                detections.forEach(ChannelDetection::end);
            }
        };
    }
}
