package io.bonafide.detection.model;

import static io.bonafide.detection.model.TinyModelReference.A;
import static io.bonafide.detection.model.TinyModelReference.B;
import static io.bonafide.detection.model.TinyModelReference.EMBEDDING;
import static io.bonafide.detection.model.TinyModelReference.HOP;
import static io.bonafide.detection.model.TinyModelReference.WINDOW;
import static io.bonafide.detection.model.TinyModelReference.embedding;
import static io.bonafide.detection.model.TinyModelReference.logit;
import static io.bonafide.detection.model.TinyModelReference.score;
import static io.bonafide.detection.model.TinyModelReference.signal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WaveformScorerTest {
    private static final double TOLERANCE = 1e-5;
    private static OnnxModel model;

    @BeforeAll
    static void loadModel() {
        model = OnnxModel.load(TinyModelReference.descriptor());
    }

    @Test
    void shouldScoreOneFullWindowAsTheModelsFunction() {
        // Given exactly one window of audio
        float[] x = signal(1, WINDOW);

        // When it is scored
        ChannelScore result = score(model, x, 4096, false);

        // Then the raw score is the model's function and the score its calibration
        double expected = logit(x, 0);
        assertThat(result.windows()).hasSize(1);
        assertThat(result.windows().get(0).startSeconds()).isZero();
        assertThat(result.rawScore()).isCloseTo(expected, within(TOLERANCE));
        assertThat(result.score()).isCloseTo(A * expected + B, within(TOLERANCE));
        assertThat(result.samples()).isEqualTo(WINDOW);
    }

    @Test
    void shouldScoreOverlappingWindowsWithARightAlignedFinalWindowAndAverageThem() {
        // Given 11 s: regular windows at 0, 2, 4 and 6 s, and a tail the last one misses
        int samples = 176_000;
        float[] x = signal(2, samples);

        // When it is scored (five windows cross the batch of four)
        ChannelScore result = score(model, x, 3000, false);

        // Then each window matches the model's function at its start, the last right-aligned
        int[] starts = {0, HOP, 2 * HOP, 3 * HOP, samples - WINDOW};
        assertThat(result.windows()).hasSize(starts.length);
        double sum = 0;
        for (int w = 0; w < starts.length; w++) {
            double expected = logit(x, starts[w]);
            sum += expected;
            assertThat(result.windows().get(w).startSeconds()).isEqualTo(starts[w] / 16_000.0);
            assertThat(result.windows().get(w).raw()).isCloseTo(expected, within(TOLERANCE));
        }
        // And the channel score is the calibrated mean
        assertThat(result.rawScore()).isCloseTo(sum / starts.length, within(TOLERANCE));
        assertThat(result.score()).isCloseTo(A * sum / starts.length + B, within(TOLERANCE));
    }

    @Test
    void shouldAddNoFinalWindowWhenTheRegularWindowsEndExactlyAtTheChannelEnd() {
        // Given 10 s, where the window at 6 s ends at the channel's end
        float[] x = signal(3, 160_000);

        // When it is scored
        ChannelScore result = score(model, x, 160_000, false);

        // Then there are exactly four windows
        assertThat(result.windows()).extracting(ChannelScore.WindowScore::startSeconds)
                .containsExactly(0.0, 2.0, 4.0, 6.0);
    }

    @Test
    void shouldGiveNoScoreUnderThreeSeconds() {
        // Given 2.9 s of loud audio
        float[] x = signal(4, 46_400);

        // When it is scored
        ChannelScore result = score(model, x, 1000, true);

        // Then there is no score, no window and no embedding, but the samples are counted
        assertThat(result.score()).isNull();
        assertThat(result.rawScore()).isNull();
        assertThat(result.windows()).isEmpty();
        assertThat(result.embedding()).isEmpty();
        assertThat(result.samples()).isEqualTo(46_400);
    }

    @Test
    void shouldScoreThreeSecondsByRepeatingThemToFillTheWindow() {
        // Given exactly 3.0 s
        int samples = 48_000;
        float[] x = signal(5, samples);

        // When it is scored
        ChannelScore result = score(model, x, 1000, false);

        // Then the score is the model's function of the audio repeated to 4 s
        float[] tiled = new float[WINDOW];
        for (int i = 0; i < WINDOW; i++) {
            tiled[i] = x[i % samples];
        }
        assertThat(result.score()).isNotNull();
        assertThat(result.rawScore()).isCloseTo(logit(tiled, 0), within(TOLERANCE));
    }

    @Test
    void shouldScoreNaNAndInfiniteSamplesAsZeroAndCountThem() {
        // Given audio with NaN and infinite samples
        float[] x = signal(6, 100_000);
        x[10] = Float.NaN;
        x[70_000] = Float.POSITIVE_INFINITY;
        x[99_999] = Float.NEGATIVE_INFINITY;

        // When it is scored
        ChannelScore result = score(model, x, 777, true);

        // Then the score is finite and equals that of the audio with zeros in their place
        float[] cleaned = x.clone();
        cleaned[10] = 0;
        cleaned[70_000] = 0;
        cleaned[99_999] = 0;
        ChannelScore clean = score(model, cleaned, 777, true);
        assertThat(result.score()).isFinite().isEqualTo(clean.score());
        assertThat(result.embedding()).allSatisfy(v -> assertThat(v).isFinite());
        assertThat(result.nonFiniteSamples()).isEqualTo(3);
        assertThat(clean.nonFiniteSamples()).isZero();
    }

    @Test
    void shouldScoreDigitalSilenceAsTheModelsBias() {
        // Given 5 s of zeros
        float[] x = new float[80_000];

        // When it is scored
        ChannelScore result = score(model, x, 512, true);

        // Then the raw score is the graph's bias and the embedding is zero
        assertThat(result.rawScore()).isCloseTo(-0.25, within(TOLERANCE));
        assertThat(result.score()).isCloseTo(A * -0.25 + B, within(TOLERANCE));
        assertThat(result.embedding()).hasSize(EMBEDDING).containsOnly(0.0);
    }

    @ParameterizedTest(name = "block of {0} samples")
    @ValueSource(ints = {1, 7, 160, 31_999, 32_000, 64_001, 200_000})
    void shouldGiveTheSameResultWhateverTheBlockSize(int block) {
        // Given 12.3 s of audio, scored once in one block
        float[] x = signal(7, 196_800);
        ChannelScore whole = score(model, x, x.length, true);

        // When it is streamed in blocks of another size
        ChannelScore streamed = score(model, x, block, true);

        // Then the result is identical
        assertThat(streamed).isEqualTo(whole);
    }

    @Test
    void shouldAverageTheWindowEmbeddings() {
        // Given 7 s: windows at 0 and 2 s, and a right-aligned one at 3 s
        int samples = 112_000;
        float[] x = signal(8, samples);

        // When it is scored with embeddings
        ChannelScore result = score(model, x, 4000, true);

        // Then the embedding is the mean of the windows' embeddings
        int[] starts = {0, HOP, samples - WINDOW};
        double[] expected = new double[EMBEDDING];
        for (int start : starts) {
            double[] e = embedding(x, start);
            for (int k = 0; k < EMBEDDING; k++) {
                expected[k] += e[k] / starts.length;
            }
        }
        assertThat(result.windows()).hasSize(3);
        assertThat(result.embedding()).hasSize(EMBEDDING);
        for (int k = 0; k < EMBEDDING; k++) {
            assertThat(result.embedding().get(k)).isCloseTo(expected[k], within(TOLERANCE));
        }
    }

    @Test
    void shouldLeaveTheEmbeddingOutWhenNotAskedFor() {
        // Given 5 s of audio
        float[] x = signal(9, 80_000);

        // When it is scored without embeddings
        ChannelScore result = score(model, x, 4000, false);

        // Then the embedding is empty but the score is there
        assertThat(result.embedding()).isEmpty();
        assertThat(result.score()).isNotNull();
    }

    @Test
    void shouldNegateAnAttackLogitSoThatGenuineStaysPositive(@TempDir Path dir) {
        // Given the same graph described as giving the log-odds of attack, with identity calibration
        Path descriptor = TinyModelReference.variant(dir, n -> {
            ((ObjectNode) n.get("output")).put("score_meaning", "logit_attack");
            ((ObjectNode) n.get("calibration")).put("a", 1.0).put("b", 0.0);
        });
        OnnxModel attack = OnnxModel.load(descriptor);
        float[] x = signal(10, WINDOW);

        // When it is scored
        ChannelScore result = score(attack, x, WINDOW, false);

        // Then the score is the negated output
        assertThat(result.score()).isCloseTo(-logit(x, 0), within(TOLERANCE));
    }

    @Test
    void shouldGiveTheSameScoresWhenManyChannelsAreScoredOnManyThreads() throws Exception {
        // Given eight channels and their single-threaded scores
        int channels = 8;
        List<float[]> audio = new ArrayList<>();
        List<ChannelScore> expected = new ArrayList<>();
        for (int c = 0; c < channels; c++) {
            audio.add(signal(100 + c, 150_000));
            expected.add(score(model, audio.get(c), 5000, true));
        }

        // When they are scored concurrently with the shared session
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<ChannelScore>> results = new ArrayList<>();
            for (float[] x : audio) {
                results.add(pool.submit(() -> score(model, x, 5000, true)));
            }

            // Then each equals its single-threaded score
            for (int c = 0; c < channels; c++) {
                assertThat(results.get(c).get()).isEqualTo(expected.get(c));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void shouldPadThePartialLastBatchOfAFixedBatchGraphAndDropThePaddingsOutputs() {
        // Given the graph with its batch fixed at 4, and 11 s of audio (five windows: 4 + 1)
        OnnxModel fixed = OnnxModel.load(TinyModelReference.fixedBatchDescriptor());
        float[] x = signal(11, 176_000);

        // When it is scored by the fixed and by the dynamic graph
        ChannelScore fromFixed = score(fixed, x, 10_000, true);
        ChannelScore fromDynamic = score(model, x, 10_000, true);

        // Then both see the same five windows and give the same scores
        assertThat(fromFixed.windows()).hasSize(5);
        for (int w = 0; w < 5; w++) {
            assertThat(fromFixed.windows().get(w).raw())
                    .isCloseTo(fromDynamic.windows().get(w).raw(), within(TOLERANCE));
        }
        assertThat(fromFixed.score()).isCloseTo(fromDynamic.score(), within(TOLERANCE));
        for (int k = 0; k < EMBEDDING; k++) {
            assertThat(fromFixed.embedding().get(k)).isCloseTo(fromDynamic.embedding().get(k), within(TOLERANCE));
        }
    }

    @Test
    void shouldRefuseAModelThatTakesFeaturesRatherThanWaveforms(@TempDir Path dir) {
        // Given the graph described as taking features, which this scorer cannot feed
        Path descriptor = TinyModelReference.variant(dir, n -> ((ObjectNode) n.get("input")).put("kind", "features"));
        OnnxModel features = OnnxModel.load(descriptor);

        // When a waveform scorer is made for it
        // Then it is refused, naming the input kind
        assertThatThrownBy(() -> new WaveformScorer(features, false))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("raw_waveform");
    }

    @Test
    void shouldRefuseTheResultBeforeTheChannelEnds() {
        WaveformScorer scorer = new WaveformScorer(model, false);
        scorer.accept(new float[10], 0, 10);

        assertThatThrownBy(scorer::result).isInstanceOf(IllegalStateException.class);
    }
}
