package io.bonafide.detection;

import io.bonafide.detection.deepfake.DeepfakeDetector;
import io.bonafide.detection.model.OnnxModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds the models installed under a models directory, laid out as
 * {@code <dir>/<operation model>/<version>/model.json}, and builds a detector for each operation
 * that has one (the highest version wins). Deepfake detection reads {@code <dir>/deepfake/}.
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
        latestDescriptor(dir.resolve("deepfake")).map(OnnxModel::load).map(DeepfakeDetector::new)
                .ifPresent(detectors::add);
        return List.copyOf(detectors);
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
