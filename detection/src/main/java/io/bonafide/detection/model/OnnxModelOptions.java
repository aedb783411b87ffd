package io.bonafide.detection.model;

/**
 * How the runtime configures the one ONNX Runtime session it keeps per model file. The defaults
 * suit the worker fleet: one intra-op thread per session, because a worker already runs one
 * analysis per core and extra threads would only contend for the same cores; and spinning off,
 * because idle spinning threads burn CPU that the decoder and the other channels need. Immutable;
 * the constructor rejects bad values with the limit and the value.
 *
 * @param intraOpThreads threads ONNX Runtime may use inside one operator, in [1, 256]
 */
public record OnnxModelOptions(int intraOpThreads) {

    /** Config key that sets {@link #intraOpThreads()} where options come from configuration. */
    public static final String INTRA_OP_THREADS_KEY = "bonafide.detection.model.intra-op-threads";

    public OnnxModelOptions {
        if (intraOpThreads < 1 || intraOpThreads > 256) {
            throw new IllegalArgumentException(INTRA_OP_THREADS_KEY + " must be in [1, 256], was " + intraOpThreads);
        }
    }

    /** One intra-op thread, spinning off. */
    public static OnnxModelOptions defaults() {
        return new OnnxModelOptions(1);
    }
}
