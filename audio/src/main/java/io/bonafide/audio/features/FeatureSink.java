package io.bonafide.audio.features;

/**
 * Receives one feature vector per analysis frame, in frame order, as a {@link FeatureStream}
 * produces them. The array is reused after the call returns: copy what must be kept.
 */
@FunctionalInterface
public interface FeatureSink {
    void accept(float[] frame);
}
