package io.bonafide.detection.features;

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
     * The manipulation detector's 140 features of one 400 ms window (200 ms hop), see
     * {@link ManipulationWindowFeatures}; a window set, so {@link #newChannel()} does not apply.
     */
    MANIPULATION140("manipulation140", ManipulationWindowFeatures.NAMES);

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

    /** Length of the vector. */
    public int dimension() {
        return names.size();
    }

    /** Whether the set describes 400 ms windows (one vector per window) rather than whole channels. */
    public boolean windowed() {
        return this == MANIPULATION140;
    }

    /**
     * A fresh accumulator for one channel.
     *
     * @throws UnsupportedOperationException for a {@link #windowed()} set, whose vectors come from
     *                                       {@link ManipulationWindowFeatures#newChannel()}
     */
    public UtteranceFeatures newChannel() {
        return switch (this) {
            case BASELINE34 -> Baseline34Features.newChannel();
            case REPLAY138 -> ReplayFeatures.newChannel();
            case REPLAY198 -> ReplayFeatures.newExtendedChannel();
            case MANIPULATION140 -> throw new UnsupportedOperationException(
                    "manipulation140 is a window feature set; use ManipulationWindowFeatures.newChannel()");
        };
    }
}
