package io.bonafide.audio;

/**
 * Settings of the front end, validated on construction.
 *
 * @param blockFrames        frames decoded per step; bounds the memory of one step
 * @param maxDurationSeconds longest file accepted, else {@code media.too-long}
 */
public record FrontEndOptions(int blockFrames, double maxDurationSeconds) {
    /** 4096-frame blocks, files up to 4 hours. */
    public static final FrontEndOptions DEFAULTS = new FrontEndOptions(4096, 4 * 3600);

    public FrontEndOptions {
        if (blockFrames < 64 || blockFrames > 1 << 20) {
            throw new IllegalArgumentException("blockFrames must be in [64, 1048576], was " + blockFrames);
        }
        if (!(maxDurationSeconds > 0) || Double.isInfinite(maxDurationSeconds)) {
            throw new IllegalArgumentException("maxDurationSeconds must be a positive finite number, was "
                    + maxDurationSeconds);
        }
    }
}
