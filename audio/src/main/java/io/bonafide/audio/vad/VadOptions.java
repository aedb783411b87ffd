package io.bonafide.audio.vad;

import java.util.Map;
import java.util.Objects;

/**
 * Immutable settings of voice activity detection: which classpath resource holds the Silero
 * model and how many threads one model run may use. Each setting has one configuration key,
 * declared here with its default and its validation; {@link #fromConfig} fails on a bad value
 * with a message that names the key, the limit and the value, so that a worker refuses to start
 * rather than measuring voice with settings nobody asked for.
 */
public final class VadOptions {

    /**
     * Classpath resource of the Silero VAD ONNX model (v5 interface: {@code input},
     * {@code state}, {@code sr}). The build puts the model there; when it is absent the energy
     * detector is used instead.
     */
    public static final String MODEL_RESOURCE_KEY = "bonafide.audio.vad.model-resource";

    /** Default of {@link #MODEL_RESOURCE_KEY}: where the audio module's build places the model. */
    public static final String DEFAULT_MODEL_RESOURCE = "io/bonafide/audio/vad/silero_vad.onnx";

    /**
     * Threads ONNX Runtime may use inside one model run. One by default: a window is tiny (512
     * samples) so extra threads cost more in hand-over than they save, and the worker fleet
     * already runs channels and tasks in parallel.
     */
    public static final String INTRA_OP_THREADS_KEY = "bonafide.audio.vad.intra-op-threads";

    /** Default of {@link #INTRA_OP_THREADS_KEY}. */
    public static final int DEFAULT_INTRA_OP_THREADS = 1;

    /** Upper bound of {@link #INTRA_OP_THREADS_KEY}; more than this is a typo, not a tuning. */
    public static final int MAX_INTRA_OP_THREADS = 64;

    private static final VadOptions DEFAULTS = new VadOptions(DEFAULT_MODEL_RESOURCE, DEFAULT_INTRA_OP_THREADS);

    private final String modelResource;
    private final int intraOpThreads;

    private VadOptions(String modelResource, int intraOpThreads) {
        this.modelResource = modelResource;
        this.intraOpThreads = intraOpThreads;
    }

    /** The defaults of every key. */
    public static VadOptions defaults() {
        return DEFAULTS;
    }

    /**
     * Reads the keys of this class from {@code config}; keys that are absent take their default,
     * keys of other components are ignored.
     *
     * @throws IllegalArgumentException naming the key when a value is malformed or out of range
     */
    public static VadOptions fromConfig(Map<String, String> config) {
        Objects.requireNonNull(config, "config");
        String resource = config.getOrDefault(MODEL_RESOURCE_KEY, DEFAULT_MODEL_RESOURCE);
        String threads = config.get(INTRA_OP_THREADS_KEY);
        int intraOpThreads = DEFAULT_INTRA_OP_THREADS;
        if (threads != null) {
            try {
                intraOpThreads = Integer.parseInt(threads.strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                        INTRA_OP_THREADS_KEY + " must be an integer, was '" + threads + "'", e);
            }
        }
        return new VadOptions(resource, intraOpThreads).validate();
    }

    /** A copy that loads the model from {@code resource} (see {@link #MODEL_RESOURCE_KEY}). */
    public VadOptions withModelResource(String resource) {
        return new VadOptions(resource, intraOpThreads).validate();
    }

    /** A copy whose model runs use {@code threads} threads (see {@link #INTRA_OP_THREADS_KEY}). */
    public VadOptions withIntraOpThreads(int threads) {
        return new VadOptions(modelResource, threads).validate();
    }

    /**
     * Checks every value; returns this instance so that construction can end with it.
     *
     * @throws IllegalArgumentException naming the offending key, its limit and its value
     */
    public VadOptions validate() {
        if (modelResource == null || modelResource.isBlank()) {
            throw new IllegalArgumentException(MODEL_RESOURCE_KEY + " must name a classpath resource, was '"
                    + modelResource + "'");
        }
        if (modelResource.startsWith("/")) {
            // ClassLoader.getResource never finds a name with a leading slash: fail now, not by falling back.
            throw new IllegalArgumentException(MODEL_RESOURCE_KEY + " must not start with '/', was '"
                    + modelResource + "'");
        }
        if (intraOpThreads < 1 || intraOpThreads > MAX_INTRA_OP_THREADS) {
            throw new IllegalArgumentException(INTRA_OP_THREADS_KEY + " must be between 1 and "
                    + MAX_INTRA_OP_THREADS + ", was " + intraOpThreads);
        }
        return this;
    }

    /** Value of {@link #MODEL_RESOURCE_KEY}. */
    public String modelResource() {
        return modelResource;
    }

    /** Value of {@link #INTRA_OP_THREADS_KEY}. */
    public int intraOpThreads() {
        return intraOpThreads;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VadOptions other
                && modelResource.equals(other.modelResource)
                && intraOpThreads == other.intraOpThreads;
    }

    @Override
    public int hashCode() {
        return Objects.hash(modelResource, intraOpThreads);
    }

    @Override
    public String toString() {
        return "VadOptions{" + MODEL_RESOURCE_KEY + "=" + modelResource + ", "
                + INTRA_OP_THREADS_KEY + "=" + intraOpThreads + "}";
    }
}
