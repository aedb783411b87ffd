package io.bonafide.detection.deepfake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bonafide.audio.AudioFrontEnd;
import io.bonafide.audio.FrontEndOptions;
import io.bonafide.audio.MediaException;
import io.bonafide.audio.select.ChannelMode;
import io.bonafide.audio.select.Selection;
import io.bonafide.audio.vad.VoiceActivityDetectors;
import io.bonafide.core.ErrorType;
import io.bonafide.detection.AnalysisRequest;
import io.bonafide.detection.AnalysisResult;
import io.bonafide.detection.Analyzer;
import io.bonafide.detection.ChannelOutcome;
import io.bonafide.detection.Operation;
import io.bonafide.detection.model.OnnxModel;
import io.bonafide.detection.testing.TestWavs;
import java.io.ByteArrayInputStream;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalDouble;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The SPEC 2 behaviour of deepfake detection end to end — decoded file, front end, real ONNX
 * Runtime inference — on the tiny test model (its scores mean nothing; the shapes do).
 */
class DeepfakeDetectorTest {
    private static Analyzer analyzer;

    @BeforeAll
    static void loadModel() throws URISyntaxException {
        Path descriptor = Path.of(DeepfakeDetectorTest.class.getClassLoader()
                .getResource("model/tiny-waveform/1.0.0/model.json").toURI());
        analyzer = new Analyzer(AudioFrontEnd.standard(FrontEndOptions.DEFAULTS, VoiceActivityDetectors.create()),
                List.of(new DeepfakeDetector(OnnxModel.load(descriptor))));
    }

    @Test
    void shouldGiveNoScoreForTwoPointNineSecondsAndAScoreForThreeSeconds() {
        assertThat(onlyChannel(analyse(noise(1, 2.9, 1), request(Selection.all(), false))).score()).isNull();
        assertThat(onlyChannel(analyse(noise(1, 3.0, 1), request(Selection.all(), false))).score()).isNotNull().isFinite();
    }

    @Test
    void shouldScoreNanAndInfiniteSamplesWithoutAnsweringNaN() {
        float[][] planar = noise(1, 5.0, 2);
        planar[0][100] = Float.NaN;
        planar[0][200] = Float.POSITIVE_INFINITY;
        planar[0][300] = Float.NEGATIVE_INFINITY;

        assertThat(onlyChannel(analyse(planar, request(Selection.all(), false))).score()).isNotNull().isFinite();
    }

    @Test
    void shouldScoreDigitalSilenceAndClippedAudioWithFiniteNumbers() {
        float[][] silence = new float[1][16_000 * 4];
        float[][] clipped = noise(1, 4.0, 3);
        for (int i = 0; i < clipped[0].length; i++) {
            clipped[0][i] = Math.max(-1f, Math.min(1f, clipped[0][i] * 50));
        }

        assertThat(onlyChannel(analyse(silence, request(Selection.all(), false))).score()).isNotNull().isFinite();
        assertThat(onlyChannel(analyse(clipped, request(Selection.all(), false))).score()).isNotNull().isFinite();
    }

    @ParameterizedTest
    @EnumSource(ChannelMode.class)
    void shouldAnswerPerChannelInSplitAndOnceAsChannelZeroInMix(ChannelMode mode) {
        AnalysisResult result = analyse(noise(3, 4.0, 4),
                request(new Selection(mode, List.of(2, 0), OptionalDouble.empty(), OptionalDouble.empty()), false));

        List<ChannelOutcome> channels = result.operations().get(0).channels();
        assertThat(channels).extracting(ChannelOutcome::channelNumber)
                .containsExactlyElementsOf(mode == ChannelMode.SPLIT ? List.of(2, 0) : List.of(0));
        assertThat(channels).allSatisfy(c -> assertThat(c.score()).isNotNull());
    }

    @Test
    void shouldJudgeOnlyTheTimeRangeSoThatAShortRangeHasNoScore() {
        float[][] fiveSeconds = noise(1, 5.0, 5);
        Selection lastFour = new Selection(ChannelMode.SPLIT, List.of(), OptionalDouble.of(1.0), OptionalDouble.empty());
        Selection lastTwoAndAHalf = new Selection(ChannelMode.SPLIT, List.of(), OptionalDouble.of(2.5), OptionalDouble.empty());

        AnalysisResult four = analyse(fiveSeconds, request(lastFour, false));

        assertThat(onlyChannel(four).score()).isNotNull();
        assertThat(four.media().durationSeconds()).isEqualTo(5.0);
        assertThat(four.media().startSeconds()).isEqualTo(1.0);
        assertThat(onlyChannel(analyse(fiveSeconds, request(lastTwoAndAHalf, false))).score()).isNull();
    }

    @Test
    void shouldAddTheEmbeddingOnlyWhenAsked() {
        float[][] audio = noise(1, 4.0, 6);

        assertThat(onlyChannel(analyse(audio, request(Selection.all(), false))).embedding()).isNull();
        assertThat(onlyChannel(analyse(audio, request(Selection.all(), true))).embedding()).hasSize(8);
    }

    @Test
    void shouldRejectAnUnsupportedFileWithItsMediaType() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};

        assertThatThrownBy(() -> analyzer.analyse(new ByteArrayInputStream(png), request(Selection.all(), false)))
                .isInstanceOfSatisfying(MediaException.class,
                        e -> assertThat(e.type()).isEqualTo(ErrorType.MEDIA_UNSUPPORTED_FORMAT));
    }

    @Test
    void shouldGiveTheSameScoreForTheSameAudioEveryTime() {
        float[][] audio = noise(1, 6.0, 7);

        assertThat(onlyChannel(analyse(audio, request(Selection.all(), false))).score())
                .isEqualTo(onlyChannel(analyse(audio, request(Selection.all(), false))).score());
    }

    private static AnalysisRequest request(Selection selection, boolean embeddings) {
        return new AnalysisRequest(List.of(Operation.DEEPFAKE_DETECTION), selection, false, embeddings);
    }

    private static AnalysisResult analyse(float[][] planar, AnalysisRequest request) {
        return analyzer.analyse(new ByteArrayInputStream(TestWavs.floatWav(planar, 16_000)), request);
    }

    private static ChannelOutcome onlyChannel(AnalysisResult result) {
        assertThat(result.operations()).hasSize(1);
        assertThat(result.operations().get(0).channels()).hasSize(1);
        return result.operations().get(0).channels().get(0);
    }

    /** Seeded noise, {@code channels} × {@code seconds} at 16 kHz, louder on later channels. */
    private static float[][] noise(int channels, double seconds, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[][] planar = new float[channels][];
        for (int c = 0; c < channels; c++) {
            planar[c] = TestWavs.noise(1, seconds, 16_000, 0.05 + 0.1 * c, random)[0];
        }
        return planar;
    }
}
