package io.bonafide.detection.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bonafide.detection.model.internal.FileDigest;
import io.bonafide.detection.training.XgboostParameters;
import io.bonafide.detection.training.XgboostTrainer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * A tiny XGBoost model trained in the test on synthetic, separable 34-feature rows: a row is
 * genuine exactly when its first feature is positive. Written as a model version directory
 * ({@code booster.ubj} + {@code model.json}, identity standardisation, identity calibration).
 */
public final class TinyXgboostModel {
    public static final int DIMENSION = 34;

    private TinyXgboostModel() {
    }

    /** {@code n} seeded rows of 34 values in [-1, 1]. */
    public static List<float[]> rows(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<float[]> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            float[] row = new float[DIMENSION];
            for (int j = 0; j < DIMENSION; j++) {
                row[j] = (float) (random.nextDouble() * 2 - 1);
            }
            rows.add(row);
        }
        return rows;
    }

    /** The rule the model learns. */
    public static boolean genuine(float[] row) {
        return row[0] > 0;
    }

    /** A booster trained on 400 seeded rows with 20 shallow trees. */
    public static Booster train() throws XGBoostError {
        List<float[]> rows = rows(400, 11);
        boolean[] labels = new boolean[rows.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = genuine(rows.get(i));
        }
        return XgboostTrainer.train(rows, labels, new XgboostParameters(20, 3, 0.3, 5));
    }

    /** Writes the trained model and its descriptor into {@code dir}; answers the descriptor. */
    public static Path write(Path dir) throws IOException, XGBoostError {
        return write(dir, d -> { });
    }

    /** As {@link #write(Path)}, letting {@code edit} change the descriptor before it is written. */
    public static Path write(Path dir, Consumer<ObjectNode> edit) throws IOException, XGBoostError {
        Files.createDirectories(dir);
        Booster booster = train();
        Path file = dir.resolve("booster.ubj");
        Files.write(file, booster.toByteArray("ubj"));
        booster.dispose();
        ObjectMapper json = new ObjectMapper();
        ObjectNode d = json.createObjectNode();
        d.put("name", "tiny-xgboost");
        d.put("version", "1.0.0");
        d.put("kind", "xgboost");
        d.put("file", "booster.ubj");
        d.put("sha256", FileDigest.sha256(file));
        ObjectNode input = d.putObject("input");
        input.put("kind", "features:baseline34");
        input.put("sample_rate", 16000);
        input.put("min_seconds", 3.0);
        ObjectNode z = input.putObject("standardisation");
        ArrayNode mean = z.putArray("mean");
        ArrayNode std = z.putArray("std");
        for (int i = 0; i < DIMENSION; i++) {
            mean.add(0.0);
            std.add(1.0);
        }
        ObjectNode output = d.putObject("output");
        output.put("score", "margin");
        output.put("score_meaning", "logit_genuine");
        ObjectNode calibration = d.putObject("calibration");
        calibration.put("kind", "affine");
        calibration.put("a", 1.0);
        calibration.put("b", 0.0);
        edit.accept(d);
        Path descriptor = dir.resolve("model.json");
        Files.writeString(descriptor, json.writerWithDefaultPrettyPrinter().writeValueAsString(d));
        return descriptor;
    }
}
