package io.bonafide.detection.training;

import io.bonafide.detection.model.ModelDescriptor;
import java.util.ArrayList;
import java.util.List;

/**
 * Per-feature mean and population standard deviation of a training matrix, for the descriptor's
 * {@code input.standardisation}. A feature that is constant on the training data gets standard
 * deviation 1 instead of 0, so that it standardises to a constant rather than to a division by
 * zero (the trees cannot split on it either way).
 */
public final class FeatureStandardisation {
    private FeatureStandardisation() {
    }

    /** Statistics of {@code rows} ({@code [trial][feature]}, at least one row). */
    public static ModelDescriptor.Standardisation fit(List<float[]> rows) {
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("no training rows");
        }
        int dimension = rows.get(0).length;
        List<Double> means = new ArrayList<>(dimension);
        List<Double> stds = new ArrayList<>(dimension);
        for (int j = 0; j < dimension; j++) {
            double sum = 0;
            for (float[] row : rows) {
                sum += row[j];
            }
            double mean = sum / rows.size();
            double squares = 0;
            for (float[] row : rows) {
                double d = row[j] - mean;
                squares += d * d;
            }
            double std = Math.sqrt(squares / rows.size());
            means.add(mean);
            stds.add(std > 1e-12 ? std : 1.0);
        }
        return new ModelDescriptor.Standardisation(means, stds);
    }
}
