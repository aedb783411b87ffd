package io.bonafide.audio.resample;

import java.util.Arrays;

/** Gathers everything a streaming stage emits into one growing array, for assertions. */
final class CollectingSink implements FloatSink {
    private float[] samples = new float[1024];
    private int size;

    @Override
    public void accept(float[] block, int offset, int length) {
        if (size + length > samples.length) {
            samples = Arrays.copyOf(samples, Math.max(samples.length * 2, size + length));
        }
        System.arraycopy(block, offset, samples, size, length);
        size += length;
    }

    float[] samples() {
        return Arrays.copyOf(samples, size);
    }

    /** Runs {@code input} through a fresh resampler in one block and returns all of its output. */
    static float[] resample(int inputRate, int outputRate, float[] input) {
        Resampler resampler = Resamplers.create(inputRate, outputRate);
        CollectingSink sink = new CollectingSink();
        resampler.process(input, 0, input.length, sink);
        resampler.flush(sink);
        return sink.samples();
    }
}
