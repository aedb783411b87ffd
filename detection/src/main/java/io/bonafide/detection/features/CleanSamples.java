package io.bonafide.detection.features;

/**
 * The streaming front of a channel accumulator: replaces NaN and infinite samples by 0 (and
 * counts them), counts samples, refuses input after the end, and hands clean blocks to
 * {@link #analyse}. Subclasses do the analysis.
 */
abstract class CleanSamples {
    private float[] scratch = new float[0];
    private long samples;
    private long nonFinite;
    private boolean ended;

    /** Analyses one clean block ({@code clean[0 .. length)}); the array is reused afterwards. */
    protected abstract void analyse(float[] clean, int length);

    /** Flushes what is waiting for more input; called once, at the end. */
    protected abstract void finish();

    public final void accept(float[] block, int offset, int length) {
        if (ended) {
            throw new IllegalStateException("the channel has ended");
        }
        if (scratch.length < length) {
            scratch = new float[length];
        }
        for (int i = 0; i < length; i++) {
            float x = block[offset + i];
            if (Float.isFinite(x)) {
                scratch[i] = x;
            } else {
                scratch[i] = 0;
                nonFinite++;
            }
        }
        analyse(scratch, length);
        samples += length;
    }

    public final void end() {
        if (!ended) {
            ended = true;
            finish();
        }
    }

    protected final void requireEnded() {
        if (!ended) {
            throw new IllegalStateException("the features are known once the channel has ended");
        }
    }

    public final long samples() {
        return samples;
    }

    public final long nonFiniteSamples() {
        return nonFinite;
    }
}
