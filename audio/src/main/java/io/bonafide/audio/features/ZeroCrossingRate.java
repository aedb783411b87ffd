package io.bonafide.audio.features;

import io.bonafide.audio.features.internal.FramedFeatureStream;
import io.bonafide.audio.features.internal.Framer;

/**
 * Zero crossings per sample in each raw frame: the share of the {@code N - 1} adjacent sample
 * pairs whose signs differ (zero counting as positive), so a sine at {@code f} reads
 * {@code 2 f / 16000}. Standard frames: 400 samples, hop 160, snip edges. Immutable.
 */
public final class ZeroCrossingRate implements FeatureExtractor {
    private static final ZeroCrossingRate STANDARD = new ZeroCrossingRate(Stft.FRAME_LENGTH, Stft.HOP_LENGTH);

    private final int frameLength;
    private final int hopLength;

    public ZeroCrossingRate(int frameLength, int hopLength) {
        if (frameLength < 2 || hopLength < 1) {
            throw new IllegalArgumentException("frameLength must be at least 2 and hopLength positive, got "
                    + frameLength + ", " + hopLength);
        }
        this.frameLength = frameLength;
        this.hopLength = hopLength;
    }

    public static ZeroCrossingRate standard() {
        return STANDARD;
    }

    @Override
    public int dimension() {
        return 1;
    }

    @Override
    public FeatureStream stream(FeatureSink sink) {
        return new FramedFeatureStream(Framer.snipEdges(frameLength, hopLength), 1, (frame, offset, out) -> {
            int crossings = 0;
            boolean previous = frame[offset] >= 0;
            for (int i = 1; i < frameLength; i++) {
                boolean current = frame[offset + i] >= 0;
                if (current != previous) {
                    crossings++;
                }
                previous = current;
            }
            out[0] = (float) crossings / (frameLength - 1);
        }, sink);
    }
}
