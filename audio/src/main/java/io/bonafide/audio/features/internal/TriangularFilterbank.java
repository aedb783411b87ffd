package io.bonafide.audio.features.internal;

/**
 * Triangular filters over the bins of a power spectrum, stored sparsely (each filter only
 * touches the bins under its triangle). Filter {@code m} rises from {@code edges[m]} to peak at
 * {@code edges[m + 1]} and falls to zero at {@code edges[m + 2]}, evaluated at the bin centre
 * frequencies {@code k * sampleRate / fftSize}, with peak height {@code scale[m]}. Immutable.
 */
public final class TriangularFilterbank {
    private final int[] firstBin;
    private final float[][] weights;
    private final int bins;

    /**
     * @param edgesHz {@code filters + 2} increasing frequencies: each filter's lower, centre and upper edge
     * @param peakHeights height of each triangle
     */
    public TriangularFilterbank(int sampleRate, int fftSize, double[] edgesHz, double[] peakHeights) {
        int filters = edgesHz.length - 2;
        if (filters < 1 || peakHeights.length != filters) {
            throw new IllegalArgumentException("need filters + 2 edges and one height per filter, got "
                    + edgesHz.length + " edges and " + peakHeights.length + " heights");
        }
        this.bins = fftSize / 2 + 1;
        this.firstBin = new int[filters];
        this.weights = new float[filters][];
        double binHz = (double) sampleRate / fftSize;
        for (int m = 0; m < filters; m++) {
            double lower = edgesHz[m];
            double centre = edgesHz[m + 1];
            double upper = edgesHz[m + 2];
            double[] row = new double[bins];
            int first = -1;
            int last = -1;
            for (int k = 0; k < bins; k++) {
                double f = k * binHz;
                double rising = (f - lower) / (centre - lower);
                double falling = (upper - f) / (upper - centre);
                double w = Math.max(0, Math.min(rising, falling)) * peakHeights[m];
                row[k] = w;
                if (w > 0) {
                    if (first < 0) {
                        first = k;
                    }
                    last = k;
                }
            }
            if (first < 0) {
                // A filter narrower than a bin: keep it (all zero) so that band indices stay put.
                first = 0;
                last = -1;
            }
            firstBin[m] = first;
            weights[m] = new float[last - first + 1];
            for (int k = first; k <= last; k++) {
                weights[m][k - first] = (float) row[k];
            }
        }
    }

    public int filters() {
        return weights.length;
    }

    public int bins() {
        return bins;
    }

    /** {@code out[m] = sum_k weight[m][k] * power[k]}. */
    public void apply(float[] power, float[] out) {
        for (int m = 0; m < weights.length; m++) {
            float[] w = weights[m];
            int first = firstBin[m];
            float sum = 0;
            for (int k = 0; k < w.length; k++) {
                sum += w[k] * power[first + k];
            }
            out[m] = sum;
        }
    }

    /** The dense weight matrix, {@code [filters][bins]}, for inspection. */
    public float[][] denseWeights() {
        float[][] dense = new float[weights.length][bins];
        for (int m = 0; m < weights.length; m++) {
            System.arraycopy(weights[m], 0, dense[m], firstBin[m], weights[m].length);
        }
        return dense;
    }
}
