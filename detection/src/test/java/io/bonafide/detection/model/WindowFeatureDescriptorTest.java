package io.bonafide.detection.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bonafide.detection.InstalledDetectors;
import io.bonafide.detection.Operation;
import io.bonafide.detection.features.FeatureSet;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Descriptors of the committed replay and manipulation models, and the window geometry rule. */
class WindowFeatureDescriptorTest {
    private static final Path MANIPULATION = Path.of("..", "models", "manipulation", "2.2.0", "model.json");
    private static final Path REPLAY = Path.of("..", "models", "replay", "2.0.0", "model.json");

    private static ObjectNode manipulation() throws Exception {
        return (ObjectNode) new ObjectMapper().readTree(Files.readString(MANIPULATION));
    }

    @Test
    void shouldReadTheCommittedWindowAndUtteranceDescriptors() {
        ModelDescriptor windows = ModelDescriptor.read(MANIPULATION);
        assertThat(windows.input().kind().featureSet()).contains(FeatureSet.MANIPULATION322);
        assertThat(windows.input().windowSeconds()).isEqualTo(0.4);
        assertThat(windows.input().hopSeconds()).isEqualTo(0.2);
        assertThat(windows.segmentCalibration().a()).isPositive();
        assertThat(ModelDescriptor.read(REPLAY).input().kind().featureSet()).contains(FeatureSet.REPLAY198);
    }

    @Test
    void shouldRefuseAWindowSetWithAnotherWindowGeometry() throws Exception {
        ObjectNode d = manipulation();
        ((ObjectNode) d.get("input")).put("hop_seconds", 0.1);

        assertThatThrownBy(() -> ModelDescriptor.parse(d.toString()).validate())
                .isInstanceOf(ModelException.class).hasMessageContaining("input.hop_seconds");
    }

    @Test
    void shouldRefuseToServeAWindowModelForAChannelScoreAndAnUtteranceModelForSegments() {
        assertThatThrownBy(() -> InstalledDetectors.load(Operation.REPLAY_ATTACK_DETECTION, MANIPULATION))
                .isInstanceOf(ModelException.class).hasMessageContaining("one score per channel");
        assertThatThrownBy(() -> InstalledDetectors.load(Operation.AUDIO_MANIPULATION_DETECTION, REPLAY))
                .isInstanceOf(ModelException.class).hasMessageContaining("segments");
    }

    @Test
    void shouldRefuseASegmentCalibrationOnAnUtteranceModelOrWithANonPositiveSlope() throws Exception {
        ObjectNode windows = manipulation();
        ((ObjectNode) windows.get("segment_calibration")).put("a", 0.0);
        assertThatThrownBy(() -> ModelDescriptor.parse(windows.toString()).validate())
                .isInstanceOf(ModelException.class).hasMessageContaining("segment_calibration.a");

        ObjectNode utterance = (ObjectNode) new ObjectMapper().readTree(Files.readString(REPLAY));
        utterance.putObject("segment_calibration").put("kind", "affine").put("a", 1.0).put("b", 0.0);
        assertThatThrownBy(() -> ModelDescriptor.parse(utterance.toString()).validate())
                .isInstanceOf(ModelException.class).hasMessageContaining("window-feature models only");
    }
}
