package io.bonafide.detection.eval;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The quality figures of one detector on one split, as written to and read from
 * {@code metrics.json}: what was evaluated, the trial counts, EER (fraction, percent, threshold),
 * min DCF with its operating point, actual DCF at the Bayes threshold, Cllr, EER per attribute
 * value and the plots' file names. Keys are written in a fixed order and maps sorted, so a
 * committed report diffs cleanly; {@link #compare} checks a rerun against a committed report
 * with the EER tolerance the project accepts (0.5 percentage points). Keys an operation adds of its
 * own (manipulation detection's {@code segmentation} block) are ignored on reading.
 *
 * @param protocol the protocol evaluated, e.g. a file name or corpus description
 * @param split the split, e.g. {@code eval} or {@code held-out}
 * @param counts trial counts
 * @param eer equal error rate
 * @param minDcf minimum normalised detection cost
 * @param actDcf actual normalised detection cost
 * @param cllr log-likelihood-ratio cost in bits
 * @param perAttribute EER per attribute key, then per value
 * @param plots plot file names relative to the report, or null when none were drawn
 */
@JsonPropertyOrder({"protocol", "split", "counts", "eer", "minDcf", "actDcf", "cllr", "perAttribute", "plots"})
@JsonInclude(JsonInclude.Include.NON_NULL)
@com.fasterxml.jackson.annotation.JsonIgnoreProperties(ignoreUnknown = true)
public record MetricsReport(String protocol, String split, Counts counts, Eer eer, MinDcfFigure minDcf,
        ActDcfFigure actDcf, double cllr, Map<String, Map<String, Eer>> perAttribute, Plots plots) {

    /** Default file name of the report. */
    public static final String FILE_NAME = "metrics.json";
    /** Default file name of the DET plot beside the report. */
    public static final String DET_FILE_NAME = "det.png";
    /** Default file name of the ROC plot beside the report. */
    public static final String ROC_FILE_NAME = "roc.png";

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    /** Trial counts. */
    @JsonPropertyOrder({"genuine", "attack", "total"})
    public record Counts(int genuine, int attack, int total) {
    }

    /** An EER as written: fraction, percent and the threshold at the crossing. */
    @JsonPropertyOrder({"fraction", "percent", "threshold"})
    public record Eer(double fraction, double percent, double threshold) {
        static Eer of(EqualErrorRate eer) {
            return new Eer(eer.value(), eer.percent(), eer.threshold());
        }
    }

    /** Min DCF with the operating point it was computed for. */
    @JsonPropertyOrder({"value", "threshold", "pTarget", "cMiss", "cFa"})
    public record MinDcfFigure(double value, double threshold, double pTarget, double cMiss, double cFa) {
    }

    /** Actual DCF and the threshold it was taken at. */
    @JsonPropertyOrder({"value", "threshold"})
    public record ActDcfFigure(double value, double threshold) {
    }

    /** Plot file names, relative to the directory holding the report. */
    @JsonPropertyOrder({"det", "roc"})
    public record Plots(String det, String roc) {
    }

    /**
     * Whether two reports agree on EER.
     *
     * @param agrees |difference| is within the tolerance
     * @param eerDifferencePp this report's EER minus the other's, in percentage points
     * @param tolerancePp the tolerance applied, in percentage points
     */
    public record Agreement(boolean agrees, double eerDifferencePp, double tolerancePp) {
    }

    public MetricsReport {
        Objects.requireNonNull(counts, "counts");
        Objects.requireNonNull(eer, "eer");
        Objects.requireNonNull(minDcf, "minDcf");
        Objects.requireNonNull(actDcf, "actDcf");
        // Sorted copies so that equal reports serialise to equal text whatever map the caller built.
        SortedMap<String, Map<String, Eer>> copy = new TreeMap<>();
        if (perAttribute != null) {
            perAttribute.forEach((k, v) -> copy.put(k, Collections.unmodifiableSortedMap(new TreeMap<>(v))));
        }
        perAttribute = Collections.unmodifiableSortedMap(copy);
    }

    /** Computes every figure; both classes must be present. Plots are not drawn. */
    public static MetricsReport compute(String protocol, String split, LabelledScores scores,
            DcfParameters parameters, List<String> attributeKeys) {
        scores.requireBothClasses("a metrics report");
        EqualErrorRate eer = EqualErrorRate.of(scores);
        MinDcf min = MinDcf.of(scores, parameters);
        ActualDcf act = ActualDcf.atBayesThreshold(scores, parameters);
        Map<String, Map<String, Eer>> perAttribute = new TreeMap<>();
        for (String key : attributeKeys) {
            SortedMap<String, Eer> byValue = new TreeMap<>();
            EqualErrorRate.byAttribute(scores, key).forEach((value, e) -> byValue.put(value, Eer.of(e)));
            perAttribute.put(key, byValue);
        }
        return new MetricsReport(protocol, split,
                new Counts(scores.genuineCount(), scores.attackCount(), scores.size()), Eer.of(eer),
                new MinDcfFigure(min.value(), min.threshold(), parameters.pTarget(), parameters.cMiss(), parameters.cFa()),
                new ActDcfFigure(act.value(), act.threshold()), Cllr.of(scores), perAttribute, null);
    }

    /**
     * Computes the report, draws {@value #DET_FILE_NAME} and {@value #ROC_FILE_NAME} and writes
     * {@value #FILE_NAME}, all into {@code outputDirectory}; the one call an evaluation needs.
     */
    public static MetricsReport evaluate(String protocol, String split, LabelledScores scores,
            DcfParameters parameters, List<String> attributeKeys, Path outputDirectory) {
        MetricsReport report = compute(protocol, split, scores, parameters, attributeKeys);
        String title = protocol + " (" + split + ")";
        ErrorTradeoffPlots.writeDet(scores, outputDirectory.resolve(DET_FILE_NAME), "DET: " + title);
        ErrorTradeoffPlots.writeRoc(scores, outputDirectory.resolve(ROC_FILE_NAME), "ROC: " + title);
        MetricsReport withPlots = report.withPlots(new Plots(DET_FILE_NAME, ROC_FILE_NAME));
        withPlots.write(outputDirectory.resolve(FILE_NAME));
        return withPlots;
    }

    /** This report with the given plot file names. */
    public MetricsReport withPlots(Plots newPlots) {
        return new MetricsReport(protocol, split, counts, eer, minDcf, actDcf, cllr, perAttribute, newPlots);
    }

    /** Writes the report as pretty, key-ordered JSON (UTF-8). */
    public void write(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, toJson());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write metrics report " + file, e);
        }
    }

    /** The JSON text {@link #write} produces, ending in a newline. */
    public String toJson() {
        try {
            return MAPPER.writeValueAsString(this) + System.lineSeparator();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialise metrics report", e);
        }
    }

    /** Reads a report written by {@link #write}. */
    public static MetricsReport read(Path file) {
        try {
            return MAPPER.readValue(file.toFile(), MetricsReport.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read metrics report " + file, e);
        }
    }

    /** Whether this report's EER is within {@code tolerancePp} percentage points of the other's. */
    public Agreement compare(MetricsReport other, double tolerancePp) {
        if (!(tolerancePp >= 0.0)) {
            throw new IllegalArgumentException("tolerancePp must be non-negative, was " + tolerancePp);
        }
        double difference = eer.percent() - other.eer().percent();
        // Percentages computed from the same counts differ in the last bits; do not fail on those.
        boolean agrees = Math.abs(difference) <= tolerancePp + 1e-9;
        return new Agreement(agrees, difference, tolerancePp);
    }

    /** EER per value of one attribute key; empty when that key was not evaluated. */
    public Map<String, Eer> perAttribute(String key) {
        return perAttribute.getOrDefault(key, Map.of());
    }
}
