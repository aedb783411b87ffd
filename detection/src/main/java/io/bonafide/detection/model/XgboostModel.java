package io.bonafide.detection.model;

import io.bonafide.detection.features.FeatureSet;
import io.bonafide.detection.model.internal.SharedBoosters;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * An XGBoost model ready to score utterance feature vectors: its validated descriptor (kind
 * {@code xgboost}) and the JVM-wide booster of its file. {@link #load} verifies the file's
 * sha256 against the descriptor, then reuses the booster that an earlier load of the same file
 * created (one per file per JVM). {@link #score} standardises a vector of the descriptor's
 * feature set, predicts, orients the output towards genuine and calibrates it into a
 * log-likelihood ratio.
 *
 * <p>Thread-safe. XGBoost documents tree-model prediction as thread-safe since 1.4, and
 * XGBoost4J 3.0 serialises {@code Booster.predict} on the booster anyway (a {@code synchronized}
 * method), so concurrent channels queue for the microseconds one row takes; no lock of our own
 * is needed. Channels are scored by a {@link FeatureScorer} each.
 */
public final class XgboostModel {
    private final ModelDescriptor descriptor;
    private final Path file;
    private final Booster booster;
    private final FeatureSet featureSet;

    private XgboostModel(ModelDescriptor descriptor, Path file, Booster booster, FeatureSet featureSet) {
        this.descriptor = descriptor;
        this.file = file;
        this.booster = booster;
        this.featureSet = featureSet;
    }

    /**
     * Loads the model that {@code descriptorFile} ({@code model.json}) describes.
     *
     * @throws ModelException for an invalid descriptor or one of another kind, a missing file, a
     *                        checksum mismatch, or a booster that XGBoost cannot load or whose
     *                        feature count differs from the feature set's
     */
    public static XgboostModel load(Path descriptorFile) {
        ModelDescriptor descriptor = ModelDescriptor.read(descriptorFile);
        Path file = descriptorFile.toAbsolutePath().getParent().resolve(descriptor.file());
        Map<String, String> context = new HashMap<>(Map.of("model", descriptor.name() + ":" + descriptor.version(),
                "file", file.toString(), "descriptor", descriptorFile.toString()));
        if (descriptor.kind() != ModelDescriptor.Kind.XGBOOST) {
            throw new ModelException("the descriptor's kind is " + descriptor.kind().name().toLowerCase(Locale.ROOT)
                    + ", not xgboost", context);
        }
        FeatureSet featureSet = descriptor.input().kind().featureSet().orElseThrow();
        Path canonical;
        byte[] bytes;
        try {
            canonical = file.toRealPath();
            if (!Files.isRegularFile(canonical)) {
                throw new ModelException("the model file is not a regular file", context);
            }
            bytes = Files.readAllBytes(canonical);
        } catch (IOException e) {
            throw new ModelException("cannot read the model file", context, e);
        }
        // Hash the very bytes XGBoost will load, so the file cannot change between check and use.
        String actual = sha256(bytes);
        if (!actual.equals(descriptor.sha256())) {
            context.put("expected_sha256", descriptor.sha256());
            context.put("actual_sha256", actual);
            throw new ModelException("the model file's sha256 differs from its descriptor's: the file was "
                    + "replaced or corrupted, or the descriptor is stale", context);
        }
        Booster booster;
        try {
            booster = SharedBoosters.booster(canonical, actual, bytes);
            long features = booster.getNumFeature();
            if (features != featureSet.dimension()) {
                throw new ModelException("the model does not match its descriptor: the booster takes " + features
                        + " features but input.kind " + featureSet.wireName() + " has " + featureSet.dimension(), context);
            }
        } catch (XGBoostError e) {
            throw new ModelException("XGBoost cannot load the model: " + e.getMessage(), context, e);
        }
        return new XgboostModel(descriptor, canonical, booster, featureSet);
    }

    /** The validated descriptor. */
    public ModelDescriptor descriptor() {
        return descriptor;
    }

    /** The model file, canonical. */
    public Path file() {
        return file;
    }

    /** The feature set the model consumes. */
    public FeatureSet featureSet() {
        return featureSet;
    }

    /**
     * The booster's output for one raw (unstandardised) feature vector, as log-odds oriented
     * towards genuine, before calibration.
     *
     * @throws ModelException when the vector has the wrong length or XGBoost fails
     */
    public double rawScore(float[] features) {
        return rawScores(List.of(features))[0];
    }

    /**
     * {@link #rawScore} of each vector, predicted in one batch: one XGBoost matrix for all the rows
     * instead of one per row, whose creation costs more than a row's prediction. Each row's output
     * is the same as alone (the trees are summed per row, in tree order).
     *
     * @throws ModelException when a vector has the wrong length or XGBoost fails
     */
    public double[] rawScores(List<float[]> rows) {
        int dimension = featureSet.dimension();
        if (rows.isEmpty()) {
            return new double[0];
        }
        float[] matrix = new float[rows.size() * dimension];
        for (int i = 0; i < rows.size(); i++) {
            float[] features = rows.get(i);
            if (features.length != dimension) {
                throw new IllegalArgumentException("expected " + dimension + " features, got " + features.length);
            }
            System.arraycopy(descriptor.input().standardisation().apply(features), 0, matrix, i * dimension, dimension);
        }
        boolean margin = ModelDescriptor.Output.MARGIN.equals(descriptor.output().score());
        float[][] output;
        try {
            DMatrix batch = new DMatrix(matrix, rows.size(), dimension, Float.NaN);
            try {
                output = booster.predict(batch, margin);
            } finally {
                batch.dispose();
            }
        } catch (XGBoostError e) {
            throw new ModelException("XGBoost prediction failed: " + e.getMessage(),
                    Map.of("model", descriptor.name() + ":" + descriptor.version(), "file", file.toString()), e);
        }
        boolean attack = descriptor.output().scoreMeaning() == ModelDescriptor.ScoreMeaning.LOGIT_ATTACK;
        double[] scores = new double[rows.size()];
        for (int i = 0; i < scores.length; i++) {
            double logOdds = margin ? output[i][0] : logit(output[i][0]);
            scores[i] = attack ? -logOdds : logOdds;
        }
        return scores;
    }

    /** The calibrated log-likelihood ratio (genuine &gt; 0) of one raw feature vector. */
    public double score(float[] features) {
        return descriptor.calibration().apply(rawScore(features));
    }

    /** {@link #score} of each vector, predicted in one batch (see {@link #rawScores}). */
    public double[] scores(List<float[]> rows) {
        double[] scores = rawScores(rows);
        for (int i = 0; i < scores.length; i++) {
            scores[i] = descriptor.calibration().apply(scores[i]);
        }
        return scores;
    }

    /** Log-odds of a probability, kept finite for outputs that round to 0 or 1 in float. */
    private static double logit(double p) {
        double clamped = Math.min(1 - 1e-7, Math.max(1e-7, p));
        return Math.log(clamped / (1 - clamped));
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return descriptor.name() + ":" + descriptor.version() + " (" + file + ")";
    }
}
