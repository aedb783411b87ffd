package io.bonafide.detection.training;

import java.util.List;
import java.util.Map;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * Trains a binary XGBoost model on standardised feature rows: label 1 is genuine, so the
 * booster's margin is the log-odds of genuine. Native memory is released before returning.
 */
public final class XgboostTrainer {
    private XgboostTrainer() {
    }

    /**
     * Trains a booster.
     *
     * @param rows    standardised feature vectors, all of one length
     * @param genuine label of each row
     */
    public static Booster train(List<float[]> rows, boolean[] genuine, XgboostParameters parameters)
            throws XGBoostError {
        DMatrix matrix = matrix(rows);
        try {
            float[] labels = new float[genuine.length];
            for (int i = 0; i < labels.length; i++) {
                labels[i] = genuine[i] ? 1f : 0f;
            }
            matrix.setLabel(labels);
            return XGBoost.train(matrix, parameters.boosterParameters(), parameters.rounds(), Map.of(), null, null);
        } finally {
            matrix.dispose();
        }
    }

    /** The margins (log-odds of genuine) that {@code booster} gives {@code rows}. */
    public static double[] margins(Booster booster, List<float[]> rows) throws XGBoostError {
        DMatrix matrix = matrix(rows);
        try {
            float[][] out = booster.predict(matrix, true);
            double[] margins = new double[out.length];
            for (int i = 0; i < out.length; i++) {
                margins[i] = out[i][0];
            }
            return margins;
        } finally {
            matrix.dispose();
        }
    }

    private static DMatrix matrix(List<float[]> rows) throws XGBoostError {
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("no rows");
        }
        int columns = rows.get(0).length;
        float[] flat = new float[rows.size() * columns];
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).length != columns) {
                throw new IllegalArgumentException("row " + i + " has " + rows.get(i).length + " values, expected " + columns);
            }
            System.arraycopy(rows.get(i), 0, flat, i * columns, columns);
        }
        return new DMatrix(flat, rows.size(), columns, Float.NaN);
    }
}
