package io.bonafide.audio.vad.internal;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import io.bonafide.core.BonafideException;
import io.bonafide.core.ErrorType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.FloatBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Silero VAD v5 network loaded once per JVM into one ONNX Runtime session, shared by every
 * channel's {@link SileroVad}. The session holds only weights: the recurrent state and the
 * audio context travel with each call, so concurrent runs from many detectors do not interfere
 * (ONNX Runtime allows concurrent {@code Run} on one session). Interface, as read from the model:
 * inputs {@code input} float [1, 576] (64 samples of context then one 512-sample window at 16
 * kHz), {@code state} float [2, 1, 128], {@code sr} int64 scalar; outputs {@code output} float
 * [1, 1] (speech probability) and {@code stateN} float [2, 1, 128].
 */
public final class SileroModel {

    /** Sample rate the detector works at. */
    public static final int SAMPLE_RATE = 16_000;
    /** Samples of one analysis window at 16 kHz (the only size Silero v5 accepts at this rate). */
    public static final int WINDOW_SAMPLES = 512;
    /** Samples of the previous window prepended to each one, as Silero's own wrapper does. */
    public static final int CONTEXT_SAMPLES = 64;
    /** Floats of the recurrent state: [2, 1, 128]. */
    public static final int STATE_SIZE = 2 * 128;

    private static final long[] INPUT_SHAPE = {1, CONTEXT_SAMPLES + WINDOW_SAMPLES};
    private static final long[] STATE_SHAPE = {2, 1, 128};
    private static final String INPUT = "input";
    private static final String STATE = "state";
    private static final String SAMPLE_RATE_INPUT = "sr";
    private static final String PROBABILITY = "output";
    private static final String NEXT_STATE = "stateN";

    private static final Map<Key, SileroModel> SHARED = new ConcurrentHashMap<>();

    private final OrtEnvironment environment;
    private final OrtSession session;
    /** Read-only input shared by every run; lives as long as the session. */
    private final OnnxTensor sampleRate;
    private final String resource;
    private final String sha256;

    private record Key(String resource, int intraOpThreads) {
    }

    private SileroModel(OrtEnvironment environment, OrtSession session, OnnxTensor sampleRate,
                        String resource, String sha256) {
        this.environment = environment;
        this.session = session;
        this.sampleRate = sampleRate;
        this.resource = resource;
        this.sha256 = sha256;
    }

    /**
     * The model loaded from {@code resource} with {@code intraOpThreads} threads per run, loaded
     * on the first call and shared by every later one with the same arguments for the life of
     * the JVM; a failed load is not remembered, so a later call tries again.
     *
     * @throws BonafideException (type {@code internal}) when the resource is missing, unreadable
     *                           or not a Silero v5 model, or the session cannot be created
     * @throws LinkageError      when the ONNX Runtime native library cannot be loaded on this platform
     */
    public static SileroModel shared(String resource, int intraOpThreads) {
        return SHARED.computeIfAbsent(new Key(resource, intraOpThreads), SileroModel::load);
    }

    private static SileroModel load(Key key) {
        Map<String, String> context = Map.of("resource", key.resource(),
                "intra_op_threads", Integer.toString(key.intraOpThreads()));
        byte[] model = readResource(key.resource(), context);
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        OrtSession session = null;
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(key.intraOpThreads());
            options.setInterOpNumThreads(1);
            options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            // Spinning threads would burn a core between the tiny runs this model makes.
            options.addConfigEntry("session.intra_op.allow_spinning", "0");
            options.addConfigEntry("session.inter_op.allow_spinning", "0");
            session = environment.createSession(model, options);
            checkInterface(session, context);
            OnnxTensor sampleRate = OnnxTensor.createTensor(environment, (long) SAMPLE_RATE);
            return new SileroModel(environment, session, sampleRate, key.resource(), sha256(model));
        } catch (OrtException e) {
            closeAfterFailure(session, e);
            throw new BonafideException(ErrorType.INTERNAL, "Silero VAD model could not be loaded", context, e);
        } catch (RuntimeException e) {
            closeAfterFailure(session, e);
            throw e;
        }
    }

    private static void closeAfterFailure(OrtSession session, Exception failure) {
        if (session == null) {
            return;
        }
        try {
            session.close();
        } catch (OrtException e) {
            failure.addSuppressed(e);
        }
    }

    private static byte[] readResource(String resource, Map<String, String> context) {
        ClassLoader loader = Objects.requireNonNullElse(
                Thread.currentThread().getContextClassLoader(), SileroModel.class.getClassLoader());
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new BonafideException(ErrorType.INTERNAL, "Silero VAD model resource not on the classpath", context);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new BonafideException(ErrorType.INTERNAL, "Silero VAD model resource could not be read", context, e);
        }
    }

    private static void checkInterface(OrtSession session, Map<String, String> context) throws OrtException {
        // A legacy (v3/v4: h, c) model has another state layout; refuse it here rather than fail per window.
        Map<String, NodeInfo> in = session.getInputInfo();
        Map<String, NodeInfo> out = session.getOutputInfo();
        boolean v5 = in.keySet().equals(Set.of(INPUT, STATE, SAMPLE_RATE_INPUT))
                && out.containsKey(PROBABILITY) && out.containsKey(NEXT_STATE)
                && in.get(STATE).getInfo() instanceof TensorInfo state
                && Arrays.equals(new long[] {2, -1, 128}, state.getShape());
        if (!v5) {
            throw new BonafideException(ErrorType.INTERNAL,
                    "Model does not have the Silero VAD v5 interface (input, state [2,-1,128], sr -> output, stateN)",
                    Map.of("resource", context.get("resource"), "inputs", in.keySet().toString(),
                            "outputs", out.keySet().toString()));
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-256", e);
        }
    }

    /**
     * Runs one window. {@code input} is a direct buffer of {@code CONTEXT_SAMPLES + WINDOW_SAMPLES}
     * floats in native order; {@code state} a direct buffer of {@link #STATE_SIZE} floats in
     * native order, read as the state before the window and overwritten with the state after it.
     * Every native value of the run is freed before this returns.
     *
     * @return the probability that the window holds speech
     */
    float speechProbability(FloatBuffer input, FloatBuffer state) throws OrtException {
        input.rewind();
        state.rewind();
        try (OnnxTensor inputTensor = OnnxTensor.createTensor(environment, input, INPUT_SHAPE);
             OnnxTensor stateTensor = OnnxTensor.createTensor(environment, state, STATE_SHAPE);
             OrtSession.Result result = session.run(Map.of(
                     INPUT, inputTensor, STATE, stateTensor, SAMPLE_RATE_INPUT, sampleRate))) {
            float probability = tensor(result, PROBABILITY).getFloatBuffer().get(0);
            FloatBuffer next = tensor(result, NEXT_STATE).getFloatBuffer();
            state.clear();
            state.put(next);
            state.rewind();
            return probability;
        }
    }

    private static OnnxTensor tensor(OrtSession.Result result, String name) {
        OnnxValue value = result.get(name).orElseThrow(
                () -> new IllegalStateException("Silero VAD run returned no '" + name + "'"));
        return (OnnxTensor) value;
    }

    /** Classpath resource the model was loaded from. */
    public String resource() {
        return resource;
    }

    /** SHA-256 of the model bytes, hex, for reports and logs. */
    public String sha256() {
        return sha256;
    }
}
