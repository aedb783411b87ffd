package io.bonafide.detection.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * The test model of {@code models/testing/make_test_model.py}, recomputed in Java, with its
 * descriptor's location and a way to write variants of that descriptor.
 */
final class TinyModelReference {
    static final int WINDOW = 64_000;
    static final int HOP = 32_000;
    static final int EMBEDDING = 8;
    static final double A = 1.5;
    static final double B = -0.5;

    private TinyModelReference() {
    }

    static Path descriptor() {
        return resource("/model/tiny-waveform/1.0.0/model.json");
    }

    /** The same graph with its batch dimension fixed at the descriptor's batch size, 4. */
    static Path fixedBatchDescriptor() {
        return resource("/model/tiny-waveform-fixed-batch/1.0.0/model.json");
    }

    private static Path resource(String name) {
        try {
            return Path.of(TinyModelReference.class.getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** logit_genuine of one window, as the graph computes it. */
    static double logit(float[] x, int from) {
        double abs = 0;
        double square = 0;
        double sum = 0;
        for (int i = from; i < from + WINDOW; i++) {
            abs += Math.abs(x[i]);
            square += (double) x[i] * x[i];
            sum += x[i];
        }
        return 4.0 * abs / WINDOW - 3.0 * square / WINDOW + 0.5 * sum / WINDOW - 0.25;
    }

    /** embedding of one window, as the graph computes it. */
    static double[] embedding(float[] x, int from) {
        int segment = WINDOW / EMBEDDING;
        double[] e = new double[EMBEDDING];
        for (int k = 0; k < EMBEDDING; k++) {
            double abs = 0;
            for (int i = 0; i < segment; i++) {
                abs += Math.abs(x[from + k * segment + i]);
            }
            e[k] = (k + 1) * abs / segment;
        }
        return e;
    }

    /** Seeded noise with a slow amplitude swing, so windows differ from each other. */
    static float[] signal(long seed, int samples) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] x = new float[samples];
        for (int i = 0; i < samples; i++) {
            double envelope = 0.3 + 0.25 * Math.sin(2 * Math.PI * i / 50_000.0);
            x[i] = (float) (envelope * (random.nextDouble() * 2 - 1) + 0.02);
        }
        return x;
    }

    /** Copies the test model into {@code dir} with a descriptor edited by {@code edit}; answers the descriptor. */
    static Path variant(Path dir, Consumer<ObjectNode> edit) {
        return variant(descriptor(), dir, edit);
    }

    /** Copies the model of {@code source} into {@code dir} with its descriptor edited by {@code edit}. */
    static Path variant(Path source, Path dir, Consumer<ObjectNode> edit) {
        try {
            ObjectMapper json = new ObjectMapper();
            ObjectNode node = (ObjectNode) json.readTree(source.toFile());
            edit.accept(node);
            Files.copy(source.resolveSibling("model.onnx"), dir.resolve("model.onnx"));
            Path out = dir.resolve("model.json");
            json.writeValue(out.toFile(), node);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ChannelScore score(OnnxModel model, float[] x, int block, boolean embeddings) {
        WaveformScorer scorer = new WaveformScorer(model, embeddings);
        for (int i = 0; i < x.length; i += block) {
            scorer.accept(x, i, Math.min(block, x.length - i));
        }
        scorer.end();
        return scorer.result();
    }
}
