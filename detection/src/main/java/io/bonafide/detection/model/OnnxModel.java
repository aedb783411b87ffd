package io.bonafide.detection.model;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import io.bonafide.detection.model.internal.FileDigest;
import io.bonafide.detection.model.internal.SharedSessions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A model ready to run: its validated descriptor and the JVM-wide ONNX Runtime session of its
 * file. {@link #load} verifies the file's sha256 against the descriptor, then reuses the
 * session that an earlier load of the same file created (one per file per JVM), and checks
 * that the graph has the input and outputs the descriptor names, with compatible shapes.
 * Thread-safe and cheap to load again; channels are scored by a {@link WaveformScorer} each.
 */
public final class OnnxModel {
    private final ModelDescriptor descriptor;
    private final Path file;
    private final OrtSession session;
    private final boolean fixedBatch;

    private OnnxModel(ModelDescriptor descriptor, Path file, OrtSession session, boolean fixedBatch) {
        this.descriptor = descriptor;
        this.file = file;
        this.session = session;
        this.fixedBatch = fixedBatch;
    }

    /** Loads the model that {@code descriptorFile} ({@code model.json}) describes, with default options. */
    public static OnnxModel load(Path descriptorFile) {
        return load(descriptorFile, OnnxModelOptions.defaults());
    }

    /**
     * Loads the model that {@code descriptorFile} describes.
     *
     * @throws ModelException for an invalid descriptor, a missing file, a checksum mismatch, or a
     *                        graph that does not match the descriptor
     */
    public static OnnxModel load(Path descriptorFile, OnnxModelOptions options) {
        ModelDescriptor descriptor = ModelDescriptor.read(descriptorFile);
        Path file = descriptorFile.toAbsolutePath().getParent().resolve(descriptor.file());
        Map<String, String> context = new HashMap<>(Map.of("model", descriptor.name() + ":" + descriptor.version(),
                "file", file.toString()));
        if (descriptor.kind() != ModelDescriptor.Kind.ONNX) {
            throw new ModelException("the descriptor's kind is " + descriptor.kind().name().toLowerCase(Locale.ROOT)
                    + ", not onnx", context);
        }
        Path canonical;
        String actual;
        try {
            canonical = file.toRealPath();
            if (!Files.isRegularFile(canonical)) {
                throw new ModelException("the model file is not a regular file", context);
            }
            actual = FileDigest.sha256(canonical);
        } catch (IOException e) {
            throw new ModelException("cannot read the model file", context, e);
        }
        if (!actual.equals(descriptor.sha256())) {
            context.put("expected_sha256", descriptor.sha256());
            context.put("actual_sha256", actual);
            throw new ModelException("the model file's sha256 differs from its descriptor's: the file was "
                    + "replaced or corrupted, or the descriptor is stale", context);
        }
        OrtSession session;
        try {
            session = SharedSessions.session(canonical, actual, options.intraOpThreads());
        } catch (OrtException e) {
            throw new ModelException("ONNX Runtime cannot load the model: " + e.getMessage(), context, e);
        }
        boolean fixedBatch = checkGraph(descriptor, session, context);
        return new OnnxModel(descriptor, canonical, session, fixedBatch);
    }

    /** The validated descriptor. */
    public ModelDescriptor descriptor() {
        return descriptor;
    }

    /** The model file, canonical. */
    public Path file() {
        return file;
    }

    /** The shared session; package-private so that only this package's scorers run it. */
    OrtSession session() {
        return session;
    }

    /** Whether the graph's batch dimension is fixed (to the descriptor's batch size). */
    boolean fixedBatch() {
        return fixedBatch;
    }

    /** Checks the graph against the descriptor; answers whether its batch dimension is fixed. */
    private static boolean checkGraph(ModelDescriptor d, OrtSession session, Map<String, String> context) {
        try {
            Map<String, NodeInfo> inputs = session.getInputInfo();
            Map<String, NodeInfo> outputs = session.getOutputInfo();
            TensorInfo in = tensor(inputs, d.input().name(), "input.name", context);
            if (in.type != OnnxJavaType.FLOAT) {
                throw mismatch("input " + d.input().name() + " must be float32, is " + in.type, context);
            }
            long[] shape = in.getShape();
            boolean fixedBatch = false;
            if (d.input().kind() == ModelDescriptor.InputKind.RAW_WAVEFORM) {
                if (shape.length != 2) {
                    throw mismatch("input " + d.input().name() + " must be [batch, samples], is "
                            + Arrays.toString(shape), context);
                }
                if (shape[1] > 0 && shape[1] != d.input().windowSamples()) {
                    throw mismatch("input " + d.input().name() + " takes " + shape[1]
                            + " samples but input.window_seconds gives " + d.input().windowSamples(), context);
                }
                fixedBatch = shape[0] > 0;
                if (fixedBatch && shape[0] != d.batchSize()) {
                    throw mismatch("the graph's batch dimension is fixed at " + shape[0]
                            + " but batch_size is " + d.batchSize(), context);
                }
            }
            TensorInfo score = tensor(outputs, d.output().score(), "output.score", context);
            if (score.type != OnnxJavaType.FLOAT) {
                throw mismatch("output " + d.output().score() + " must be float32, is " + score.type, context);
            }
            if (d.output().hasEmbedding()) {
                TensorInfo embedding = tensor(outputs, d.output().embedding(), "output.embedding", context);
                long[] e = embedding.getShape();
                if (embedding.type != OnnxJavaType.FLOAT || e.length != 2
                        || (e[1] > 0 && e[1] != d.output().embeddingSize())) {
                    throw mismatch("output " + d.output().embedding() + " must be float32 [batch, "
                            + d.output().embeddingSize() + "], is " + embedding.type + " " + Arrays.toString(e), context);
                }
            }
            return fixedBatch;
        } catch (OrtException e) {
            throw new ModelException("cannot inspect the model's inputs and outputs", context, e);
        }
    }

    private static TensorInfo tensor(Map<String, NodeInfo> nodes, String name, String field, Map<String, String> context) {
        NodeInfo node = nodes.get(name);
        if (node == null) {
            throw mismatch(field + " names '" + name + "' but the graph has only " + nodes.keySet(), context);
        }
        if (!(node.getInfo() instanceof TensorInfo info)) {
            throw mismatch("'" + name + "' is not a tensor", context);
        }
        return info;
    }

    private static ModelException mismatch(String message, Map<String, String> context) {
        return new ModelException("the model does not match its descriptor: " + message, context);
    }

    @Override
    public String toString() {
        return descriptor.name() + ":" + descriptor.version() + " (" + file + ")";
    }
}
