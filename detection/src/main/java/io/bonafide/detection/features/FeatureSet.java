package io.bonafide.detection.features;

import java.util.Arrays;
import java.util.List;

/**
 * The named utterance feature sets that a model descriptor can ask for ({@code input.kind}
 * {@code features:<name>}). Each name fixes the features' definitions and order for good: a
 * model trained on one set is only ever served the same set.
 */
public enum FeatureSet {
    /** The seed baseline's 34 features, see {@link Baseline34Features}. */
    BASELINE34("baseline34", Baseline34Features.NAMES),
    /** The replay detector's 138 features, see {@link ReplayFeatures}. */
    REPLAY138("replay138", ReplayFeatures.NAMES),
    /**
     * The replay detector's 138 features followed by 60 speech-minus-noise and noise-floor spectra
     * in 20 bands of about a third of an octave, see {@link SpeechNoiseSpectra}.
     */
    REPLAY198("replay198", ReplayFeatures.EXTENDED_NAMES),
    /**
     * The 1.0.0 manipulation detector's 140 features of one 400 ms window (200 ms hop), the first
     * 140 of {@link #MANIPULATION322}, see {@link ManipulationWindowFeatures}; a window set, so
     * {@link #newChannel()} does not apply.
     */
    MANIPULATION140("manipulation140", ManipulationWindowFeatures.NAMES.subList(0, ManipulationWindowFeatures.DIMENSION_140)),
    /**
     * The manipulation detector's 322 window features (2.0.0): the 140 of {@link #MANIPULATION140}
     * first, then noise-bed, cepstral and linear-prediction contrasts and robust within-channel
     * z-scores, see {@link ManipulationWindowFeatures}.
     */
    MANIPULATION322("manipulation322", ManipulationWindowFeatures.NAMES);

    private final String wireName;
    private final List<String> names;

    FeatureSet(String wireName, List<String> names) {
        this.wireName = wireName;
        this.names = names;
    }

    /** The name after {@code features:} in a descriptor. */
    public String wireName() {
        return wireName;
    }

    /** Feature names in vector order. */
    public List<String> names() {
        return names;
    }

    /**
     * The window vector of this set from a full {@link ManipulationWindowFeatures} vector: window
     * sets are prefixes of it.
     */
    public float[] ofWindow(float[] full) {
        if (!windowed()) {
            throw new UnsupportedOperationException(wireName + " is not a window feature set");
        }
        return full.length == dimension() ? full : Arrays.copyOf(full, dimension());
    }

    /** Length of the vector. */
    public int dimension() {
        return names.size();
    }

    /** Whether the set describes 400 ms windows (one vector per window) rather than whole channels. */
    public boolean windowed() {
        return this == MANIPULATION140 || this == MANIPULATION322;
    }

    /**
     * A fresh accumulator for one channel.
     *
     * @throws UnsupportedOperationException for a {@link #windowed()} set, whose vectors come from
     *                                       {@link ManipulationWindowFeatures#newChannel()}
     */
    public UtteranceFeatures newChannel() {
        return newChannel(null);
    }

    /**
     * A fresh accumulator for one channel; a set built on the standard STFT takes its frames from
     * {@code spectra} when that is not null (the same values, computed once for several sets).
     *
     * @throws UnsupportedOperationException for a {@link #windowed()} set
     */
    public UtteranceFeatures newChannel(SharedSpectra spectra) {
        return switch (this) {
            case BASELINE34 -> Baseline34Features.newChannel();
            case REPLAY138 -> ReplayFeatures.newChannel(false, spectra);
            case REPLAY198 -> ReplayFeatures.newChannel(true, spectra);
            case MANIPULATION140, MANIPULATION322 -> throw new UnsupportedOperationException(
                    wireName + " is a window feature set; use ManipulationWindowFeatures.newChannel()");
        };
    }
}
