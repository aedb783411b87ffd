package io.bonafide.detection.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.bonafide.audio.AudioFrontEnd;
import io.bonafide.audio.FrontEndOptions;
import io.bonafide.audio.resample.Resamplers;
import io.bonafide.audio.vad.VoiceActivityDetector;
import io.bonafide.detection.Analyzer;
import io.bonafide.detection.InstalledDetectors;
import io.bonafide.detection.eval.MetricsReport;
import io.bonafide.detection.model.ModelDescriptor;
import io.bonafide.detection.model.XgboostModel;
import io.bonafide.detection.testing.TestWavs;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Training on a small corpus laid out as models/deepfake builds its trials (genuine: voiced
 * harmonic tones, f0 110 to 185 Hz in every split; attack: noise), then evaluating the written model with {@code evaluate --model}.
 */
class TrainXgboostCommandTest {
    @TempDir
    static Path dir;
    private static Path corpus;

    @BeforeAll
    static void writeCorpus() throws Exception {
        corpus = dir.resolve("corpus");
        Files.createDirectories(corpus.resolve("wav"));
        StringBuilder splits = new StringBuilder("utt_id\tsplit\tlabel\tgenerator\tspeaker\n");
        SplittableRandom random = new SplittableRandom(5);
        String[] plan = {"train", "train", "train", "train", "train", "train", "dev", "dev", "dev", "eval", "eval"};
        for (int i = 0; i < plan.length; i++) {
            for (boolean genuine : new boolean[] {true, false}) {
                String id = (genuine ? "g" : "a") + i;
                float[] x = genuine ? voiced(110 + 15 * (i % 6), random) : TestWavs.noise(1, 4.0, 16_000, 0.2, random)[0];
                Files.write(corpus.resolve("wav").resolve(id + ".wav"), TestWavs.floatWav(new float[][] {x}, 16_000));
                splits.append(id).append('\t').append(plan[i]).append('\t').append(genuine ? "genuine" : "attack")
                        .append('\t').append(genuine ? "genuine" : "noise").append("\tspk").append(i).append('\n');
            }
        }
        Files.writeString(corpus.resolve("splits.tsv"), splits);
    }

    private static float[] voiced(double f0, SplittableRandom random) {
        float[] x = new float[64_000];
        for (int n = 0; n < x.length; n++) {
            double t = n / 16_000.0;
            x[n] = (float) (0.3 * Math.sin(2 * Math.PI * f0 * t) + 0.15 * Math.sin(2 * Math.PI * 2 * f0 * t)
                    + 0.01 * (random.nextDouble() * 2 - 1));
        }
        return x;
    }

    private static int train(Path out, ByteArrayOutputStream stdout) {
        return new TrainXgboostCommand().run(List.of("--corpus", corpus.toString(), "--out", out.toString(),
                        "--threads", "2", "--name", "test-baseline34"),
                new PrintStream(stdout, true, StandardCharsets.UTF_8), System.err);
    }

    @Test
    void shouldWriteAServableModelThatTheSameCommandRewritesByteForByte() throws Exception {
        // Given the small corpus
        // When the model is trained twice
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        Path first = dir.resolve("first/1.0.0");
        Path second = dir.resolve("second/1.0.0");
        assertThat(train(first, stdout)).isZero();
        assertThat(train(second, new ByteArrayOutputStream())).isZero();

        // Then it reports its figures, writes a valid descriptor with train-split statistics, and both runs agree
        assertThat(stdout.toString(StandardCharsets.UTF_8)).contains("12 train and 6 dev trials").contains("dev EER");
        ModelDescriptor d = ModelDescriptor.read(first.resolve("model.json"));
        assertThat(d.kind()).isEqualTo(ModelDescriptor.Kind.XGBOOST);
        assertThat(d.file()).isEqualTo("booster.ubj");
        assertThat(d.input().standardisation().mean()).hasSize(34);
        assertThat(d.calibration().a()).isPositive();
        assertThat(first.resolve("training.json")).isNotEmptyFile();
        for (String file : List.of("booster.ubj", "model.json", "training.json")) {
            assertThat(Files.readAllBytes(second.resolve(file))).as(file).isEqualTo(Files.readAllBytes(first.resolve(file)));
        }
        assertThat(XgboostModel.load(first.resolve("model.json")).featureSet().dimension()).isEqualTo(34);
    }

    @Test
    void shouldEvaluateTheModelDirectoryNamedByModelAndWriteTheReportIntoIt() throws Exception {
        // Given a trained model with card notes beside it
        Path model = dir.resolve("evaluated/1.0.0");
        assertThat(train(model, new ByteArrayOutputStream())).isZero();
        Files.writeString(model.resolve("card-notes.md"), "## Data\n\nsynthetic\n");
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();

        // When evaluate runs on the eval split with --model and no --out
        int status = new EvaluateCommand(() -> {
            throw new AssertionError("the installed models must not be used");
        }, (operation, descriptor) -> new Analyzer(new AudioFrontEnd(FrontEndOptions.DEFAULTS,
                r -> Resamplers.create(r, 16_000), VoiceActivityDetector::none, "none"),
                List.of(InstalledDetectors.load(operation, descriptor)))).run(
                List.of("deepfake_detection", "--corpus", corpus.toString(), "--split", "eval", "--model", model.toString(),
                        "--threads", "1"),
                new PrintStream(stdout, true, StandardCharsets.UTF_8), System.err);

        // Then the report, plots, scores and card land in the model directory
        assertThat(status).isZero();
        MetricsReport report = MetricsReport.read(model.resolve(MetricsReport.FILE_NAME));
        assertThat(report.counts().total()).isEqualTo(4);
        assertThat(report.eer().percent()).isBetween(0.0, 100.0);
        assertThat(model.resolve("det.png")).isNotEmptyFile();
        assertThat(Files.readAllLines(model.resolve("scores.tsv"))).hasSize(5);
        assertThat(Files.readString(model.resolve("model-card.md"))).contains("test-baseline34").contains("synthetic");
    }

    @Test
    void shouldRefuseUnknownOptionsWithTheUsage() {
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();

        int status = new TrainXgboostCommand().run(List.of("--corpus", "x", "--out", "y", "--rounds", "many"),
                System.out, new PrintStream(stderr, true, StandardCharsets.UTF_8));

        assertThat(status).isEqualTo(AnalyzeCommand.INVALID);
        assertThat(stderr.toString(StandardCharsets.UTF_8)).contains("usage: bonafide train-xgboost");
    }
}
