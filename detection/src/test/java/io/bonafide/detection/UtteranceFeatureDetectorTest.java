package io.bonafide.detection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bonafide.audio.AudioFrontEnd;
import io.bonafide.audio.FrontEndOptions;
import io.bonafide.audio.resample.Resamplers;
import io.bonafide.audio.select.Selection;
import io.bonafide.audio.vad.VoiceActivityDetector;
import io.bonafide.detection.model.ModelException;
import io.bonafide.detection.testing.TestWavs;
import io.bonafide.detection.testing.TinyXgboostModel;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An XGBoost utterance-feature model answering deepfake detection through the Analyzer. */
class UtteranceFeatureDetectorTest {
    @TempDir
    static Path dir;
    private static Path descriptor;

    @BeforeAll
    static void writeModel() throws Exception {
        descriptor = TinyXgboostModel.write(dir.resolve("tiny-xgboost/1.0.0"));
    }

    private static AnalysisResult analyse(Detector detector, float[][] planar, int rate) {
        Analyzer analyzer = new Analyzer(new AudioFrontEnd(FrontEndOptions.DEFAULTS,
                r -> Resamplers.create(r, 16_000), VoiceActivityDetector::none, "none"), List.of(detector));
        return analyzer.analyse(new ByteArrayInputStream(TestWavs.floatWav(planar, rate)),
                new AnalysisRequest(List.of(Operation.DEEPFAKE_DETECTION), Selection.all(), false, true));
    }

    @Test
    void shouldGiveANullScoreToAChannelUnderThreeSeconds() {
        // Given the detector and 2.9 s of noise
        Detector detector = InstalledDetectors.load(Operation.DEEPFAKE_DETECTION, descriptor);
        float[][] audio = TestWavs.noise(1, 2.9, 16_000, 0.2, new SplittableRandom(1));

        // When it is analysed
        ChannelOutcome channel = analyse(detector, audio, 16_000).operations().get(0).channels().get(0);

        // Then there is no score, and no embedding either
        assertThat(channel.score()).isNull();
        assertThat(channel.embedding()).isNull();
    }

    @Test
    void shouldScoreEveryChannelOfThreeSecondsOrMore() {
        // Given the detector and a stereo file of 3.5 s at 44.1 kHz
        Detector detector = InstalledDetectors.load(Operation.DEEPFAKE_DETECTION, descriptor);
        float[][] audio = TestWavs.noise(2, 3.5, 44_100, 0.2, new SplittableRandom(2));

        // When it is analysed
        AnalysisResult result = analyse(detector, audio, 44_100);

        // Then both channels get a finite score under the model's name, and no embedding (the model has none)
        assertThat(result.operations().get(0).modelName()).isEqualTo("tiny-xgboost");
        assertThat(result.operations().get(0).channels()).hasSize(2).allSatisfy(c -> {
            assertThat(c.score()).isNotNull().isFinite();
            assertThat(c.embedding()).isNull();
        });
    }

    @Test
    void shouldRefuseAnUtteranceModelForSegmentedManipulationDetection() {
        assertThatThrownBy(() -> InstalledDetectors.load(Operation.AUDIO_MANIPULATION_DETECTION, descriptor))
                .isInstanceOf(ModelException.class).hasMessageContaining("segments");
    }

    @Test
    void shouldNotServeAComparisonModelFromItsOwnDirectory() throws Exception {
        // Given a models directory that holds only a baseline under another name than deepfake/
        // When the installed detectors are listed
        // Then there are none: only <dir>/deepfake/ is served
        assertThat(InstalledDetectors.from(dir)).isEmpty();
    }
}
