package io.bonafide.detection;

import static org.assertj.core.api.Assertions.assertThat;

import io.bonafide.audio.AudioFrontEnd;
import io.bonafide.audio.FrontEndOptions;
import io.bonafide.audio.resample.Resamplers;
import io.bonafide.audio.select.ChannelMode;
import io.bonafide.audio.select.Selection;
import io.bonafide.audio.vad.VoiceActivityDetector;
import io.bonafide.detection.ChannelOutcome.Segment;
import io.bonafide.detection.manipulation.ManipulationDetector;
import io.bonafide.detection.manipulation.SegmentMerger;
import io.bonafide.detection.testing.TestWavs;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalDouble;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Real inference with the committed replay and manipulation models ({@code models/replay/},
 * {@code models/manipulation/}) through the {@link Analyzer}, on the edge cases of SPEC §2:
 * silence, audio under one window or under the replay minimum, a time range, split and mix.
 */
class InstalledReplayAndManipulationModelsTest {
    private static final Path MODELS = Path.of("..", "models");
    private static Analyzer analyzer;

    @BeforeAll
    static void loadInstalledModels() {
        List<Detector> detectors = InstalledDetectors.from(MODELS).stream()
                .filter(d -> d.operation() != Operation.DEEPFAKE_DETECTION).toList();
        assertThat(detectors).extracting(Detector::operation)
                .containsExactlyInAnyOrder(Operation.REPLAY_ATTACK_DETECTION, Operation.AUDIO_MANIPULATION_DETECTION);
        analyzer = new Analyzer(new AudioFrontEnd(FrontEndOptions.DEFAULTS, r -> Resamplers.create(r, 16_000),
                VoiceActivityDetector::none, "none"), detectors);
    }

    private static AnalysisResult analyse(float[][] planar, Selection selection, boolean raw) {
        return analyzer.analyse(new ByteArrayInputStream(TestWavs.floatWav(planar, 16_000)),
                new AnalysisRequest(List.of(Operation.REPLAY_ATTACK_DETECTION, Operation.AUDIO_MANIPULATION_DETECTION),
                        selection, raw, false));
    }

    private static List<ChannelOutcome> channels(AnalysisResult result, Operation operation) {
        return result.operations().stream().filter(o -> o.operation() == operation).findFirst().orElseThrow().channels();
    }

    private static float[][] speechLike(int channels, double seconds) {
        float[][] noise = TestWavs.noise(channels, seconds, 16_000, 0.01, new SplittableRandom(11));
        for (float[] channel : noise) {
            for (int i = 0; i < channel.length; i++) {
                double t = i / 16_000.0;
                double voice = 0;
                for (int h = 2; h <= 20; h++) {
                    voice += Math.sin(2 * Math.PI * 140 * h * t) / h;
                }
                channel[i] += (float) (0.2 * (0.5 + 0.5 * Math.sin(2 * Math.PI * 4 * t)) * voice);
            }
        }
        return noise;
    }

    @Test
    void shouldScoreReplayAndGiveEveryRawWindowForFourSecondsOfSpeechLikeAudio() {
        // When 4 s are analysed with raw segmentation
        AnalysisResult result = analyse(speechLike(1, 4.0), Selection.all(), true);

        // Then replay has a finite score and manipulation 19 windows of 400 ms every 200 ms
        assertThat(channels(result, Operation.REPLAY_ATTACK_DETECTION).get(0).score()).isFinite();
        List<Segment> windows = channels(result, Operation.AUDIO_MANIPULATION_DETECTION).get(0).segments();
        assertThat(windows).hasSize(19);
        assertThat(windows.get(0)).extracting(Segment::startTime, Segment::endTime).containsExactly(0.0, 0.4);
        assertThat(windows.get(18)).extracting(Segment::startTime, Segment::endTime).containsExactly(3.6, 4.0);
        windows.forEach(w -> assertThat(w.score()).isFinite());
    }

