package io.bonafide.detection;

import io.bonafide.audio.AudioFrontEnd;
import io.bonafide.audio.FrontEndOptions;
import io.bonafide.audio.resample.Resamplers;
import io.bonafide.audio.select.Selection;
import io.bonafide.audio.vad.VoiceActivityDetector;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The three operations together in one {@link Analyzer} pass, as the worker runs them on a request
 * with the default operations: WAV decode, front end (no voice-activity detection, so the
 * operations' own cost shows), the installed deepfake ONNX model, the replay XGBoost model on its
 * utterance features and the manipulation XGBoost model on every 400 ms window. {@code operations}
 * also measures replay and manipulation alone. One invocation analyses 60 s of 16 kHz mono; scores
 * are milliseconds per second of audio, so the real-time factor per core is 1000 / score. Models
 * come from {@code bonafide.models.dir}.
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.AverageTime, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class AllOperationsBenchmark {
    private static final int SECONDS = 60;
    private static final VoiceActivityDetector NONE = VoiceActivityDetector.none();

    @Param({"all", "replay", "manipulation"})
    public String operations;

    private byte[] wav;
    private Analyzer analyzer;
    private AnalysisRequest request;

    @Setup
    public void setUp() {
        Path models = InstalledDetectors.modelsDirectory();
        List<Detector> detectors = InstalledDetectors.from(models);
        if (detectors.size() != 3) {
            throw new IllegalStateException("expected the three operations' models under " + models + ", found "
                    + detectors.stream().map(d -> d.operation().apiName()).toList());
        }
        analyzer = new Analyzer(new AudioFrontEnd(FrontEndOptions.DEFAULTS, rate -> Resamplers.create(rate, 16_000),
                () -> NONE, "none"), detectors);
        List<Operation> selected = switch (operations) {
            case "replay" -> List.of(Operation.REPLAY_ATTACK_DETECTION);
            case "manipulation" -> List.of(Operation.AUDIO_MANIPULATION_DETECTION);
            default -> List.of(Operation.values());
        };
        request = new AnalysisRequest(selected, Selection.all(), false, false);
        wav = speechLikeWav();
    }

    @Benchmark
    @OperationsPerInvocation(SECONDS)
    public AnalysisResult analyse16kHzMono() {
        return analyzer.analyse(new ByteArrayInputStream(wav), request);
    }

    private static byte[] speechLikeWav() {
        int n = SECONDS * 16_000;
        ByteBuffer b = ByteBuffer.allocate(44 + 2 * n).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(36 + 2 * n).put("WAVE".getBytes()).put("fmt ".getBytes()).putInt(16)
                .putShort((short) 1).putShort((short) 1).putInt(16_000).putInt(32_000).putShort((short) 2)
                .putShort((short) 16).put("data".getBytes()).putInt(2 * n);
        SplittableRandom random = new SplittableRandom(16_000);
        for (int i = 0; i < n; i++) {
            double t = i / 16_000.0;
            double voice = 0;
            for (int h = 1; h <= 10; h++) {
                voice += Math.sin(2 * Math.PI * 130 * h * t) / h;
            }
            double sample = 0.2 * (0.5 + 0.5 * Math.sin(2 * Math.PI * 4 * t)) * voice + 0.01 * (random.nextDouble() * 2 - 1);
            b.putShort((short) Math.round(sample * 32767));
        }
        return b.array();
    }
}
