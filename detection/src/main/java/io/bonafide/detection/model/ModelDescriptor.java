package io.bonafide.detection.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What the runtime needs to know to run a model without code: the {@code model.json} that sits
 * beside the model file in {@code models/<name>/<version>/}. It names the ONNX file and its
 * sha256 (verified on load), the input (raw 16 kHz waveform windows, their length, hop and the
 * minimum audio that yields a score), the score output and what it means, the optional
 * embedding output, how window outputs are aggregated and how the aggregate is calibrated to a
 * log-likelihood ratio. Immutable; {@link #read(Path)} parses and {@link #validate()}s it, and
 * every validation failure names the offending field in its JSON spelling. See
 * {@code docs/models.md} for the format.
 *
 * @param name        model name reported with results
 * @param version     model version reported with results
 * @param kind        runtime that runs the file; only {@code onnx}
 * @param file        model file name, relative to the descriptor's directory
 * @param sha256      lowercase hex sha256 of the model file
 * @param input       what the model consumes
 * @param output      what the model produces
 * @param aggregation how window outputs become one channel output
 * @param calibration how the aggregate becomes a log-likelihood ratio
 * @param batchSize   windows per inference call
 */
public record ModelDescriptor(String name, String version, Kind kind, String file, String sha256,
                              Input input, Output output, Aggregation aggregation,
                              Calibration calibration, Integer batchSize) {

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
        @JsonProperty("onnx") ONNX
    }

    /** The shape of what the model consumes. */
    public enum InputKind {
        /** Windows of raw samples at {@code sample_rate}, tensor [batch, window samples]. */
        @JsonProperty("raw_waveform") RAW_WAVEFORM,
        /** Frame-level features; declared so descriptors can name it, not run yet. */
        @JsonProperty("features") FEATURES
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
     * named {@code name}; a channel with fewer than {@code min_seconds} of samples gets no score.
     *
     * @param kind          input family
     * @param name          input tensor name
     * @param sampleRate    samples per second of the waveform; 16000
     * @param windowSeconds window length fed to the model
     * @param hopSeconds    distance between window starts (≤ window: windows overlap or touch)
     * @param minSeconds    audio a channel must hold for a score (SPEC §2: 3 s)
     */
    public record Input(InputKind kind, String name, Integer sampleRate, Double windowSeconds,
                        Double hopSeconds, Double minSeconds) {
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
     * What the model produces per window: a score whose meaning {@code score_meaning} states,
     * and optionally an embedding vector of fixed length.
     *
     * @param score         name of the score output, one value per window ([batch] or [batch, 1])
     * @param scoreMeaning  what that value means
     * @param embedding     name of the embedding output ([batch, size]); null when the model has none
     * @param embeddingSize length of one embedding; null when the model has none
     */
    public record Output(String score, ScoreMeaning scoreMeaning, String embedding, Integer embeddingSize) {
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
            p.add("kind", "is missing (onnx)");
        }
        if (file == null || file.isBlank()) {
            p.add("file", "is missing");
        } else if (file.contains("/") || file.contains("\\") || file.equals("..") || file.equals(".")) {
            p.add("file", "must be a plain file name beside " + FILE_NAME + ", was '" + file + "'");
        }
        if (sha256 == null || !SHA256.matcher(sha256).matches()) {
            p.add("sha256", "must be 64 lowercase hex digits, was " + quoted(sha256));
        }
        if (input == null) {
            p.add("input", "is missing");
        } else {
            validateInput(p);
        }
        if (output == null) {
            p.add("output", "is missing");
        } else {
            requireText(p, "output.score", output.score());
            if (output.scoreMeaning() == null) {
                p.add("output.score_meaning", "is missing (logit_genuine or logit_attack)");
            }
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
        if (batchSize == null || batchSize < 1 || batchSize > 1024) {
            p.add("batch_size", "must be in [1, 1024], was " + batchSize);
        }
        if (!problems.isEmpty()) {
            throw new ModelException("invalid model descriptor"
                    + (name != null ? " '" + name + "'" : "") + ": " + String.join("; ", problems),
                    Map.of("fields", String.join(",", fields)));
        }
        return this;
    }

    private void validateInput(Problems p) {
        if (input.kind() == null) {
            p.add("input.kind", "is missing (raw_waveform)");
        }
        requireText(p, "input.name", input.name());
        if (input.sampleRate() == null || input.sampleRate() != 16_000) {
            p.add("input.sample_rate", "must be 16000 (the analysis rate), was " + input.sampleRate());
        }
        requirePositive(p, "input.window_seconds", input.windowSeconds());
        requirePositive(p, "input.hop_seconds", input.hopSeconds());
        requirePositive(p, "input.min_seconds", input.minSeconds());
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
