package io.bonafide.detection.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bonafide.core.ErrorType;
import io.bonafide.detection.testing.TinyXgboostModel;
import io.bonafide.detection.training.XgboostTrainer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import ml.dmlc.xgboost4j.java.Booster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class XgboostModelTest {
    @TempDir
    Path dir;

    @Test
    void shouldScoreUnseenRowsOfTheLearntRuleOnTheRightSide() throws Exception {
        // Given a model trained on separable synthetic rows, written and loaded through its descriptor
        XgboostModel model = XgboostModel.load(TinyXgboostModel.write(dir));

        // When unseen rows are scored
        List<float[]> unseen = TinyXgboostModel.rows(200, 99);
        int right = 0;
        for (float[] row : unseen) {
            double llr = model.score(row);
            if ((llr > 0) == TinyXgboostModel.genuine(row)) {
                right++;
            }
        }

        // Then nearly all land on their side of 0 (genuine > 0)
        assertThat(right).isGreaterThanOrEqualTo(190);
        assertThat(model.featureSet().dimension()).isEqualTo(34);
        assertThat(model.descriptor().name()).isEqualTo("tiny-xgboost");
    }

    @Test
    void shouldPredictTheSameAfterASaveAndLoadRoundTrip() throws Exception {
        // Given a booster trained in memory and the same booster loaded from its written file
        Booster trained = TinyXgboostModel.train();
        XgboostModel loaded = XgboostModel.load(TinyXgboostModel.write(dir));
        List<float[]> rows = TinyXgboostModel.rows(50, 3);

        // When both score the same rows
        double[] margins = XgboostTrainer.margins(trained, rows);
        trained.dispose();

        // Then the margins agree (identity standardisation and calibration)
        for (int i = 0; i < rows.size(); i++) {
            assertThat(loaded.rawScore(rows.get(i))).isCloseTo(margins[i], within(1e-6));
        }
    }

    @Test
    void shouldScoreABatchExactlyAsEachRowAlone() throws Exception {
        // Given a model that scores through its descriptor's calibration
        XgboostModel model = XgboostModel.load(TinyXgboostModel.write(dir));
        List<float[]> rows = TinyXgboostModel.rows(300, 5);

        // When the rows are scored in one batch
        double[] batch = model.scores(rows);

        // Then every score is bit-for-bit the one-row score, and an empty batch gives none
        for (int i = 0; i < rows.size(); i++) {
            assertThat(batch[i]).isEqualTo(model.score(rows.get(i)));
        }
        assertThat(model.scores(List.of())).isEmpty();
    }

    @Test
    void shouldApplyStandardisationOrientationAndCalibrationFromTheDescriptor() throws Exception {
        // Given the plain model and a variant whose output means attack, calibrated with a = 2, b = 1
        XgboostModel plain = XgboostModel.load(TinyXgboostModel.write(dir.resolve("plain")));
        XgboostModel variant = XgboostModel.load(TinyXgboostModel.write(dir.resolve("variant"), d -> {
            ((ObjectNode) d.get("output")).put("score_meaning", "logit_attack");
            ((ObjectNode) d.get("calibration")).put("a", 2.0).put("b", 1.0);
        }));
        float[] row = TinyXgboostModel.rows(1, 8).get(0);

        // When both score one row
        // Then the variant negates and calibrates the same raw output
        assertThat(variant.rawScore(row)).isCloseTo(-plain.rawScore(row), within(1e-9));
        assertThat(variant.score(row)).isCloseTo(2 * -plain.rawScore(row) + 1, within(1e-9));
    }

    @Test
    void shouldTurnAProbabilityOutputBackIntoTheMargin() throws Exception {
        XgboostModel margin = XgboostModel.load(TinyXgboostModel.write(dir.resolve("margin")));
        XgboostModel probability = XgboostModel.load(TinyXgboostModel.write(dir.resolve("probability"),
                d -> ((ObjectNode) d.get("output")).put("score", "probability")));
        for (float[] row : TinyXgboostModel.rows(20, 4)) {
            assertThat(probability.rawScore(row)).isCloseTo(margin.rawScore(row), within(1e-3));
        }
    }

    @Test
    void shouldRefuseABoosterWhoseChecksumDiffersFromItsDescriptor() throws Exception {
        // Given a model whose booster file was replaced after the descriptor was written
        Path descriptor = TinyXgboostModel.write(dir);
        byte[] bytes = Files.readAllBytes(dir.resolve("booster.ubj"));
        bytes[bytes.length - 1] ^= 1;
        Files.write(dir.resolve("booster.ubj"), bytes);

        // When it is loaded / Then a typed internal error names both checksums
        assertThatThrownBy(() -> XgboostModel.load(descriptor))
                .isInstanceOfSatisfying(ModelException.class, e -> {
                    assertThat(e.type()).isEqualTo(ErrorType.INTERNAL);
                    assertThat(e.getMessage()).contains("sha256");
                    assertThat(e.context()).containsKeys("expected_sha256", "actual_sha256", "file");
                });
    }

    @Test
    void shouldRefuseAnOnnxDescriptorAndTheOnnxRuntimeAnXgboostOne() throws Exception {
        Path xgboost = TinyXgboostModel.write(dir);

        assertThatThrownBy(() -> XgboostModel.load(TinyModelReference.descriptor()))
                .isInstanceOf(ModelException.class).hasMessageContaining("not xgboost");
        assertThatThrownBy(() -> OnnxModel.load(xgboost))
                .isInstanceOf(ModelException.class).hasMessageContaining("not onnx");
    }

    @Test
    void shouldRefuseAVectorOfTheWrongLength() throws Exception {
        XgboostModel model = XgboostModel.load(TinyXgboostModel.write(dir));

        assertThatThrownBy(() -> model.score(new float[33])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldGiveTheSameScoresFromConcurrentThreads() throws Exception {
        // Given one model and rows scored on one thread
        XgboostModel model = XgboostModel.load(TinyXgboostModel.write(dir));
        List<float[]> rows = TinyXgboostModel.rows(400, 21);
        double[] expected = rows.stream().mapToDouble(model::score).toArray();

        // When four threads score them at once
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<double[]>> futures = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                futures.add(pool.submit(() -> rows.stream().mapToDouble(model::score).toArray()));
            }
            // Then every thread sees the same scores
            for (Future<double[]> f : futures) {
                assertThat(f.get()).containsExactly(expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
