package io.bonafide.detection;

import io.bonafide.audio.ChannelAnalysis;

/**
 * One detector working on one channel: receives the channel at 16 kHz as the front end produces
 * it, then gives its {@link ChannelOutcome} once the channel has ended.
 */
public interface ChannelDetection extends ChannelAnalysis {

    /** The outcome; valid after {@link #end()}. */
    ChannelOutcome outcome();
}
