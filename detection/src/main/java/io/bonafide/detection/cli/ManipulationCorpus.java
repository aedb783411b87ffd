package io.bonafide.detection.cli;

import io.bonafide.audio.AudioFrontEnd;
import io.bonafide.audio.FrontEndOptions;
import io.bonafide.audio.MediaException;
import io.bonafide.audio.resample.Resamplers;
import io.bonafide.audio.select.Selection;
import io.bonafide.audio.vad.VoiceActivityDetector;
import io.bonafide.core.BonafideException;
import io.bonafide.core.ErrorType;
import io.bonafide.detection.features.ManipulationWindowFeatures;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A manipulation corpus directory as {@code models/manipulation/make_corpus.py} writes it:
 * {@code recordings.tsv} (rec_id, split, speaker, edited, duration_s, cut_points, cut_types,
 * params) and {@code wav/<rec_id>.wav}. Also computes recordings' window features through the
 * serving front end, for training.
 */
final class ManipulationCorpus {
    private ManipulationCorpus() {
    }

    /** One recording with its cut points (seconds from the file start) and the edit type of each. */
    record Recording(String id, String split, String speaker, boolean edited, double durationSeconds,
                     double[] cutPoints, List<String> cutTypes, Path file) {
        /** The edit type of the first cut point inside window {@code w}, or null. */
        String editTypeOf(int w) {
            for (int i = 0; i < cutPoints.length; i++) {
                double c = cutPoints[i];
                if (c > w * ManipulationWindowFeatures.HOP_SECONDS
                        && c < w * ManipulationWindowFeatures.HOP_SECONDS + ManipulationWindowFeatures.WINDOW_SECONDS) {
                    return cutTypes.get(i);
                }
            }
            return null;
        }
    }

    /** The recordings of {@code split}, in file order. */
    static List<Recording> read(Path corpus, String split) throws IOException {
        Path tsv = corpus.resolve("recordings.tsv");
        if (!Files.isRegularFile(tsv)) {
            throw new BonafideException(ErrorType.RESOURCE_NOT_FOUND, corpus + " is not a manipulation corpus: it has "
                    + "no recordings.tsv", Map.of("location", "corpus"));
        }
        List<String> lines = Files.readAllLines(tsv, StandardCharsets.UTF_8);
        List<String> header = List.of(lines.get(0).split("\t"));
        int id = header.indexOf("rec_id");
        int splitColumn = header.indexOf("split");
        int speaker = header.indexOf("speaker");
        int edited = header.indexOf("edited");
        int duration = header.indexOf("duration_s");
        int cuts = header.indexOf("cut_points");
        int types = header.indexOf("cut_types");
        List<Recording> recordings = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split("\t", -1);
            if (!f[splitColumn].equals(split)) {
                continue;
            }
            double[] cutPoints = f[cuts].isEmpty() ? new double[0]
                    : Arrays.stream(f[cuts].split(",")).mapToDouble(Double::parseDouble).toArray();
            List<String> cutTypes = f[types].isEmpty() ? List.of() : List.of(f[types].split(","));
            recordings.add(new Recording(f[id], f[splitColumn], f[speaker], f[edited].equals("1"),
                    Double.parseDouble(f[duration]), cutPoints, cutTypes, corpus.resolve("wav").resolve(f[id] + ".wav")));
        }
        return recordings;
    }

    /** Window feature vectors of each recording (channel 0), in parallel, in recording order. */
    static List<List<float[]>> windowFeatures(List<Recording> recordings, int threads) {
        AudioFrontEnd frontEnd = new AudioFrontEnd(FrontEndOptions.DEFAULTS,
                rate -> Resamplers.create(rate, AudioFrontEnd.ANALYSIS_RATE), VoiceActivityDetector::none, "none");
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<List<float[]>>> futures = new ArrayList<>();
            for (Recording recording : recordings) {
                futures.add(pool.submit(() -> {
                    ManipulationWindowFeatures.Channel features = ManipulationWindowFeatures.newChannel();
                    try (InputStream audio = Files.newInputStream(recording.file())) {
                        frontEnd.analyse(audio, Selection.all(), channel -> features);
                    } catch (MediaException e) {
                        throw new BonafideException(ErrorType.INTERNAL, "recording " + recording.id()
                                + " could not be read: " + e.getMessage(), Map.of("file", recording.file().toString()), e);
                    }
                    return features.windows();
                }));
            }
            List<List<float[]>> out = new ArrayList<>();
            for (Future<List<float[]>> future : futures) {
                out.add(future.get());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BonafideException(ErrorType.INTERNAL, "interrupted", Map.of());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof BonafideException b) {
                throw b;
            }
            throw new BonafideException(ErrorType.INTERNAL, "feature extraction failed: " + e.getCause(), Map.of(),
                    e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
