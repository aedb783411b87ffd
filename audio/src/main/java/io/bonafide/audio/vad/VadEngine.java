package io.bonafide.audio.vad;

/**
 * The kinds of voice activity detector the audio front end can run, with the name that results
 * and logs carry, so that a reader of a {@code voice_duration} knows which method measured it:
 * the Silero VAD v5 network when its model and ONNX Runtime are available, else the energy
 * detector.
 */
public enum VadEngine {
    /** Silero VAD v5 on ONNX Runtime, 32 ms windows. */
    SILERO("silero-vad-v5"),
    /** Frame energy over an adaptive noise floor, 30 ms frames; the fallback. */
    ENERGY("energy-vad");

    private final String reportName;

    VadEngine(String reportName) {
        this.reportName = reportName;
    }

    /** The name results and logs carry, e.g. {@code silero-vad-v5}. */
    public String reportName() {
        return reportName;
    }
}
