package io.bonafide.audio.select;

/** How the channels of a multi-channel file are analysed (SPEC 2 {@code channel_mode}). */
public enum ChannelMode {
    /** Each selected channel on its own, reported under its own 0-based index. */
    SPLIT,
    /** The selected channels averaged into one, reported as channel 0. */
    MIX
}
