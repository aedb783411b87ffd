package io.bonafide.audio.vad.internal;

import io.bonafide.audio.vad.VoiceActivityDetector;
import java.util.Arrays;
import java.util.Objects;

/**
 * Voice activity of one channel from frame energy alone, for when the Silero model cannot be
 * used. Blocks of any size are cut into 30 ms frames (480 samples at 16 kHz); a frame's score is
 * its level in dB above an adaptive noise floor, the lowest frame level of the last 1.5 s (the
 * minimum-statistics idea: speech has pauses, noise does not, so the minimum follows the noise
 * and not the voice). Speech starts at 10 dB above the floor and ends under 6 dB, with the same
 * minimum speech (250 ms) and silence (100 ms) as the Silero detector. Frames under -60 dBFS are
 * never speech and do not feed the floor: digital silence says nothing about the noise that
 * follows it. It cannot tell a voice from any other loud, changing sound (music, a door), so it
 * over-counts on such material. One instance per channel; not thread-safe.
 */
public final class EnergyVad implements VoiceActivityDetector {

    /** Sample rate the detector works at. */
    public static final int SAMPLE_RATE = 16_000;
    /** Samples of one frame: 30 ms. */
    public static final int FRAME_SAMPLES = 480;
    /** dB above the noise floor at which speech starts. */
    public static final double ON_DB = 10.0;
    /** dB above the noise floor under which a frame is silent once speech started. */
    public static final double OFF_DB = 6.0;
    /** Frame level (dB relative to a full-scale square wave) under which a frame is never speech. */
    public static final double ABSOLUTE_GATE_DBFS = -60.0;
    /** How far back the noise floor looks for its minimum. */
    public static final double FLOOR_WINDOW_MILLIS = 1500;

    private static final double FRAME_MILLIS = 1000.0 * FRAME_SAMPLES / SAMPLE_RATE;
    private static final int FLOOR_FRAMES = (int) Math.round(FLOOR_WINDOW_MILLIS / FRAME_MILLIS);
    /** Keeps log10 finite on digital silence. */
    private static final double POWER_EPSILON = 1e-12;

    private final SpeechSegmenter segmenter = new SpeechSegmenter(
            ON_DB, OFF_DB, FRAME_MILLIS, SileroVad.MIN_SPEECH_MILLIS, SileroVad.MIN_SILENCE_MILLIS);
    /** Levels of the last 1.5 s of frames, +infinity for gated ones; oldest overwritten first. */
    private final double[] recentLevels = unknownLevels(FLOOR_FRAMES);
    private int recentNext;
    private double energy;
    private int filled;

    private static double[] unknownLevels(int length) {
        double[] levels = new double[length];
        Arrays.fill(levels, Double.POSITIVE_INFINITY);
        return levels;
    }

    @Override
    public void accept(float[] samples, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, samples.length);
        for (int i = offset, end = offset + length; i < end; i++) {
            double s = samples[i];
            energy += s * s;
            if (++filled == FRAME_SAMPLES) {
                segmenter.accept(score(10.0 * Math.log10(energy / FRAME_SAMPLES + POWER_EPSILON)));
                energy = 0;
                filled = 0;
            }
        }
    }

    private double score(double levelDb) {
        boolean gated = levelDb < ABSOLUTE_GATE_DBFS;
        // A gated frame still takes its slot, so that the floor only ever reflects the last 1.5 s.
        recentLevels[recentNext] = gated ? Double.POSITIVE_INFINITY : levelDb;
        recentNext = (recentNext + 1) % recentLevels.length;
        if (gated) {
            return Double.NEGATIVE_INFINITY;
        }
        double floor = levelDb;
        for (double level : recentLevels) {
            floor = Math.min(floor, level);
        }
        return levelDb - floor;
    }

    @Override
    public double voicedSeconds() {
        return segmenter.voicedFrames() * (double) FRAME_SAMPLES / SAMPLE_RATE;
    }
}
