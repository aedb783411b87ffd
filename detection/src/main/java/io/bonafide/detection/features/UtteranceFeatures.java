package io.bonafide.detection.features;

import io.bonafide.audio.ChannelAnalysis;

/**
 * One channel's fixed-length feature vector, computed while the channel streams past: feed it
 * the 16 kHz samples as the front end delivers them, call {@link #end()}, then read
 * {@link #vector()}. The same class computes the features for training and for serving, so the
 * two can never drift apart. One instance per channel; not thread-safe.
 */
public interface UtteranceFeatures extends ChannelAnalysis {

    /** The feature vector, in the order of its {@link FeatureSet#names()}; valid after {@link #end()}. */
    float[] vector();

    /** 16 kHz samples received. */
    long samples();

    /** NaN or infinite samples received, which were analysed as 0. */
    long nonFiniteSamples();
}
