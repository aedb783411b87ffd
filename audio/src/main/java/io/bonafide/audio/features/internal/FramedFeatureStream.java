package io.bonafide.audio.features.internal;

import io.bonafide.audio.features.FeatureSink;
import io.bonafide.audio.features.FeatureStream;

/** The {@link FeatureStream} of every frame-by-frame feature: a {@link Framer} feeding a {@link FrameFunction}. */
public final class FramedFeatureStream implements FeatureStream {
    private final Framer framer;
    private final float[] vector;
    private final Framer.FrameConsumer consumer;

    public FramedFeatureStream(Framer framer, int dimension, FrameFunction function, FeatureSink sink) {
        this.framer = framer;
        this.vector = new float[dimension];
        this.consumer = (buffer, offset) -> {
            function.apply(buffer, offset, vector);
            sink.accept(vector);
        };
    }

    @Override
    public void accept(float[] samples, int offset, int length) {
        framer.accept(samples, offset, length, consumer);
    }

    @Override
    public void finish() {
        framer.finish(consumer);
    }
}