    @Test
    void shouldReturnOnlyMergedSuspiciousSegmentsByDefault() {
        float[][] audio = speechLike(1, 6.0);
        List<Segment> raw = channels(analyse(audio, Selection.all(), true), Operation.AUDIO_MANIPULATION_DETECTION)
                .get(0).segments();
        List<Segment> merged = channels(analyse(audio, Selection.all(), false), Operation.AUDIO_MANIPULATION_DETECTION)
                .get(0).segments();

        List<Segment> runs = SegmentMerger.merge(raw, 0);
        ManipulationDetector detector = (ManipulationDetector) analyzer.detector(Operation.AUDIO_MANIPULATION_DETECTION)
                .orElseThrow();

        // The fixture has a run of suspicious windows, so the model's segment calibration is exercised.
        assertThat(runs).isNotEmpty();
        assertThat(merged).isEqualTo(detector.segments(raw));
        assertThat(merged).allSatisfy(s -> {
            assertThat(s.score()).isNegative();
            assertThat(runs).anySatisfy(r -> assertThat(List.of(r.startTime(), r.endTime()))
                    .containsExactly(s.startTime(), s.endTime()));
        });
    }

    @Test
    void shouldGiveFiniteAnswersForDigitalSilence() {
        AnalysisResult result = analyse(new float[][] {new float[3 * 16_000]}, Selection.all(), true);

        assertThat(channels(result, Operation.REPLAY_ATTACK_DETECTION).get(0).score()).isFinite();
        assertThat(channels(result, Operation.AUDIO_MANIPULATION_DETECTION).get(0).segments()).hasSize(14)
                .allSatisfy(w -> assertThat(w.score()).isFinite());
    }

    @Test
    void shouldAnswerNullReplayAndNoWindowUnderTheirMinimumLengths() {
        // 0.3 s: under one 400 ms window and under replay's 2 s minimum
        AnalysisResult result = analyse(speechLike(1, 0.3), Selection.all(), true);

        assertThat(channels(result, Operation.REPLAY_ATTACK_DETECTION).get(0).score()).isNull();
        assertThat(channels(result, Operation.AUDIO_MANIPULATION_DETECTION).get(0).segments()).isEmpty();
    }

    @Test
    void shouldReportWindowTimesFromTheFileStartWhenAStartTimeIsSet() {
        Selection from = new Selection(ChannelMode.SPLIT, List.of(), OptionalDouble.of(1.5), OptionalDouble.of(3.5));

        List<Segment> windows = channels(analyse(speechLike(1, 5.0), from, true), Operation.AUDIO_MANIPULATION_DETECTION)
                .get(0).segments();

        assertThat(windows).hasSize(9);
        assertThat(windows.get(0)).extracting(Segment::startTime, Segment::endTime).containsExactly(1.5, 1.9);
        assertThat(windows.get(8).endTime()).isEqualTo(3.5);
    }

    @Test
    void shouldAnswerPerChannelInSplitModeAndOnceInMixMode() {
        float[][] stereo = speechLike(2, 3.0);
        Selection mix = new Selection(ChannelMode.MIX, List.of(), OptionalDouble.empty(), OptionalDouble.empty());

        AnalysisResult split = analyse(stereo, Selection.all(), false);
        AnalysisResult mixed = analyse(stereo, mix, false);

        assertThat(channels(split, Operation.REPLAY_ATTACK_DETECTION)).extracting(ChannelOutcome::channelNumber)
                .containsExactly(0, 1);
        assertThat(channels(split, Operation.AUDIO_MANIPULATION_DETECTION)).hasSize(2);
        assertThat(channels(mixed, Operation.REPLAY_ATTACK_DETECTION)).extracting(ChannelOutcome::channelNumber)
                .containsExactly(0);
        assertThat(channels(mixed, Operation.AUDIO_MANIPULATION_DETECTION)).hasSize(1);
    }
}
