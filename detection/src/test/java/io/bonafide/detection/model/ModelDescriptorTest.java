package io.bonafide.detection.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ModelDescriptorTest {

    private static ObjectNode testDescriptor() throws IOException {
        return (ObjectNode) new ObjectMapper().readTree(Files.readString(TinyModelReference.descriptor()));
    }

    @Test
    void shouldReadEveryFieldOfTheTestModelsDescriptor() {
        // Given the descriptor the generator script wrote
        // When it is read
        ModelDescriptor d = ModelDescriptor.read(TinyModelReference.descriptor());

        // Then every field has its JSON value
        assertThat(d.name()).isEqualTo("tiny-waveform");
        assertThat(d.version()).isEqualTo("1.0.0");
        assertThat(d.kind()).isEqualTo(ModelDescriptor.Kind.ONNX);
        assertThat(d.file()).isEqualTo("model.onnx");
        assertThat(d.sha256()).hasSize(64);
        assertThat(d.input().kind()).isEqualTo(ModelDescriptor.InputKind.RAW_WAVEFORM);
        assertThat(d.input().name()).isEqualTo("waveform");
        assertThat(d.input().windowSamples()).isEqualTo(64_000);
        assertThat(d.input().hopSamples()).isEqualTo(32_000);
        assertThat(d.input().minSamples()).isEqualTo(48_000);
        assertThat(d.output().score()).isEqualTo("logit_genuine");
        assertThat(d.output().scoreMeaning()).isEqualTo(ModelDescriptor.ScoreMeaning.LOGIT_GENUINE);
        assertThat(d.output().embedding()).isEqualTo("embedding");
        assertThat(d.output().embeddingSize()).isEqualTo(8);
        assertThat(d.aggregation()).isEqualTo(ModelDescriptor.Aggregation.MEAN);
        assertThat(d.calibration().kind()).isEqualTo(ModelDescriptor.CalibrationKind.AFFINE);
        assertThat(d.calibration().apply(2.0)).isEqualTo(1.5 * 2.0 - 0.5);
        assertThat(d.batchSize()).isEqualTo(4);
    }

    @Test
    void shouldAcceptAModelWithoutEmbedding() throws IOException {
        // Given a descriptor without embedding output
        ObjectNode node = testDescriptor();
        ((ObjectNode) node.get("output")).remove("embedding");
        ((ObjectNode) node.get("output")).remove("embedding_size");

        // When it is parsed and validated
        ModelDescriptor d = ModelDescriptor.parse(node.toString()).validate();

        // Then it has no embedding
        assertThat(d.output().hasEmbedding()).isFalse();
    }

    static Stream<Arguments> brokenDescriptors() {
        return Stream.of(
                Arguments.of("name", (Consumer<ObjectNode>) n -> n.remove("name")),
                Arguments.of("file", (Consumer<ObjectNode>) n -> n.put("file", "../other/model.onnx")),
                Arguments.of("sha256", (Consumer<ObjectNode>) n -> n.put("sha256", "ABC")),
                Arguments.of("input.sample_rate", (Consumer<ObjectNode>) n -> input(n).put("sample_rate", 8000)),
                Arguments.of("input.window_seconds", (Consumer<ObjectNode>) n -> input(n).put("window_seconds", 0)),
                Arguments.of("input.hop_seconds", (Consumer<ObjectNode>) n -> input(n).put("hop_seconds", 5.0)),
                Arguments.of("input.min_seconds", (Consumer<ObjectNode>) n -> input(n).remove("min_seconds")),
                Arguments.of("output.score", (Consumer<ObjectNode>) n -> ((ObjectNode) n.get("output")).remove("score")),
                Arguments.of("output.embedding_size",
                        (Consumer<ObjectNode>) n -> ((ObjectNode) n.get("output")).remove("embedding_size")),
                Arguments.of("calibration.a", (Consumer<ObjectNode>) n -> ((ObjectNode) n.get("calibration")).put("a", -1.0)),
                Arguments.of("batch_size", (Consumer<ObjectNode>) n -> n.put("batch_size", 0)),
                Arguments.of("aggregation", (Consumer<ObjectNode>) n -> n.remove("aggregation")));
    }

    private static ObjectNode input(ObjectNode n) {
        return (ObjectNode) n.get("input");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenDescriptors")
    void shouldNameTheOffendingFieldWhenTheDescriptorIsInvalid(String field, Consumer<ObjectNode> breakIt)
            throws IOException {
        // Given a descriptor with one bad field
        ObjectNode node = testDescriptor();
        breakIt.accept(node);

        // When it is validated
        // Then the failure names that field
        assertThatThrownBy(() -> ModelDescriptor.parse(node.toString()).validate())
                .isInstanceOf(ModelException.class)
                .hasMessageContaining(field)
                .satisfies(e -> assertThat(((ModelException) e).context().get("fields")).contains(field));
    }

    @Test
    void shouldNameEveryOffendingFieldAtOnce() {
        // Given a descriptor with almost nothing in it
        String json = "{\"name\": \"x\", \"kind\": \"onnx\"}";

        // When it is validated
        // Then all missing fields are listed in one failure
        assertThatThrownBy(() -> ModelDescriptor.parse(json).validate())
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("version").hasMessageContaining("file").hasMessageContaining("sha256")
                .hasMessageContaining("input").hasMessageContaining("output").hasMessageContaining("calibration")
                .hasMessageContaining("batch_size");
    }

    @Test
    void shouldNameTheFieldWhenAnEnumValueIsUnknown() throws IOException {
        // Given an input kind the runtime does not know
        ObjectNode node = testDescriptor();
        input(node).put("kind", "spectrogram");

        // When it is parsed
        // Then the failure names the field path
        assertThatThrownBy(() -> ModelDescriptor.parse(node.toString()))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("input.kind");
    }

    @Test
    void shouldRefuseAMisspeltKeyRatherThanIgnoreIt() throws IOException {
        // Given a descriptor whose hop key is misspelt
        ObjectNode node = testDescriptor();
        input(node).put("hop_second", 1.0);

        // When it is parsed
        // Then the misspelt key is named
        assertThatThrownBy(() -> ModelDescriptor.parse(node.toString()))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("hop_second");
    }

    @Test
    void shouldNameTheDescriptorFileWhenItCannotBeRead() {
        // Given a path where no descriptor exists
        var missing = TinyModelReference.descriptor().resolveSibling("absent.json");

        // When it is read
        // Then the failure says which file
        assertThatThrownBy(() -> ModelDescriptor.read(missing))
                .isInstanceOf(ModelException.class)
                .satisfies(e -> assertThat(((ModelException) e).context()).containsEntry("descriptor", missing.toString()));
    }
}
