package io.bonafide.detection.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.bonafide.audio.AudioFrontEnd;
import io.bonafide.audio.FrontEndOptions;
import io.bonafide.audio.vad.VoiceActivityDetectors;
import io.bonafide.detection.Analyzer;
import io.bonafide.detection.deepfake.DeepfakeDetector;
import io.bonafide.detection.eval.MetricsReport;
import io.bonafide.detection.model.OnnxModel;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The evaluate command on a small corpus laid out as models/corpus builds it, with the tiny test model. */
class EvaluateCommandTest {
    @TempDir
    Path dir;

    @Test
    void shouldScoreTheSplitThroughTheServingPipelineAndWriteMetricsPlotsAndScores() throws Exception {
        // Given a corpus: eval trials whose loudness the tiny model reads as its score, one too short, one train trial
        Path corpus = dir.resolve("corpus");
        Files.createDirectories(corpus.resolve("wav"));
        StringBuilder splits = new StringBuilder("utt_id\tsplit\tlabel\tgenerator\tspeaker\n");
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 6; i++) {
            boolean genuine = i % 2 == 0;
            String id = (genuine ? "g" : "a") + i;
            writeNoise(corpus.resolve("wav").resolve(id + ".wav"), 4.0, genuine ? 0.3 : 0.02, random);
            splits.append(id).append("\teval\t").append(genuine ? "genuine" : "attack").append('\t')
                    .append(genuine ? "genuine" : "espeak-ng:en").append("\tspk").append(i).append('\n');
        }
        writeNoise(corpus.resolve("wav").resolve("short.wav"), 2.0, 0.3, random);
        splits.append("short\teval\tgenuine\tgenuine\tspk9\n");
        writeNoise(corpus.resolve("wav").resolve("t0.wav"), 4.0, 0.3, random);
        splits.append("t0\ttrain\tgenuine\tgenuine\tspk10\n");
        Files.writeString(corpus.resolve("splits.tsv"), splits);
        Path out = dir.resolve("out");
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();

        // When
        int status = new EvaluateCommand(EvaluateCommandTest::analyzer).run(
                List.of("deepfake_detection", "--corpus", corpus.toString(), "--out", out.toString(), "--threads", "2"),
                new PrintStream(stdout, true, StandardCharsets.UTF_8), System.err);

        // Then six eval trials were scored, the short one left out and counted, the train trial ignored
        assertThat(status).isZero();
        assertThat(stdout.toString(StandardCharsets.UTF_8)).contains("6 trials scored, 1 too short to score");
        MetricsReport report = MetricsReport.read(out.resolve(MetricsReport.FILE_NAME));
        assertThat(report.counts().total()).isEqualTo(6);
        assertThat(report.eer().percent()).isBetween(0.0, 100.0);
        assertThat(out.resolve("det.png")).isNotEmptyFile();
        assertThat(out.resolve("roc.png")).isNotEmptyFile();
        assertThat(Files.readAllLines(out.resolve("scores.tsv"))).hasSize(7);
        assertThat(Files.readString(out.resolve("model-card.md"))).contains("tiny-waveform").contains("EER");
    }

    private static Analyzer analyzer() {
        try {
            Path descriptor = Path.of(EvaluateCommandTest.class.getClassLoader()
                    .getResource("model/tiny-waveform/1.0.0/model.json").toURI());
            return new Analyzer(AudioFrontEnd.standard(FrontEndOptions.DEFAULTS, VoiceActivityDetectors.create()),
                    List.of(new DeepfakeDetector(OnnxModel.load(descriptor))));
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void writeNoise(Path file, double seconds, double amplitude, SplittableRandom random)
            throws Exception {
        int n = (int) (seconds * 16_000);
        ByteBuffer b = ByteBuffer.allocate(44 + n * 2).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + n * 2).put("WAVE".getBytes(StandardCharsets.US_ASCII))
                .put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1).putShort((short) 1)
                .putInt(16_000).putInt(32_000).putShort((short) 2).putShort((short) 16)
                .put("data".getBytes(StandardCharsets.US_ASCII)).putInt(n * 2);
        for (int i = 0; i < n; i++) {
            b.putShort((short) Math.round(amplitude * (random.nextDouble() * 2 - 1) * 32767));
        }
        Files.write(file, b.array());
    }
}
