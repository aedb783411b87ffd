package io.bonafide.audio.features;

/**
 * Running per-dimension mean and population standard deviation over the frames it is fed,
 * the usual way to turn a variable-length feature sequence into one fixed vector (the seed
 * baseline's 13 MFCC means and 13 standard deviations). A {@link FeatureSink}, so it can sit
 * at the end of a stream. Sums are kept in double, centred on the first frame to avoid
 * cancellation. Not thread-safe.
 */
public final class FrameStatistics implements FeatureSink {
    private final int dimension;
    private final double[] shift;
    private final double[] sum;
    private final double[] sumOfSquares;
    private long frames;

    public FrameStatistics(int dimension) {
        this.dimension = dimension;
        this.shift = new double[dimension];
        this.sum = new double[dimension];
        this.sumOfSquares = new double[dimension];
    }

    /** Statistics of a whole feature matrix, {@code [frames][dimension]}. */
    public static FrameStatistics of(float[][] frames, int dimension) {
        FrameStatistics statistics = new FrameStatistics(dimension);
        for (float[] frame : frames) {
            statistics.accept(frame);
        }
        return statistics;
    }

    @Override
    public void accept(float[] frame) {
        if (frame.length < dimension) {
            throw new IllegalArgumentException("frame has " + frame.length + " values, expected " + dimension);
        }
        if (frames == 0) {
            for (int i = 0; i < dimension; i++) {
                shift[i] = frame[i];
            }
        }
        for (int i = 0; i < dimension; i++) {
            double d = frame[i] - shift[i];
            sum[i] += d;
            sumOfSquares[i] += d * d;
        }
        frames++;
    }

    public long frames() {
        return frames;
    }

    /** Per-dimension means; zeros before any frame. */
    public float[] means() {
        float[] means = new float[dimension];
        for (int i = 0; i < dimension && frames > 0; i++) {
            means[i] = (float) (shift[i] + sum[i] / frames);
        }
        return means;
    }

    /** Per-dimension population standard deviations; zeros before any frame. */
    public float[] standardDeviations() {
        float[] deviations = new float[dimension];
        for (int i = 0; i < dimension && frames > 0; i++) {
            double mean = sum[i] / frames;
            deviations[i] = (float) Math.sqrt(Math.max(0, sumOfSquares[i] / frames - mean * mean));
        }
        return deviations;
    }

    /** Means followed by standard deviations: {@code 2 * dimension} values. */
    public float[] meansAndStandardDeviations() {
        float[] both = new float[2 * dimension];
        System.arraycopy(means(), 0, both, 0, dimension);
        System.arraycopy(standardDeviations(), 0, both, dimension, dimension);
        return both;
    }
}
