package io.bonafide.detection.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bonafide.detection.features.FeatureSet;
import io.bonafide.detection.testing.TinyXgboostModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The {@code xgboost} kind of model descriptor: what it holds, and what it refuses. */
class XgboostDescriptorTest {
    @TempDir
    static Path dir;

    private static ObjectNode descriptor() throws Exception {
        Path file = dir.resolve("model").resolve("model.json");
        if (!Files.exists(file)) {
            TinyXgboostModel.write(dir.resolve("model"));
        }
        return (ObjectNode) new ObjectMapper().readTree(Files.readString(file));
    }

    @Test
    void shouldReadTheFeatureSetStandardisationAndOutputOfAnXgboostDescriptor() throws Exception {
        // Given the tiny model's descriptor
        // When it is parsed and validated
        ModelDescriptor d = ModelDescriptor.parse(descriptor().toString()).validate();

        // Then the xgboost fields carry their values and the onnx-only ones are absent
        assertThat(d.kind()).isEqualTo(ModelDescriptor.Kind.XGBOOST);
        assertThat(d.input().kind()).isEqualTo(ModelDescriptor.InputKind.FEATURES_BASELINE34);
        assertThat(d.input().kind().featureSet()).contains(FeatureSet.BASELINE34);
        assertThat(d.input().standardisation().mean()).hasSize(34);
        assertThat(d.input().standardisation().std()).hasSize(34).containsOnly(1.0);
        assertThat(d.input().minSamples()).isEqualTo(48_000);
        assertThat(d.output().score()).isEqualTo("margin");
        assertThat(d.aggregation()).isNull();
        assertThat(d.batchSize()).isNull();
    }

    static Stream<Arguments> brokenDescriptors() {
        return Stream.of(
                Arguments.of("input.kind", (Consumer<ObjectNode>) n -> input(n).put("kind", "raw_waveform")),
                Arguments.of("input.window_seconds", (Consumer<ObjectNode>) n -> input(n).put("window_seconds", 4.0)),
                Arguments.of("input.name", (Consumer<ObjectNode>) n -> input(n).put("name", "x")),
                Arguments.of("input.standardisation", (Consumer<ObjectNode>) n -> input(n).remove("standardisation")),
                Arguments.of("input.standardisation.mean",
                        (Consumer<ObjectNode>) n -> standardisation(n).withArray("mean").remove(0)),
                Arguments.of("input.standardisation.std",
                        (Consumer<ObjectNode>) n -> standardisation(n).withArray("std").set(5, 0.0)),
                Arguments.of("output.score", (Consumer<ObjectNode>) n -> ((ObjectNode) n.get("output")).put("score", "logit")),
                Arguments.of("output.embedding", (Consumer<ObjectNode>) n -> ((ObjectNode) n.get("output"))
                        .put("embedding", "e").put("embedding_size", 8)),
                Arguments.of("aggregation", (Consumer<ObjectNode>) n -> n.put("aggregation", "mean")),
                Arguments.of("batch_size", (Consumer<ObjectNode>) n -> n.put("batch_size", 4)),
                Arguments.of("file", (Consumer<ObjectNode>) n -> n.put("file", "model.json")));
    }

    private static ObjectNode input(ObjectNode n) {
        return (ObjectNode) n.get("input");
    }

    private static ObjectNode standardisation(ObjectNode n) {
        return (ObjectNode) input(n).get("standardisation");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenDescriptors")
    void shouldNameTheOffendingFieldWhenAnXgboostDescriptorIsInvalid(String field, Consumer<ObjectNode> breakIt)
            throws Exception {
        // Given an xgboost descriptor with one bad or inapplicable field
        ObjectNode node = descriptor();
        breakIt.accept(node);

        // When it is validated / Then the failure names that field
        assertThatThrownBy(() -> ModelDescriptor.parse(node.toString()).validate())
                .isInstanceOf(ModelException.class)
                .hasMessageContaining(field)
                .satisfies(e -> assertThat(((ModelException) e).context().get("fields")).contains(field));
    }

    @Test
    void shouldRefuseAFeatureSetInputForAnOnnxModel() throws Exception {
        ObjectNode node = (ObjectNode) new ObjectMapper().readTree(Files.readString(TinyModelReference.descriptor()));
        input(node).put("kind", "features:baseline34");

        assertThatThrownBy(() -> ModelDescriptor.parse(node.toString()).validate())
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("input.kind");
    }
}
