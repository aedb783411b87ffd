package io.bonafide.detection.model;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.bonafide.audio.ChannelAnalysis;
import io.bonafide.detection.model.internal.SharedSessions;
import io.bonafide.detection.model.internal.WindowCutter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Scores one channel with a raw-waveform model as the channel streams in: it cuts overlapping
 * windows (length, hop and minimum from the descriptor; the tail gets a right-aligned final
 * window, a channel shorter than a window but long enough a repeated one), runs them through
 * the model in batches, averages the window scores and calibrates the mean into a
 * log-likelihood ratio. Memory is one window plus one batch, whatever the channel's length.
 * NaN and infinite samples are scored as 0 and counted. One instance per channel, used by one
 * thread; many scorers share the model's single session.
 */
public final class WaveformScorer implements ChannelAnalysis {
    private final OnnxModel model;
    private final ModelDescriptor descriptor;
    private final boolean embeddings;
    private final int windowSamples;
    private final int batchSize;
    private final double orientation;
    private final WindowCutter cutter;
    private final FloatBuffer batch;
    private final long[] batchStarts;
    private final Set<String> outputNames;
    private final List<ChannelScore.WindowScore> windows = new ArrayList<>();
    private final double[] embeddingSum;
    private int batched;
    private double rawSum;
    private ChannelScore result;

    /**
     * @param model      the model to score with
     * @param embeddings whether to compute the channel's embedding (ignored when the model has none)
     * @throws ModelException when the model does not take raw waveforms
     */
    public WaveformScorer(OnnxModel model, boolean embeddings) {
        this.model = model;
        this.descriptor = model.descriptor();
        if (descriptor.input().kind() != ModelDescriptor.InputKind.RAW_WAVEFORM) {
            throw new ModelException("this scorer runs raw_waveform models only",
                    Map.of("model", descriptor.name() + ":" + descriptor.version(),
                            "input.kind", String.valueOf(descriptor.input().kind())));
        }
        this.embeddings = embeddings && descriptor.output().hasEmbedding();
        this.windowSamples = descriptor.input().windowSamples();
        this.batchSize = descriptor.batchSize();
        this.orientation = descriptor.output().scoreMeaning() == ModelDescriptor.ScoreMeaning.LOGIT_ATTACK ? -1 : 1;
        // Direct, native-order memory lets ONNX Runtime read the batch without a copy.
        this.batch = ByteBuffer.allocateDirect(Float.BYTES * batchSize * windowSamples)
                .order(ByteOrder.nativeOrder()).asFloatBuffer();
        this.batchStarts = new long[batchSize];
        Set<String> names = new HashSet<>();
        names.add(descriptor.output().score());
        if (this.embeddings) {
            names.add(descriptor.output().embedding());
        }
        this.outputNames = Set.copyOf(names);
        this.embeddingSum = this.embeddings ? new double[descriptor.output().embeddingSize()] : new double[0];
        this.cutter = new WindowCutter(windowSamples, descriptor.input().hopSamples(),
                descriptor.input().minSamples(), this::addWindow);
    }

    @Override
    public void accept(float[] samples, int offset, int length) {
        cutter.accept(samples, offset, length);
    }

    @Override
    public void end() {
        if (result != null) {
            return;
        }
        cutter.finish();
        if (batched > 0) {
            runBatch();
        }
        long samples = cutter.samples();
        if (windows.isEmpty()) {
            result = new ChannelScore(null, null, List.of(), List.of(), samples, cutter.nonFiniteSamples());
            return;
        }
        int n = windows.size();
        double raw = rawSum / n;
        List<Double> embedding = new ArrayList<>(embeddingSum.length);
        for (double sum : embeddingSum) {
            embedding.add(sum / n);
        }
        result = new ChannelScore(descriptor.calibration().apply(raw), raw, windows, embedding, samples,
                cutter.nonFiniteSamples());
    }

    /**
     * The channel's score, after {@link #end()}.
     *
     * @throws IllegalStateException before the channel has ended
     */
    public ChannelScore result() {
        if (result == null) {
            throw new IllegalStateException("the channel has not ended yet");
        }
        return result;
    }

    private void addWindow(float[] samples, long startSample) {
        batch.put(batched * windowSamples, samples, 0, windowSamples);
        batchStarts[batched] = startSample;
        if (++batched == batchSize) {
            runBatch();
        }
    }

    private void runBatch() {
        int rows = model.fixedBatch() ? batchSize : batched;
        OrtSession session = model.session();
        try (OnnxTensor input = OnnxTensor.createTensor(SharedSessions.environment(),
                batch.slice(0, rows * windowSamples), new long[] {rows, windowSamples});
             OrtSession.Result outputs = session.run(Map.of(descriptor.input().name(), input), outputNames)) {
            float[] scores = floats(outputs, descriptor.output().score(), rows);
            int perRow = scores.length / rows;
            for (int r = 0; r < batched; r++) {
                // A [batch, 1] score output has one value per row, as does [batch].
                double value = orientation * scores[r * perRow];
                rawSum += value;
                windows.add(new ChannelScore.WindowScore(
                        (double) batchStarts[r] / descriptor.input().sampleRate(), value));
            }
            if (embeddings) {
                int size = embeddingSum.length;
                float[] vectors = floats(outputs, descriptor.output().embedding(), rows);
                if (vectors.length != rows * size) {
                    throw failure("output " + descriptor.output().embedding() + " has " + vectors.length
                            + " values for " + rows + " windows of embedding_size " + size, null);
                }
                for (int r = 0; r < batched; r++) {
                    for (int k = 0; k < size; k++) {
                        embeddingSum[k] += vectors[r * size + k];
                    }
                }
            }
        } catch (OrtException e) {
            throw failure("inference failed: " + e.getMessage(), e);
        } finally {
            batched = 0;
        }
    }

    private float[] floats(OrtSession.Result outputs, String name, int rows) {
        OnnxValue value = outputs.get(name).orElseThrow(() -> failure("the model returned no output " + name, null));
        if (!(value instanceof OnnxTensor tensor)) {
            throw failure("output " + name + " is not a tensor", null);
        }
        FloatBuffer buffer = tensor.getFloatBuffer();
        if (buffer == null || buffer.remaining() < rows || buffer.remaining() % rows != 0) {
            throw failure("output " + name + " does not hold whole rows for " + rows + " windows", null);
        }
        float[] values = new float[buffer.remaining()];
        buffer.get(values);
        return values;
    }

    private ModelException failure(String message, Throwable cause) {
        return new ModelException(message, Map.of("model", descriptor.name() + ":" + descriptor.version(),
                "file", model.file().toString()), cause);
    }
}
