package io.bonafide.detection;

import io.bonafide.audio.AudioFrontEnd;
import io.bonafide.audio.FrontEndOptions;
import io.bonafide.audio.resample.Resamplers;
import io.bonafide.audio.select.Selection;
import io.bonafide.audio.vad.VoiceActivityDetector;
import io.bonafide.detection.deepfake.DeepfakeDetector;
import io.bonafide.detection.model.OnnxModel;
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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The deepfake operation on 16 kHz mono audio: WAV decode, front end (no voice-activity
 * detection, so the operation's own cost shows) and the installed ONNX model over 4 s windows
 * with a 2 s hop. One invocation analyses 60 s; scores are milliseconds per second of audio, so
 * the real-time factor per core is 1000 / score. The model comes from {@code bonafide.models.dir}
 * ({@code models/deepfake/<version>/model.json}).
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.AverageTime, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class DeepfakeBenchmark {
    private static final int SECONDS = 60;
    private static final VoiceActivityDetector NONE = VoiceActivityDetector.none();

    private byte[] wav;
    private Analyzer analyzer;
    private final AnalysisRequest request =
            new AnalysisRequest(List.of(Operation.DEEPFAKE_DETECTION), Selection.all(), false, false);

    @Setup
    public void setUp() {
        Path models = InstalledDetectors.modelsDirectory();
        Path descriptor = InstalledDetectors.latestDescriptor(models.resolve("deepfake"))
                .orElseThrow(() -> new IllegalStateException("no deepfake model under " + models));
        analyzer = new Analyzer(new AudioFrontEnd(FrontEndOptions.DEFAULTS, rate -> Resamplers.create(rate, 16_000),
                () -> NONE, "none"), List.of(new DeepfakeDetector(OnnxModel.load(descriptor))));
        wav = speechLikeWav();
    }

    @Benchmark
    @OperationsPerInvocation(SECONDS)
    public AnalysisResult deepfakeOn16kHzMono() {
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
