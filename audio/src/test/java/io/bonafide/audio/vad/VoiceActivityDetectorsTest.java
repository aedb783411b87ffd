package io.bonafide.audio.vad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which engine the factory picks, why it falls back, and how its options are read. */
class VoiceActivityDetectorsTest {
    private static final String SHIPPED_MODEL_SHA256 = "2623a2953f6ff3d2c1e61740c6cdb7168133479b267dfef114a4a3cc5bdd788f";

    @Test
    void shouldPickSileroWhenTheModelResourceIsOnTheClasspath() {
        // Given the classpath the build made, which holds the fetched model

        // When
        VoiceActivityDetectors detectors = VoiceActivityDetectors.create();

        // Then
        assertThat(detectors.engine()).isEqualTo(VadEngine.SILERO);
        assertThat(detectors.engine().reportName()).isEqualTo("silero-vad-v5");
        assertThat(detectors.modelSha256()).contains(SHIPPED_MODEL_SHA256);
        assertThat(detectors.fallbackReason()).isEmpty();
        assertThat(detectors.newDetector()).isNotSameAs(detectors.newDetector());
    }

    @Test
    void shouldFallBackToEnergyWhenTheModelResourceIsMissing() {
        // Given options naming a resource that is not on the classpath
        VadOptions options = VadOptions.defaults().withModelResource("io/bonafide/audio/vad/absent.onnx");

        // When
        VoiceActivityDetectors detectors = VoiceActivityDetectors.create(options);

        // Then the energy detector is used, and the reason names the resource
        assertThat(detectors.engine()).isEqualTo(VadEngine.ENERGY);
        assertThat(detectors.engine().reportName()).isEqualTo("energy-vad");
        assertThat(detectors.fallbackReason()).hasValueSatisfying(
                reason -> assertThat(reason).contains("io/bonafide/audio/vad/absent.onnx"));
        assertThat(detectors.modelSha256()).isEmpty();
        VoiceActivityDetector detector = detectors.newDetector();
        detector.accept(new float[16_000], 0, 16_000);
        assertThat(detector.voicedSeconds()).isZero();
    }

    @Test
    void shouldFallBackToEnergyWhenTheResourceIsNotAnOnnxModel(@TempDir Path dir) throws IOException {
        // Given a resource of that name holding text, seen through the context class loader
        Path resource = dir.resolve("broken/silero_vad.onnx");
        Files.createDirectories(resource.getParent());
        Files.writeString(resource, "not a model", StandardCharsets.UTF_8);
        VadOptions options = VadOptions.defaults().withModelResource("broken/silero_vad.onnx");
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();

        // When
        VoiceActivityDetectors detectors;
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, previous)) {
            thread.setContextClassLoader(loader);
            detectors = VoiceActivityDetectors.create(options);
        } finally {
            thread.setContextClassLoader(previous);
        }

        // Then the load failure is the stated reason
        assertThat(detectors.engine()).isEqualTo(VadEngine.ENERGY);
        assertThat(detectors.fallbackReason()).hasValueSatisfying(
                reason -> assertThat(reason).contains("could not be loaded from broken/silero_vad.onnx"));
    }

    @Test
    void shouldReadOptionsFromConfigAndDefaultWhatIsAbsent() {
        // Given
        Map<String, String> config = Map.of(VadOptions.INTRA_OP_THREADS_KEY, " 2 ", "bonafide.other.key", "x");

        // When
        VadOptions options = VadOptions.fromConfig(config);

        // Then
        assertThat(options.intraOpThreads()).isEqualTo(2);
        assertThat(options.modelResource()).isEqualTo(VadOptions.DEFAULT_MODEL_RESOURCE);
        assertThat(VadOptions.fromConfig(Map.of())).isEqualTo(VadOptions.defaults());
    }

    @Test
    void shouldRejectIntraOpThreadsOutOfRangeNamingTheKeyTheLimitAndTheValue() {
        // Given / When / Then
        assertThatThrownBy(() -> VadOptions.fromConfig(Map.of(VadOptions.INTRA_OP_THREADS_KEY, "0")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("bonafide.audio.vad.intra-op-threads must be between 1 and 64, was 0");
        assertThatThrownBy(() -> VadOptions.fromConfig(Map.of(VadOptions.INTRA_OP_THREADS_KEY, "one")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("bonafide.audio.vad.intra-op-threads must be an integer, was 'one'");
    }

    @Test
    void shouldRejectAModelResourceThatCannotBeFoundByItsShape() {
        // Given / When / Then
        assertThatThrownBy(() -> VadOptions.defaults().withModelResource("/io/bonafide/audio/vad/silero_vad.onnx"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(VadOptions.MODEL_RESOURCE_KEY);
        assertThatThrownBy(() -> VadOptions.defaults().withModelResource(" "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(VadOptions.MODEL_RESOURCE_KEY);
    }
}
