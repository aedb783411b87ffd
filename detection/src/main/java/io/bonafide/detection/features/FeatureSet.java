package io.bonafide.detection.features;

import java.util.List;

/**
 * The named utterance feature sets that a model descriptor can ask for ({@code input.kind}
 * {@code features:<name>}). Each name fixes the features' definitions and order for good: a
 * model trained on one set is only ever served the same set.
 */
public enum FeatureSet {
    /** The seed baseline's 34 features, see {@link Baseline34Features}. */
    BASELINE34("baseline34", Baseline34Features.NAMES);

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

    /** A fresh accumulator for one channel. */
    public UtteranceFeatures newChannel() {
        return switch (this) {
            case BASELINE34 -> Baseline34Features.newChannel();
        };
    }
}
