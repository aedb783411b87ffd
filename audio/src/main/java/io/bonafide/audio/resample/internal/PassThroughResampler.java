package io.bonafide.audio.resample.internal;

import io.bonafide.audio.resample.FloatSink;
import io.bonafide.audio.resample.Resampler;

/** The {@link Resampler} for equal rates: hands every block on unchanged, without copying. */
public final class PassThroughResampler implements Resampler {
    private final int rate;
    private boolean flushed;

    public PassThroughResampler(int rate) {
        this.rate = rate;
    }

    @Override
    public void process(float[] in, int offset, int length, FloatSink sink) {
        if (flushed) {
            throw new IllegalStateException("process after flush");
        }
        if (offset < 0 || length < 0 || offset > in.length - length) {
            throw new IndexOutOfBoundsException("offset " + offset + ", length " + length + ", array " + in.length);
        }
        if (length > 0) {
            sink.accept(in, offset, length);
        }
    }

    @Override
    public void flush(FloatSink sink) {
        if (flushed) {
            throw new IllegalStateException("flush called twice");
        }
        flushed = true;
    }

    @Override
    public int inputRate() {
        return rate;
    }

    @Override
    public int outputRate() {
        return rate;
    }
}
