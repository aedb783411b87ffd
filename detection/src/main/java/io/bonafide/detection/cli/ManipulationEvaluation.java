package io.bonafide.detection.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bonafide.audio.MediaException;
import io.bonafide.audio.select.Selection;
import io.bonafide.core.BonafideException;
import io.bonafide.core.ErrorType;
import io.bonafide.detection.AnalysisRequest;
import io.bonafide.detection.Analyzer;
import io.bonafide.detection.ChannelOutcome.Segment;
import io.bonafide.detection.Operation;
import io.bonafide.detection.eval.DcfParameters;
import io.bonafide.detection.eval.LabelledScores;
import io.bonafide.detection.eval.MetricsReport;
import io.bonafide.detection.manipulation.ManipulationDetector;
import io.bonafide.detection.manipulation.SegmentMerger;
import io.bonafide.detection.manipulation.WindowLabels;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code bonafide evaluate audio_manipulation_detection --corpus DIR} on a manipulation corpus:
 * every recording of the split is analysed through the serving pipeline with
 * {@code raw_segmentation=true}, and then
 * <ul>
 *   <li><b>window level</b>: each 400 ms window is a trial, attack (edited) when a cut point lies
 *       inside it ({@link WindowLabels}); EER, minDCF, actDCF, Cllr, DET/ROC as for the other
 *       operations, and EER per edit type (attribute {@code generator}: all unedited windows against
 *       the windows holding that edit type's cut points);</li>
 *   <li><b>segment level</b>, on the default output (suspicious windows, score &lt; 0, joined by
 *       {@link SegmentMerger}, kept by the model's segment calibration when it has one): a returned segment is a true positive when at least one cut point
 *       lies inside it; a cut point is detected when it lies inside a returned segment. Precision =
 *       true-positive segments / returned segments (edited and unedited recordings), recall =
 *       detected cut points / cut points, F1 their harmonic mean; and the segments returned on
 *       the unedited recordings per minute of unedited audio.</li>
 * </ul>
 * The segment figures are added to {@code metrics.json} under {@code segmentation} and to the card.
 */
final class ManipulationEvaluation {
    static final String RULE = "a returned segment (suspicious windows, score < 0, adjacent ones joined, kept when the "
            + "model's segment calibration scores the run < 0) is a "
            + "true positive when a cut point lies inside it; a cut point is detected when it lies inside a returned "
            + "segment; precision over returned segments of edited and unedited recordings, recall over cut points";

    private ManipulationEvaluation() {
    }

    /** Scores the split, writes metrics.json (with segmentation), plots, scores.tsv and the card. */
    static String run(Analyzer analyzer, Path corpus, String split, Path out, int threads, java.io.PrintStream log)
            throws IOException {
        List<ManipulationCorpus.Recording> recordings = ManipulationCorpus.read(corpus, split);
        List<List<Segment>> windows = score(analyzer, recordings, threads);
        // The default output is built from the raw windows exactly as the detector builds it.
        UnaryOperator<List<Segment>> merge = analyzer.detector(Operation.AUDIO_MANIPULATION_DETECTION).orElse(null)
                instanceof ManipulationDetector detector ? detector::segments : raw -> SegmentMerger.merge(raw, null);
        List<LabelledScores.Trial> trials = new ArrayList<>();
        StringBuilder tsv = new StringBuilder("window\tlabel\tscore\tedit_type\tspeaker\n");
        int cutPoints = 0;
        int detected = 0;
        int returned = 0;
        int truePositive = 0;
        int falseOnUnedited = 0;
        double uneditedSeconds = 0;
        Map<String, int[]> byType = new TreeMap<>();
        for (int r = 0; r < recordings.size(); r++) {
            ManipulationCorpus.Recording rec = recordings.get(r);
            List<Segment> raw = windows.get(r);
            for (int w = 0; w < raw.size(); w++) {
                boolean edited = WindowLabels.edited(w, rec.cutPoints());
                Map<String, String> attributes = new HashMap<>();
                attributes.put("speaker", rec.speaker());
                if (edited) {
                    attributes.put("generator", rec.editTypeOf(w));
                }
                String id = rec.id() + "#" + w;
                double score = raw.get(w).score();
                trials.add(new LabelledScores.Trial(id, edited ? LabelledScores.Label.ATTACK : LabelledScores.Label.GENUINE,
                        score, attributes));
                tsv.append(id).append('\t').append(edited ? "edited" : "unedited").append('\t').append(score).append('\t')
                        .append(edited ? rec.editTypeOf(w) : "").append('\t').append(rec.speaker()).append('\n');
            }
            List<Segment> segments = merge.apply(raw);
            returned += segments.size();
            for (Segment s : segments) {
                truePositive += WindowLabels.holdsCut(s, rec.cutPoints()) ? 1 : 0;
            }
            for (int i = 0; i < rec.cutPoints().length; i++) {
                double c = rec.cutPoints()[i];
                boolean found = segments.stream().anyMatch(s -> WindowLabels.inside(c, s));
                cutPoints++;
                detected += found ? 1 : 0;
                int[] counts = byType.computeIfAbsent(rec.cutTypes().get(i), k -> new int[2]);
                counts[0]++;
                counts[1] += found ? 1 : 0;
            }
            if (!rec.edited()) {
                falseOnUnedited += segments.size();
                uneditedSeconds += rec.durationSeconds();
            }
        }
        Files.createDirectories(out);
        Files.writeString(out.resolve("scores.tsv"), tsv, StandardCharsets.UTF_8);
        String protocol = "bonafide-manipulation:" + corpus.getFileName() + " (400 ms windows, 200 ms hop)";
        MetricsReport report = MetricsReport.evaluate(protocol, split, LabelledScores.of(trials),
                DcfParameters.ASVSPOOF5, List.of("generator"), out);
        double precision = returned == 0 ? 0 : (double) truePositive / returned;
        double recall = cutPoints == 0 ? 0 : (double) detected / cutPoints;
        double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        double perMinute = uneditedSeconds == 0 ? 0 : falseOnUnedited / (uneditedSeconds / 60);
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
        ObjectNode metrics = (ObjectNode) json.readTree(out.resolve(MetricsReport.FILE_NAME).toFile());
        ObjectNode seg = metrics.putObject("segmentation");
        seg.put("rule", RULE);
        seg.put("recordings", recordings.size());
        seg.put("cut_points", cutPoints);
        seg.put("detected_cut_points", detected);
        seg.put("returned_segments", returned);
        seg.put("true_positive_segments", truePositive);
        seg.put("precision", precision);
        seg.put("recall", recall);
        seg.put("f1", f1);
        seg.put("unedited_minutes", uneditedSeconds / 60);
        seg.put("segments_on_unedited", falseOnUnedited);
        seg.put("false_segments_per_minute_unedited", perMinute);
        ObjectNode types = seg.putObject("recall_by_edit_type");
        byType.forEach((type, c) -> types.put(type, (double) c[1] / c[0]));
        Files.writeString(out.resolve(MetricsReport.FILE_NAME), json.writeValueAsString(metrics) + "\n",
                StandardCharsets.UTF_8);
        StringBuilder card = new StringBuilder();
        card.append(String.format(Locale.ROOT, "%n### Segment level (default output)%n%n- Rule: %s%n", RULE));
        card.append(String.format(Locale.ROOT, "- Precision **%.3f** (%d of %d returned segments hold a cut point), "
                + "recall **%.3f** (%d of %d cut points), **F1 %.3f**%n", precision, truePositive, returned, recall,
                detected, cutPoints, f1));
        card.append(String.format(Locale.ROOT, "- Unedited recordings: %d segments returned in %.2f min, "
                + "**%.2f false suspicious segments per minute**%n", falseOnUnedited, uneditedSeconds / 60, perMinute));
        card.append("- Recall per edit type: ");
        List<String> parts = new ArrayList<>();
        byType.forEach((type, c) -> parts.add(String.format(Locale.ROOT, "%s %.3f (%d cuts)", type, (double) c[1] / c[0], c[0])));
        card.append(String.join(", ", parts)).append("\n\n");
        log.printf(Locale.ROOT, "audio_manipulation_detection on %s (%s): %d windows; window EER %.2f %%, minDCF %.4f; "
                        + "segments P %.3f R %.3f F1 %.3f; %.2f false segments per minute of unedited audio%n",
                protocol, split, trials.size(), report.eer().percent(), report.minDcf().value(), precision, recall, f1,
                perMinute);
        return card.toString();
    }

    private static List<List<Segment>> score(Analyzer analyzer, List<ManipulationCorpus.Recording> recordings,
                                             int threads) {
        AnalysisRequest request = new AnalysisRequest(List.of(Operation.AUDIO_MANIPULATION_DETECTION), Selection.all(),
                true, false);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<List<Segment>>> futures = new ArrayList<>();
            for (ManipulationCorpus.Recording rec : recordings) {
                futures.add(pool.submit(() -> {
                    try (InputStream audio = Files.newInputStream(rec.file())) {
                        return analyzer.analyse(audio, request).operations().get(0).channels().get(0).segments();
                    } catch (MediaException e) {
                        throw new BonafideException(ErrorType.INTERNAL, "recording " + rec.id() + " could not be read: "
                                + e.getMessage(), Map.of("file", rec.file().toString()), e);
                    }
                }));
            }
            List<List<Segment>> out = new ArrayList<>();
            for (Future<List<Segment>> f : futures) {
                out.add(f.get());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BonafideException(ErrorType.INTERNAL, "interrupted", Map.of());
        } catch (ExecutionException e) {
            throw new BonafideException(ErrorType.INTERNAL, "scoring failed: " + e.getCause(), Map.of(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
