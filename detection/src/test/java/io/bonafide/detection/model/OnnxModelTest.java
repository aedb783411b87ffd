package io.bonafide.detection.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnnxModelTest {

    @Test
    void shouldShareOneSessionAcrossLoadsOfTheSameFile() {
        // Given the test model loaded twice
        OnnxModel first = OnnxModel.load(TinyModelReference.descriptor());
        OnnxModel second = OnnxModel.load(TinyModelReference.descriptor(), new OnnxModelOptions(2));

        // Then both use the same session
        assertThat(second.session()).isSameAs(first.session());
        assertThat(first.descriptor().name()).isEqualTo("tiny-waveform");
    }

    @Test
    void shouldShareOneSessionAcrossThreadsLoadingAtOnce() throws Exception {
        // Given eight threads that load the model at the same moment
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<OnnxModel>> loads = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                Callable<OnnxModel> load = () -> {
                    start.await();
                    return OnnxModel.load(TinyModelReference.descriptor());
                };
                loads.add(pool.submit(load));
            }

            // When they are released together
            start.countDown();

            // Then all got the same session
            Object session = loads.get(0).get().session();
            for (Future<OnnxModel> load : loads) {
                assertThat(load.get().session()).isSameAs(session);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void shouldRefuseAModelFileWhoseChecksumDiffersFromTheDescriptor(@TempDir Path dir) {
        // Given a descriptor whose sha256 is not the file's
        String wrong = "0".repeat(64);
        Path descriptor = TinyModelReference.variant(dir, n -> n.put("sha256", wrong));

        // When it is loaded
        // Then the load fails naming both checksums
        assertThatThrownBy(() -> OnnxModel.load(descriptor))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("sha256 differs")
                .satisfies(e -> assertThat(((ModelException) e).context())
                        .containsEntry("expected_sha256", wrong)
                        .containsKey("actual_sha256")
                        .containsKey("file"));
    }

    @Test
    void shouldRefuseADescriptorNamingAnInputTheGraphLacks(@TempDir Path dir) {
        // Given a descriptor with the wrong input tensor name
        Path descriptor = TinyModelReference.variant(dir, n -> ((ObjectNode) n.get("input")).put("name", "audio"));

        // When it is loaded
        // Then the failure names the field and the graph's inputs
        assertThatThrownBy(() -> OnnxModel.load(descriptor))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("input.name")
                .hasMessageContaining("waveform");
    }

    @Test
    void shouldRefuseAWindowLengthTheGraphCannotTake(@TempDir Path dir) {
        // Given a descriptor whose window is 3 s while the graph takes 4 s
        Path descriptor = TinyModelReference.variant(dir, n -> ((ObjectNode) n.get("input"))
                .put("window_seconds", 3.0).put("hop_seconds", 1.0));

        // When it is loaded
        // Then the failure says both lengths
        assertThatThrownBy(() -> OnnxModel.load(descriptor))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("64000")
                .hasMessageContaining("48000");
    }

    @Test
    void shouldRefuseABatchSizeOtherThanAFixedBatchGraphTakes(@TempDir Path dir) {
        // Given the fixed-batch graph (4) described with batch_size 2
        Path descriptor = TinyModelReference.variant(TinyModelReference.fixedBatchDescriptor(), dir,
                n -> n.put("batch_size", 2));

        // When it is loaded
        // Then the failure says both sizes
        assertThatThrownBy(() -> OnnxModel.load(descriptor))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("fixed at 4")
                .hasMessageContaining("batch_size is 2");
    }

    @Test
    void shouldRefuseAMissingModelFile(@TempDir Path dir) {
        // Given a descriptor naming a file that is not there
        Path descriptor = TinyModelReference.variant(dir, n -> n.put("file", "absent.onnx"));

        // When it is loaded
        // Then the failure names the file
        assertThatThrownBy(() -> OnnxModel.load(descriptor))
                .isInstanceOf(ModelException.class)
                .satisfies(e -> assertThat(((ModelException) e).context().get("file")).endsWith("absent.onnx"));
    }

    @Test
    void shouldRejectZeroIntraOpThreadsNamingTheKey() {
        assertThatThrownBy(() -> new OnnxModelOptions(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(OnnxModelOptions.INTRA_OP_THREADS_KEY)
                .hasMessageContaining("was 0");
    }
}
