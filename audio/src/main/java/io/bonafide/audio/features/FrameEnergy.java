package io.bonafide.audio.features;

import io.bonafide.audio.features.internal.FramedFeatureStream;
import io.bonafide.audio.features.internal.Framer;

/**
 * Energy of each raw (unwindowed) frame: {@code [rms, logEnergy]} with
 * {@code rms = sqrt(sum x^2 / N)} and {@code logEnergy = ln(max(sum x^2, 1e-10))} (Kaldi's
 * raw log energy, without dither). Standard frames: 400 samples, hop 160, snip edges, aligned
 * with {@link Stft#standard()}. Immutable.
 */
public final class FrameEnergy implements FeatureExtractor {
    public static final float FLOOR = 1e-10f;

    private static final FrameEnergy STANDARD = new FrameEnergy(Stft.FRAME_LENGTH, Stft.HOP_LENGTH);

    private final int frameLength;
    private final int hopLength;

    public FrameEnergy(int frameLength, int hopLength) {
        if (frameLength < 1 || hopLength < 1) {
            throw new IllegalArgumentException("frameLength and hopLength must be positive, got "
                    + frameLength + ", " + hopLength);
        }
        this.frameLength = frameLength;
        this.hopLength = hopLength;
    }

    public static FrameEnergy standard() {
        return STANDARD;
    }

    @Override
    public int dimension() {
        return 2;
    }

    @Override
    public FeatureStream stream(FeatureSink sink) {
        return new FramedFeatureStream(Framer.snipEdges(frameLength, hopLength), 2, (frame, offset, out) -> {
            double energy = 0;
            for (int i = 0; i < frameLength; i++) {
                double x = frame[offset + i];
                energy += x * x;
            }
            out[0] = (float) Math.sqrt(energy / frameLength);
            out[1] = (float) Math.log(Math.max(energy, FLOOR));
        }, sink);
    }
}
