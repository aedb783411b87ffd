package io.bonafide.audio.vad.internal;

import ai.onnxruntime.OrtException;
import io.bonafide.audio.vad.VoiceActivityDetector;
import io.bonafide.core.BonafideException;
import io.bonafide.core.ErrorType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Map;
import java.util.Objects;

/**
 * Voice activity of one channel by the Silero VAD v5 network: blocks of any size are cut into
 * 512-sample windows (32 ms at 16 kHz), each window is scored with the channel's own recurrent
 * state and 64-sample context on the JVM-wide {@link SileroModel} session, and the
 * probabilities go through Silero's hysteresis: speech from 0.5, silence under 0.35, segments
 * longer than 250 ms, silences of at least 100 ms. Owns no native memory between calls, so it
 * needs no closing. One instance per channel; not thread-safe.
 */
public final class SileroVad implements VoiceActivityDetector {

    /** Probability at which speech starts (Silero's default {@code threshold}). */
    public static final double ON_THRESHOLD = 0.5;
    /** Probability under which a window is silent once speech started ({@code threshold - 0.15}). */
    public static final double OFF_THRESHOLD = 0.35;
    /** Speech segments must be longer than this to count (Silero's {@code min_speech_duration_ms}). */
    public static final double MIN_SPEECH_MILLIS = 250;
    /** Silence must last this long to end speech (Silero's {@code min_silence_duration_ms}). */
    public static final double MIN_SILENCE_MILLIS = 100;

    private static final int WINDOW = SileroModel.WINDOW_SAMPLES;
    private static final int CONTEXT = SileroModel.CONTEXT_SAMPLES;
    private static final double WINDOW_MILLIS = 1000.0 * WINDOW / SileroModel.SAMPLE_RATE;

    private final SileroModel model;
    private final SpeechSegmenter segmenter =
            new SpeechSegmenter(ON_THRESHOLD, OFF_THRESHOLD, WINDOW_MILLIS, MIN_SPEECH_MILLIS, MIN_SILENCE_MILLIS);
    /** Context then window, handed to the model in place (direct, native order: no copy by ONNX Runtime). */
    private final FloatBuffer input = directFloats(CONTEXT + WINDOW);
    private final FloatBuffer state = directFloats(SileroModel.STATE_SIZE);
    /** Samples of the window being filled; the context occupies the first {@code CONTEXT} slots. */
    private final float[] window = new float[CONTEXT + WINDOW];
    private int filled;
    private long windows;

    /** A detector with zero state and zero context, as Silero starts a stream. */
    public SileroVad(SileroModel model) {
        this.model = Objects.requireNonNull(model, "model");
    }

    private static FloatBuffer directFloats(int count) {
        return ByteBuffer.allocateDirect(count * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer();
    }

    @Override
    public void accept(float[] samples, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, samples.length);
        int position = offset;
        int end = offset + length;
        while (position < end) {
            int take = Math.min(WINDOW - filled, end - position);
            System.arraycopy(samples, position, window, CONTEXT + filled, take);
            filled += take;
            position += take;
            if (filled == WINDOW) {
                segmenter.accept(scoreWindow());
                // The tail of this window is the next one's context, as in Silero's OnnxWrapper.
                System.arraycopy(window, WINDOW, window, 0, CONTEXT);
                filled = 0;
            }
        }
    }

    private float scoreWindow() {
        input.clear();
        input.put(window);
        try {
            float probability = model.speechProbability(input, state);
            windows++;
            return probability;
        } catch (OrtException e) {
            throw new BonafideException(ErrorType.INTERNAL, "Silero VAD failed on a window",
                    Map.of("window", Long.toString(windows), "resource", model.resource()), e);
        }
    }

    @Override
    public double voicedSeconds() {
        return segmenter.voicedFrames() * (double) WINDOW / SileroModel.SAMPLE_RATE;
    }

    /** Windows scored so far. */
    public long windows() {
        return windows;
    }
}
