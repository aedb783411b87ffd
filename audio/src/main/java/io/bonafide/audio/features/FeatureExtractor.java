package io.bonafide.audio.features;

import java.util.ArrayList;
import java.util.List;

/**
 * A frame-level feature of 16 kHz mono audio: a fixed-size vector per analysis frame. Use
 * {@link #stream} to compute it while audio is decoded, or {@link #extract} on a whole array.
 * Implementations are immutable and thread-safe; their streams are not.
 */
public interface FeatureExtractor {

    /** Length of each frame's vector. */
    int dimension();

    /** A new stream that feeds {@code sink}. */
    FeatureStream stream(FeatureSink sink);

    /** All frames of {@code samples} (16 kHz mono), one row per frame. */
    default float[][] extract(float[] samples) {
        List<float[]> frames = new ArrayList<>();
        FeatureStream stream = stream(frame -> frames.add(frame.clone()));
        stream.accept(samples, 0, samples.length);
        stream.finish();
        return frames.toArray(new float[0][]);
    }
}
