package io.bonafide.detection;

import io.bonafide.detection.deepfake.DeepfakeDetector;
import io.bonafide.detection.features.FeatureSet;
import io.bonafide.detection.manipulation.ManipulationDetector;
import io.bonafide.detection.model.ModelDescriptor;
import io.bonafide.detection.model.ModelException;
import io.bonafide.detection.model.OnnxModel;
import io.bonafide.detection.model.XgboostModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds the models installed under a models directory, laid out as
 * {@code <dir>/<operation model>/<version>/model.json}, and builds a detector for each operation
 * that has one (the highest version wins): deepfake detection from {@code <dir>/deepfake/}, replay
 * detection from {@code <dir>/replay/}, manipulation detection from {@code <dir>/manipulation/}.
 * Deepfake detection reads {@code <dir>/deepfake/} only:
 * other model directories, such as the {@code deepfake-baseline34} comparison model, are never
 * served (evaluate them with {@code bonafide evaluate --model DIR}).
 * The directory comes from {@code bonafide.models.dir}, else {@code BONAFIDE_MODELS_DIR}, else {@code models}.
 */
public final class InstalledDetectors {
    private InstalledDetectors() {
    }

    /** The configured models directory. */
    public static Path modelsDirectory() {
        String configured = System.getProperty("bonafide.models.dir", System.getenv("BONAFIDE_MODELS_DIR"));
        return Path.of(configured == null || configured.isBlank() ? "models" : configured);
    }

    /** Detectors for the operations whose models are installed under {@code dir}. */
    public static List<Detector> from(Path dir) {
        List<Detector> detectors = new ArrayList<>();
        latestDescriptor(dir.resolve("deepfake")).map(d -> load(Operation.DEEPFAKE_DETECTION, d))
                .ifPresent(detectors::add);
        latestDescriptor(dir.resolve("replay")).map(d -> load(Operation.REPLAY_ATTACK_DETECTION, d))
                .ifPresent(detectors::add);
        latestDescriptor(dir.resolve("manipulation")).map(d -> load(Operation.AUDIO_MANIPULATION_DETECTION, d))
                .ifPresent(detectors::add);
        return List.copyOf(detectors);
    }

    /**
     * The detector for {@code operation} backed by the model that {@code descriptorFile} describes,
     * whatever its runtime: an ONNX raw-waveform model (deepfake detection only) or an XGBoost
     * utterance-feature model (any operation that scores whole channels).
     *
     * @throws ModelException when the model cannot be loaded or cannot answer {@code operation}
     */
    public static Detector load(Operation operation, Path descriptorFile) {
        ModelDescriptor descriptor = ModelDescriptor.read(descriptorFile);
        return switch (descriptor.kind()) {
            case XGBOOST -> {
                boolean windowed = descriptor.input().kind().featureSet().map(FeatureSet::windowed).orElse(false);
                if (operation == Operation.AUDIO_MANIPULATION_DETECTION) {
                    if (!windowed) {
                        throw new ModelException("an utterance-feature model gives one score per channel, but "
                                + operation.apiName() + " needs window scores to build segments", Map.of("descriptor", descriptorFile.toString()));
                    }
                    yield new ManipulationDetector(XgboostModel.load(descriptorFile));
                }
                if (windowed) {
                    throw new ModelException("a window-feature model scores 400 ms windows, but " + operation.apiName()
                            + " needs one score per channel", Map.of("descriptor", descriptorFile.toString()));
                }
                yield new UtteranceFeatureDetector(operation, XgboostModel.load(descriptorFile));
            }
            case ONNX -> {
                if (operation != Operation.DEEPFAKE_DETECTION) {
                    throw new ModelException("only deepfake_detection runs ONNX waveform models so far, not "
                            + operation.apiName(), Map.of("descriptor", descriptorFile.toString()));
                }
                yield new DeepfakeDetector(OnnxModel.load(descriptorFile));
            }
        };
    }

    /** The {@code model.json} of the highest version under {@code modelDir}, if any. */
    public static Optional<Path> latestDescriptor(Path modelDir) {
        if (!Files.isDirectory(modelDir)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(modelDir)) {
            return versions.filter(v -> Files.isRegularFile(v.resolve("model.json")))
                    .max(Comparator.comparing(v -> v.getFileName().toString(), InstalledDetectors::compareVersions))
                    .map(v -> v.resolve("model.json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Compares dotted versions numerically where both parts are numbers (1.10 after 1.9). */
    static int compareVersions(String a, String b) {
        String[] left = a.split("\\.");
        String[] right = b.split("\\.");
        for (int i = 0; i < Math.max(left.length, right.length); i++) {
            String l = i < left.length ? left[i] : "0";
            String r = i < right.length ? right[i] : "0";
            int order = l.matches("\\d+") && r.matches("\\d+")
                    ? Long.compare(Long.parseLong(l), Long.parseLong(r)) : l.compareTo(r);
            if (order != 0) {
                return order;
            }
        }
        return 0;
    }
}
