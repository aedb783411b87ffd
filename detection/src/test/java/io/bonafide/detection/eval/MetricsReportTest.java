package io.bonafide.detection.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.bonafide.detection.eval.LabelledScores.Label;
import io.bonafide.detection.eval.LabelledScores.Trial;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsReportTest {

    @Test
    void shouldRoundTripThroughMetricsJson(@TempDir Path dir) {
        // Given a report with per-generator EERs
        MetricsReport report = MetricsReport.compute("synthetic", "eval", syntheticScores(1), DcfParameters.ASVSPOOF5,
                List.of("generator"));

        // When
        report.write(dir.resolve("metrics.json"));
        MetricsReport read = MetricsReport.read(dir.resolve("metrics.json"));

        // Then
        assertThat(read).isEqualTo(report);
        assertThat(read.perAttribute("generator")).containsOnlyKeys("A01", "A02");
    }

    @Test
    void shouldWriteKeysInAStableDocumentedOrder(@TempDir Path dir) throws Exception {
        // Given
        MetricsReport report = MetricsReport.compute("synthetic", "eval", syntheticScores(1), DcfParameters.ASVSPOOF5,
                List.of("generator"));

        // When
        String json = report.toJson();

        // Then top-level keys appear in order, and the same report serialises identically twice
        assertThat(json).containsSubsequence("\"protocol\"", "\"split\"", "\"counts\"", "\"eer\"", "\"minDcf\"",
                "\"actDcf\"", "\"cllr\"", "\"perAttribute\"");
        assertThat(json).containsSubsequence("\"fraction\"", "\"percent\"", "\"threshold\"");
        assertThat(json).containsSubsequence("\"pTarget\" : 0.95", "\"cMiss\" : 1.0", "\"cFa\" : 10.0");
        assertThat(json).doesNotContain("\"plots\"");
        assertThat(report.toJson()).isEqualTo(json);
    }

    @Test
    void shouldSurviveAnInfiniteThresholdInTheRoundTrip(@TempDir Path dir) {
        // Given inverted scores and a low genuine prior, so the best DCF rejects everything (threshold +inf)
        LabelledScores inverted = LabelledScores.of(new double[] {-1, -2}, new double[] {1, 2});
        MetricsReport report = MetricsReport.compute("inverted", "eval", inverted, new DcfParameters(0.1, 1, 1), List.of());
        assertThat(report.minDcf().threshold()).isEqualTo(Double.POSITIVE_INFINITY);

        // When
        report.write(dir.resolve("metrics.json"));

        // Then
        assertThat(MetricsReport.read(dir.resolve("metrics.json"))).isEqualTo(report);
    }

    @Test
    void shouldEvaluateIntoAFolderWithPlotsAndReport(@TempDir Path dir) throws Exception {
        // Given
        LabelledScores scores = syntheticScores(2);

        // When
        MetricsReport report = MetricsReport.evaluate("synthetic", "held-out", scores, DcfParameters.ASVSPOOF5,
                List.of("generator"), dir);

        // Then
        assertThat(dir.resolve(MetricsReport.FILE_NAME)).exists();
        assertThat(dir.resolve(report.plots().det())).exists();
        assertThat(dir.resolve(report.plots().roc())).exists();
        assertThat(MetricsReport.read(dir.resolve(MetricsReport.FILE_NAME))).isEqualTo(report);
        assertThat(report.counts().total()).isEqualTo(scores.size());
        assertThat(report.eer().percent()).isCloseTo(report.eer().fraction() * 100, within(1e-12));
        assertThat(report.actDcf().value()).isGreaterThanOrEqualTo(report.minDcf().value());
        assertThat(report.actDcf().threshold()).isEqualTo(DcfParameters.ASVSPOOF5.bayesThreshold());
    }

    @Test
    void shouldAgreeWithinHalfAPercentagePointAndDisagreeBeyondIt() {
        // Given two reports 0.4 pp and 0.6 pp of EER apart
        MetricsReport committed = withEerPercent(10.0);

        // When
        MetricsReport.Agreement close = withEerPercent(10.4).compare(committed, 0.5);
        MetricsReport.Agreement far = withEerPercent(9.4).compare(committed, 0.5);

        // Then
        assertThat(close.agrees()).isTrue();
        assertThat(close.eerDifferencePp()).isCloseTo(0.4, within(1e-9));
        assertThat(far.agrees()).isFalse();
        assertThat(far.eerDifferencePp()).isCloseTo(-0.6, within(1e-9));
    }

    @Test
    void shouldReproduceTheCommittedReportFromTheSameSeededScores(@TempDir Path dir) {
        // Given a committed report and a rerun on identically generated scores
        MetricsReport committed = MetricsReport.compute("synthetic", "eval", syntheticScores(9), DcfParameters.ASVSPOOF5,
                List.of());
        committed.write(dir.resolve("metrics.json"));

        // When
        MetricsReport rerun = MetricsReport.compute("synthetic", "eval", syntheticScores(9), DcfParameters.ASVSPOOF5,
                List.of());

        // Then
        assertThat(rerun.compare(MetricsReport.read(dir.resolve("metrics.json")), 0.5).agrees()).isTrue();
    }

    private static MetricsReport withEerPercent(double percent) {
        return new MetricsReport("p", "s", new MetricsReport.Counts(1, 1, 2),
                new MetricsReport.Eer(percent / 100, percent, 0.0),
                new MetricsReport.MinDcfFigure(0.1, 0.0, 0.95, 1, 10), new MetricsReport.ActDcfFigure(0.2, 0.0),
                0.5, Map.of(), null);
    }

    private static LabelledScores syntheticScores(long seed) {
        Random random = new Random(seed);
        List<Trial> trials = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            trials.add(new Trial("g" + i, Label.GENUINE, 2.0 + random.nextGaussian(), Map.of("speaker", "s" + (i % 5))));
        }
        for (int i = 0; i < 500; i++) {
            String generator = i % 2 == 0 ? "A01" : "A02";
            double mean = generator.equals("A01") ? -2.0 : 0.5;
            trials.add(new Trial("a" + i, Label.ATTACK, mean + random.nextGaussian(), Map.of("generator", generator)));
        }
        return LabelledScores.of(trials);
    }
}
