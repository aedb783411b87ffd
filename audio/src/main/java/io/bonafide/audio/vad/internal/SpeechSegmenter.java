package io.bonafide.audio.vad.internal;

/**
 * Turns a stream of per-frame speech scores into voiced frames with the hysteresis of Silero's
 * {@code get_speech_timestamps}: speech starts on a frame scoring at least the on-threshold and
 * lasts until the score has stayed under the lower off-threshold for the minimum silence; frames
 * in between the two thresholds keep speech going but never start it. A speech segment counts
 * only once it is longer than the minimum speech duration, and the silent frames that end it do
 * not count. Used by both detectors, with probabilities (Silero) or decibels above the noise
 * floor (energy) as scores. Not thread-safe.
 */
public final class SpeechSegmenter {

    private final double onThreshold;
    private final double offThreshold;
    private final int minSpeechFrames;
    private final int minSilenceFrames;

    private long committedFrames;
    private boolean inSpeech;
    /** Frames of the open segment up to its last frame that was not silent. */
    private long segmentFrames;
    /** Frames since the score first fell under the off-threshold inside the open segment. */
    private int trailingSilenceFrames;

    /**
     * @param onThreshold      score at which speech starts
     * @param offThreshold     score under which a frame is silent once speech has started
     * @param frameMillis      duration of one frame
     * @param minSpeechMillis  a segment must be longer than this to count
     * @param minSilenceMillis silence must last at least this long to end a segment
     */
    public SpeechSegmenter(double onThreshold, double offThreshold, double frameMillis,
                           double minSpeechMillis, double minSilenceMillis) {
        if (!(offThreshold <= onThreshold)) {
            throw new IllegalArgumentException("offThreshold " + offThreshold
                    + " must not exceed onThreshold " + onThreshold);
        }
        if (!(frameMillis > 0) || minSpeechMillis < 0 || minSilenceMillis < 0) {
            throw new IllegalArgumentException("durations must be positive: frame " + frameMillis
                    + " ms, min speech " + minSpeechMillis + " ms, min silence " + minSilenceMillis + " ms");
        }
        this.onThreshold = onThreshold;
        this.offThreshold = offThreshold;
        // Silero keeps a segment when (end - start) > min_speech, hence floor + 1.
        this.minSpeechFrames = (int) Math.floor(minSpeechMillis / frameMillis) + 1;
        // Silero ends a segment on a silent frame that comes min_silence or more after the first one.
        this.minSilenceFrames = (int) Math.ceil(minSilenceMillis / frameMillis);
    }

    /** Feeds the score of the next frame. */
    public void accept(double score) {
        if (!inSpeech) {
            if (score >= onThreshold) {
                inSpeech = true;
                segmentFrames = 1;
                trailingSilenceFrames = 0;
            }
            return;
        }
        if (score >= onThreshold) {
            // Speech came back before the silence was long enough: the gap belongs to the segment.
            segmentFrames += trailingSilenceFrames + 1;
            trailingSilenceFrames = 0;
        } else if (score < offThreshold) {
            if (trailingSilenceFrames >= minSilenceFrames) {
                closeSegment();
            } else {
                trailingSilenceFrames++;
            }
        } else if (trailingSilenceFrames > 0) {
            // Like Silero, an undecided frame neither ends the silence nor ends the segment.
            trailingSilenceFrames++;
        } else {
            segmentFrames++;
        }
    }

    private void closeSegment() {
        if (segmentFrames >= minSpeechFrames) {
            committedFrames += segmentFrames;
        }
        inSpeech = false;
        segmentFrames = 0;
        trailingSilenceFrames = 0;
    }

    /**
     * Frames judged voiced so far: closed segments, plus the open one when it is already long
     * enough to count; the silence trailing an open segment is not counted until speech resumes.
     */
    public long voicedFrames() {
        return committedFrames + (inSpeech && segmentFrames >= minSpeechFrames ? segmentFrames : 0);
    }

    /** Frames an open segment needs before it counts. */
    int minSpeechFrames() {
        return minSpeechFrames;
    }

    /** Silent frames after which the next silent frame ends a segment. */
    int minSilenceFrames() {
        return minSilenceFrames;
    }
}
