package io.bonafide.detection.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.bonafide.detection.features.FeatureSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What the runtime needs to know to run a model without code: the {@code model.json} that sits
 * beside the model file in {@code models/<name>/<version>/}. It names the model file (ONNX graph
 * or XGBoost booster) and its sha256 (verified on load), the input (raw 16 kHz waveform windows,
 * their length, hop and the minimum audio that yields a score; or a named utterance feature set
 * with its standardisation), the score output and what it means, the optional embedding output,
 * how window outputs are aggregated and how the result is calibrated to a log-likelihood ratio. Immutable; {@link #read(Path)} parses and {@link #validate()}s it, and
 * every validation failure names the offending field in its JSON spelling. See
 * {@code docs/models.md} for the format.
 *
 * @param name        model name reported with results
 * @param version     model version reported with results
 * @param kind        runtime that runs the file: {@code onnx} or {@code xgboost}
 * @param file        model file name, relative to the descriptor's directory
 * @param sha256      lowercase hex sha256 of the model file
 * @param input       what the model consumes
 * @param output      what the model produces
 * @param aggregation how window outputs become one channel output (onnx only)
 * @param calibration how the aggregate becomes a log-likelihood ratio
 * @param batchSize   windows per inference call (onnx only)
 * @param segmentCalibration optional, window-feature models only: the affine map from a run of
 *                    suspicious windows' lowest window score to the log-likelihood ratio that
 *                    the run is unedited; a run becomes a returned segment only when that ratio
 *                    is below 0 (see {@code SegmentMerger}). Absent: every run is returned, with
 *                    its lowest window score.
 */
public record ModelDescriptor(String name, String version, Kind kind, String file, String sha256,
                              Input input, Output output, Aggregation aggregation,
                              Calibration calibration, Integer batchSize, Calibration segmentCalibration) {

    /** The file name every model directory uses for its descriptor. */
    public static final String FILE_NAME = "model.json";

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            // A misspelt optional key would otherwise silently fall back to its default.
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    /** The runtime that runs the model file. */
    public enum Kind {
        /** An ONNX graph run by ONNX Runtime on waveform windows ({@link OnnxModel}). */
        @JsonProperty("onnx") ONNX,
        /** An XGBoost booster run by XGBoost4J on one utterance feature vector ({@link XgboostModel}). */
        @JsonProperty("xgboost") XGBOOST
    }

    /** The shape of what the model consumes. */
    public enum InputKind {
        /** Windows of raw samples at {@code sample_rate}, tensor [batch, window samples]. */
        @JsonProperty("raw_waveform") RAW_WAVEFORM,
        /** Frame-level features; declared so descriptors can name it, not run yet. */
        @JsonProperty("features") FEATURES,
        /**
         * One vector per channel: the 34 utterance features of {@link FeatureSet#BASELINE34}
         * (MFCC statistics, ZCR, RMS, spectral shape and contrast, pitch), standardised.
         */
        @JsonProperty("features:baseline34") FEATURES_BASELINE34,
        /** One vector per channel: the 138 playback-chain features of {@link FeatureSet#REPLAY138}, standardised. */
        @JsonProperty("features:replay138") FEATURES_REPLAY138,
        /** One vector per channel: the 198 features of {@link FeatureSet#REPLAY198}, standardised. */
        @JsonProperty("features:replay198") FEATURES_REPLAY198,
        /**
         * One vector per 400 ms window (200 ms hop): the 140 features of
         * {@link FeatureSet#MANIPULATION140}, standardised; needs window_seconds 0.4 and hop_seconds 0.2.
         */
        @JsonProperty("features:manipulation140") FEATURES_MANIPULATION140,
        /**
         * One vector per 400 ms window (200 ms hop): the 322 features of
         * {@link FeatureSet#MANIPULATION322}, standardised; needs window_seconds 0.4 and hop_seconds 0.2.
         */
        @JsonProperty("features:manipulation322") FEATURES_MANIPULATION322;

        /** The named utterance feature set this input consumes, if it is one. */
        public Optional<FeatureSet> featureSet() {
            return switch (this) {
                case FEATURES_BASELINE34 -> Optional.of(FeatureSet.BASELINE34);
                case FEATURES_REPLAY138 -> Optional.of(FeatureSet.REPLAY138);
                case FEATURES_REPLAY198 -> Optional.of(FeatureSet.REPLAY198);
                case FEATURES_MANIPULATION140 -> Optional.of(FeatureSet.MANIPULATION140);
                case FEATURES_MANIPULATION322 -> Optional.of(FeatureSet.MANIPULATION322);
                default -> Optional.empty();
            };
        }
    }

    /** What the score output means, so the runtime can orient it towards "genuine". */
    public enum ScoreMeaning {
        /** log-odds of genuine: higher is more genuine; used as is. */
        @JsonProperty("logit_genuine") LOGIT_GENUINE,
        /** log-odds of attack: higher is more synthetic; negated before aggregation. */
        @JsonProperty("logit_attack") LOGIT_ATTACK
    }

    /** How window outputs become one output for the channel. */
    public enum Aggregation {
        /** Arithmetic mean of the (genuine-oriented) window outputs and embeddings. */
        @JsonProperty("mean") MEAN
    }

    /** The family of calibration maps. */
    public enum CalibrationKind {
        /** {@code llr = a * raw + b}, typically fitted by logistic regression on a dev set. */
        @JsonProperty("affine") AFFINE
    }

    /**
     * What the model consumes: for {@code raw_waveform}, windows of {@code window_seconds} of
     * 16 kHz samples every {@code hop_seconds}, as one float tensor [batch, window samples]
     * named {@code name}; for a named feature set ({@code features:baseline34}), one feature
     * vector of the whole channel, standardised with {@code standardisation}. Either way a
     * channel with fewer than {@code min_seconds} of samples gets no score.
     *
     * @param kind            input family
     * @param name            input tensor name (raw waveform only)
     * @param sampleRate      samples per second of the waveform; 16000
     * @param windowSeconds   window length fed to the model (raw waveform only)
     * @param hopSeconds      distance between window starts (≤ window: windows overlap or touch; raw waveform only)
     * @param minSeconds      audio a channel must hold for a score (SPEC §2: 3 s)
     * @param standardisation per-feature mean and standard deviation (feature sets only)
     */
    public record Input(InputKind kind, String name, Integer sampleRate, Double windowSeconds,
                        Double hopSeconds, Double minSeconds, Standardisation standardisation) {
        /** Samples in one window. */
        public int windowSamples() {
            return (int) Math.round(windowSeconds * sampleRate);
        }

        /** Samples between window starts. */
        public int hopSamples() {
            return (int) Math.round(hopSeconds * sampleRate);
        }

        /** Samples a channel must hold for a score. */
        public long minSamples() {
            return Math.round(minSeconds * sampleRate);
        }
    }

    /**
     * The affine map that puts every feature on a common scale before the model sees it:
     * {@code z_i = (x_i - mean_i) / std_i}, with the training split's statistics.
     *
     * @param mean per-feature mean, one per feature in the set's order
     * @param std  per-feature standard deviation, each &gt; 0
     */
    public record Standardisation(List<Double> mean, List<Double> std) {
        public Standardisation {
            mean = mean == null ? null : List.copyOf(mean);
            std = std == null ? null : List.copyOf(std);
        }

        /** The standardised copy of {@code features}. */
        public float[] apply(float[] features) {
            float[] z = new float[features.length];
            for (int i = 0; i < features.length; i++) {
                z[i] = (float) ((features[i] - mean.get(i)) / std.get(i));
            }
            return z;
        }
    }

    /**
     * What the model produces per window: a score whose meaning {@code score_meaning} states,
     * and optionally an embedding vector of fixed length.
     *
     * @param score         name of the score output, one value per window ([batch] or [batch, 1]);
     *                      for xgboost {@code margin} (the booster's untransformed output) or
     *                      {@code probability} (its logistic output, turned back into log-odds)
     * @param scoreMeaning  what that value means
     * @param embedding     name of the embedding output ([batch, size]); null when the model has none
     * @param embeddingSize length of one embedding; null when the model has none
     */
    public record Output(String score, ScoreMeaning scoreMeaning, String embedding, Integer embeddingSize) {
        /** The xgboost {@code output.score} naming the untransformed booster output. */
        public static final String MARGIN = "margin";
        /** The xgboost {@code output.score} naming the booster's probability output. */
        public static final String PROBABILITY = "probability";

        /** Whether the model yields an embedding. */
        public boolean hasEmbedding() {
            return embedding != null;
        }
    }

    /**
     * The map from the aggregated, genuine-oriented raw score to a calibrated log-likelihood
     * ratio log p(x|genuine) / p(x|attack); for {@code affine}, {@code llr = a * raw + b} with
     * {@code a > 0}, so the identity is {@code a = 1, b = 0}.
     *
     * @param kind calibration family
     * @param a    slope
     * @param b    offset
     */
    public record Calibration(CalibrationKind kind, Double a, Double b) {
        /** The calibrated log-likelihood ratio of an aggregated, genuine-oriented raw score. */
        public double apply(double raw) {
            return a * raw + b;
        }
    }

    /** Reads and validates a descriptor file. */
    public static ModelDescriptor read(Path descriptorFile) {
        String json;
        try {
            json = Files.readString(descriptorFile);
        } catch (IOException e) {
            throw new ModelException("cannot read the model descriptor",
                    Map.of("descriptor", descriptorFile.toString()), e);
        }
        try {
            return parse(json).validate();
        } catch (ModelException e) {
            throw e.with("descriptor", descriptorFile.toString());
        }
    }

    /** Parses descriptor JSON, without validating it. */
    public static ModelDescriptor parse(String json) {
        try {
            return JSON.readValue(json, ModelDescriptor.class);
        } catch (JsonMappingException e) {
            String field = e.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .reduce((a, b) -> a + "." + b).orElse("(root)");
            throw new ModelException("the model descriptor has a bad value at " + field + ": "
                    + e.getOriginalMessage(), Map.of("fields", field), e);
        } catch (JsonProcessingException e) {
            throw new ModelException("the model descriptor is not valid JSON: " + e.getOriginalMessage(),
                    Map.of(), e);
        }
    }

    /**
     * Checks every field and their combinations, and returns this descriptor.
     *
     * @throws ModelException naming every offending field (context key {@code fields})
     */
    public ModelDescriptor validate() {
        List<String> problems = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        Problems p = (field, problem) -> {
            fields.add(field);
            problems.add(field + " " + problem);
        };
        requireText(p, "name", name);
        requireText(p, "version", version);
        if (kind == null) {
            p.add("kind", "is missing (onnx or xgboost)");
        }
        if (file == null || file.isBlank()) {
            p.add("file", "is missing");
        } else if (file.contains("/") || file.contains("\\") || file.equals("..") || file.equals(".")) {
            p.add("file", "must be a plain file name beside " + FILE_NAME + ", was '" + file + "'");
        } else if (file.equals(FILE_NAME)) {
            p.add("file", "must not be the descriptor itself");
        }
        if (sha256 == null || !SHA256.matcher(sha256).matches()) {
            p.add("sha256", "must be 64 lowercase hex digits, was " + quoted(sha256));
        }
        if (input == null) {
            p.add("input", "is missing");
        } else {
            validateCommonInput(p);
        }
        if (output == null) {
            p.add("output", "is missing");
        } else if (output.scoreMeaning() == null) {
            p.add("output.score_meaning", "is missing (logit_genuine or logit_attack)");
        }
        if (kind == Kind.XGBOOST) {
            validateXgboost(p);
        } else {
            validateOnnx(p);
        }
        if (calibration == null) {
            p.add("calibration", "is missing");
        } else {
            if (calibration.kind() == null) {
                p.add("calibration.kind", "is missing (affine)");
            }
            requireFinite(p, "calibration.a", calibration.a());
            requireFinite(p, "calibration.b", calibration.b());
            if (calibration.a() != null && calibration.a() <= 0) {
                p.add("calibration.a", "must be > 0 so that higher raw scores stay more genuine, was " + calibration.a());
            }
        }
        if (segmentCalibration != null) {
            boolean windowed = input != null && input.kind() != null
                    && input.kind().featureSet().map(FeatureSet::windowed).orElse(false);
            if (!windowed) {
                p.add("segment_calibration", "applies to window-feature models only (segments of windows)");
            }
            if (segmentCalibration.kind() == null) {
                p.add("segment_calibration.kind", "is missing (affine)");
            }
            requireFinite(p, "segment_calibration.a", segmentCalibration.a());
            requireFinite(p, "segment_calibration.b", segmentCalibration.b());
            if (segmentCalibration.a() != null && segmentCalibration.a() <= 0) {
                p.add("segment_calibration.a", "must be > 0 so that lower window scores stay more suspicious, was "
                        + segmentCalibration.a());
            }
        }
        if (!problems.isEmpty()) {
            throw new ModelException("invalid model descriptor"
                    + (name != null ? " '" + name + "'" : "") + ": " + String.join("; ", problems),
                    Map.of("fields", String.join(",", fields)));
        }
        return this;
    }

    private void validateCommonInput(Problems p) {
        if (input.kind() == null) {
            p.add("input.kind", "is missing (raw_waveform or features:baseline34)");
        }
        if (input.sampleRate() == null || input.sampleRate() != 16_000) {
            p.add("input.sample_rate", "must be 16000 (the analysis rate), was " + input.sampleRate());
        }
        requirePositive(p, "input.min_seconds", input.minSeconds());
    }

    private void validateOnnx(Problems p) {
        if (input != null) {
            requireText(p, "input.name", input.name());
            requirePositive(p, "input.window_seconds", input.windowSeconds());
            requirePositive(p, "input.hop_seconds", input.hopSeconds());
            if (input.kind() != null && input.kind().featureSet().isPresent()) {
                p.add("input.kind", "names an utterance feature set, which only kind xgboost runs");
            }
            if (input.standardisation() != null) {
                p.add("input.standardisation", "is only for utterance feature sets (kind xgboost)");
            }
            if (input.windowSeconds() != null && input.windowSeconds() > 60) {
                p.add("input.window_seconds", "must be ≤ 60, was " + input.windowSeconds());
            }
            if (input.windowSeconds() != null && input.hopSeconds() != null
                    && input.hopSeconds() > input.windowSeconds()) {
                p.add("input.hop_seconds", "must be ≤ input.window_seconds (" + input.windowSeconds()
                        + ") so that no audio is skipped, was " + input.hopSeconds());
            }
            if (input.sampleRate() != null && input.hopSeconds() != null && input.hopSeconds() > 0
                    && input.hopSamples() < 1) {
                p.add("input.hop_seconds", "is shorter than one sample");
            }
        }
        if (output != null) {
            requireText(p, "output.score", output.score());
            if ((output.embedding() == null) != (output.embeddingSize() == null)) {
                p.add("output.embedding_size", "must be given exactly when output.embedding is");
            } else if (output.embeddingSize() != null && output.embeddingSize() < 1) {
                p.add("output.embedding_size", "must be ≥ 1, was " + output.embeddingSize());
            }
            if (output.embedding() != null && output.embedding().equals(output.score())) {
                p.add("output.embedding", "must differ from output.score");
            }
        }
        if (aggregation == null) {
            p.add("aggregation", "is missing (mean)");
        }
        if (batchSize == null || batchSize < 1 || batchSize > 1024) {
            p.add("batch_size", "must be in [1, 1024], was " + batchSize);
        }
    }

    /**
     * An XGBoost model scores one standardised utterance feature vector per channel: windows,
     * tensors, embeddings, aggregation and batches do not apply, and are refused rather than
     * ignored so that a descriptor cannot promise what the runtime will not do.
     */
    private void validateXgboost(Problems p) {
        if (input != null) {
            Optional<FeatureSet> set = input.kind() == null ? Optional.empty() : input.kind().featureSet();
            if (input.kind() != null && set.isEmpty()) {
                p.add("input.kind", "must name an utterance feature set (features:baseline34) for kind xgboost, was "
                        + input.kind().name().toLowerCase(Locale.ROOT));
            }
            requireAbsent(p, "input.name", input.name());
            if (set.isPresent() && set.get().windowed()) {
                // The window geometry is part of the feature set's definition; the descriptor states it.
                if (input.windowSeconds() == null || input.windowSeconds() != 0.4) {
                    p.add("input.window_seconds", "must be 0.4 for " + set.get().wireName() + ", was "
                            + input.windowSeconds());
                }
                if (input.hopSeconds() == null || input.hopSeconds() != 0.2) {
                    p.add("input.hop_seconds", "must be 0.2 for " + set.get().wireName() + ", was " + input.hopSeconds());
                }
            } else {
                requireAbsent(p, "input.window_seconds", input.windowSeconds());
                requireAbsent(p, "input.hop_seconds", input.hopSeconds());
            }
            Standardisation z = input.standardisation();
            if (z == null) {
                p.add("input.standardisation", "is missing (mean and std per feature)");
            } else {
                int dimension = set.map(FeatureSet::dimension).orElse(-1);
                requireVector(p, "input.standardisation.mean", z.mean(), dimension, false);
                requireVector(p, "input.standardisation.std", z.std(), dimension, true);
            }
        }
        if (output != null) {
            if (!Output.MARGIN.equals(output.score()) && !Output.PROBABILITY.equals(output.score())) {
                p.add("output.score", "must be margin or probability for kind xgboost, was " + quoted(output.score()));
            }
            requireAbsent(p, "output.embedding", output.embedding());
            requireAbsent(p, "output.embedding_size", output.embeddingSize());
        }
        requireAbsent(p, "aggregation", aggregation);
        requireAbsent(p, "batch_size", batchSize);
    }

    private static void requireVector(Problems p, String field, List<Double> values, int dimension, boolean positive) {
        if (values == null) {
            p.add(field, "is missing");
            return;
        }
        if (dimension >= 0 && values.size() != dimension) {
            p.add(field, "must have " + dimension + " values (one per feature), has " + values.size());
        }
        for (int i = 0; i < values.size(); i++) {
            Double v = values.get(i);
            if (v == null || !Double.isFinite(v) || (positive && v <= 0)) {
                p.add(field, "[" + i + "] must be a finite number" + (positive ? " > 0" : "") + ", was " + v);
                return;
            }
        }
    }

    private static void requireAbsent(Problems p, String field, Object value) {
        if (value != null) {
            p.add(field, "does not apply to kind xgboost; leave it out");
        }
    }

    @FunctionalInterface
    private interface Problems {
        void add(String field, String problem);
    }

    private static void requireText(Problems p, String field, String value) {
        if (value == null || value.isBlank()) {
            p.add(field, "is missing");
        }
    }

    private static void requireFinite(Problems p, String field, Double value) {
        if (value == null || !Double.isFinite(value)) {
            p.add(field, "must be a finite number, was " + value);
        }
    }

    private static void requirePositive(Problems p, String field, Double value) {
        if (value == null || !Double.isFinite(value) || value <= 0) {
            p.add(field, "must be a finite number > 0, was " + value);
        }
    }

    private static String quoted(String value) {
        return value == null ? "null" : "'" + value + "'";
    }
}
