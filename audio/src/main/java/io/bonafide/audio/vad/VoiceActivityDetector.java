package io.bonafide.audio.vad;

/**
 * Measures voiced time in one channel of 16 kHz mono audio, fed in blocks of any size as the
 * front end produces them. One instance per channel; not thread-safe.
 */
public interface VoiceActivityDetector {

    /** Consumes {@code length} samples at 16 kHz from {@code offset}. */
    void accept(float[] samples, int offset, int length);

    /** Seconds judged voiced among the samples consumed so far (complete analysis frames only). */
    double voicedSeconds();

    /** A detector that measures nothing (0 s voiced), for chains that must not pay for voice activity. */
    static VoiceActivityDetector none() {
        return new VoiceActivityDetector() {
            @Override
            public void accept(float[] samples, int offset, int length) {
            }

            @Override
            public double voicedSeconds() {
                return 0;
            }
        };
    }
}
