package io.bonafide.detection.cli;

import io.bonafide.audio.MediaException;
import io.bonafide.audio.select.Selection;
import io.bonafide.core.BonafideException;
import io.bonafide.core.ErrorType;
import io.bonafide.detection.AnalysisRequest;
import io.bonafide.detection.AnalysisResult;
import io.bonafide.detection.Analyzer;
import io.bonafide.detection.ChannelOutcome;
import io.bonafide.detection.Operation;
import io.bonafide.detection.eval.AsvspoofProtocol;
import io.bonafide.detection.eval.DcfParameters;
import io.bonafide.detection.eval.LabelledScores;
import io.bonafide.detection.eval.MetricsReport;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * {@code bonafide evaluate OPERATION (--corpus DIR [--split eval] | --asvspoof PROTOCOL --audio DIR)
 * (--out DIR | --model MODEL_DIR [--out DIR]) [--threads N]}: scores every trial of a split through
 * the same Java pipeline that serves requests (decode, front end, model), then writes
 * {@code metrics.json}, {@code det.png}, {@code roc.png}, {@code scores.tsv} and
 * {@code model-card.md} (with the hand-written {@code card-notes.md} of DIR) into DIR. The model is
 * the installed one, or with {@code --model} the model version directory named (its
 * {@code model.json}, any runtime), which is also where the outputs go unless {@code --out} says
 * otherwise. A corpus directory is the one
 * {@code models/corpus} builds ({@code splits.tsv} + {@code wav/}); an ASVspoof-style corpus is a
 * protocol file plus a folder of {@code <utterance>.flac}. Trials too short to score (SPEC: under
 * 3 s) are left out and counted.
 */
public final class EvaluateCommand {
    private final Supplier<Analyzer> analyzer;
    private final BiFunction<Operation, Path, Analyzer> modelAnalyzer;

    /**
     * @param analyzer      the analyzer with the installed models
     * @param modelAnalyzer an analyzer whose only detector answers the operation with the model
     *                      of the given descriptor ({@code --model})
     */
    public EvaluateCommand(Supplier<Analyzer> analyzer, BiFunction<Operation, Path, Analyzer> modelAnalyzer) {
        this.analyzer = analyzer;
        this.modelAnalyzer = modelAnalyzer;
    }

    /** Evaluates installed models only; {@code --model} is refused. */
    public EvaluateCommand(Supplier<Analyzer> analyzer) {
        this(analyzer, (operation, descriptor) -> {
            throw new BonafideException(ErrorType.REQUEST_INVALID, "--model is not available here", Map.of());
        });
    }

    /** One trial to score: an id, its file, its label and its attributes. */
    record Trial(String id, Path file, LabelledScores.Label label, Map<String, String> attributes) {
    }

    /** Runs the command; answers with an exit status. */
    public int run(List<String> args, PrintStream out, PrintStream err) {
        try {
            Options options = Options.parse(args);
            Analyzer scoring = options.model() != null
                    ? modelAnalyzer.apply(options.operation(), options.model().resolve("model.json"))
                    : analyzer.get();
            if (options.operation() == Operation.AUDIO_MANIPULATION_DETECTION) {
                if (options.corpus() == null) {
                    throw new BonafideException(ErrorType.REQUEST_INVALID, "audio_manipulation_detection is evaluated "
                            + "on a manipulation corpus (--corpus DIR with recordings.tsv)", Map.of("location", "corpus"));
                }
                String figures = ManipulationEvaluation.run(scoring, options.corpus(), options.split(), options.out(),
                        options.threads(), out);
                MetricsReport report = MetricsReport.read(options.out().resolve(MetricsReport.FILE_NAME));
                Path card = ModelCard.write(options.out(), scoring.detector(options.operation()).orElseThrow(), report,
                        0, figures);
                out.println("wrote " + options.out().resolve(MetricsReport.FILE_NAME) + " and " + card);
                return AnalyzeCommand.OK;
            }
            List<Trial> trials = options.trials();
            List<LabelledScores.Trial> scored = score(scoring, options.operation(), trials, options.threads());
            int unscorable = trials.size() - scored.size();
            Files.createDirectories(options.out());
            writeScores(options.out().resolve("scores.tsv"), scored);
            MetricsReport report = MetricsReport.evaluate(options.protocol(), options.split(), LabelledScores.of(scored),
                    DcfParameters.ASVSPOOF5, List.of("generator"), options.out());
            out.printf("%s on %s (%s): %d trials scored, %d too short to score; EER %.2f %%, minDCF %.4f, Cllr %.4f%n",
                    options.operation().apiName(), options.protocol(), options.split(), scored.size(), unscorable,
                    report.eer().percent(), report.minDcf().value(), report.cllr());
            Path card = ModelCard.write(options.out(), scoring.detector(options.operation()).orElseThrow(), report,
                    unscorable);
            out.println("wrote " + options.out().resolve(MetricsReport.FILE_NAME) + " and " + card);
            return AnalyzeCommand.OK;
        } catch (BonafideException e) {
            err.println(e.type().wireName() + ": " + e.getMessage());
            return e.type() == ErrorType.INTERNAL ? AnalyzeCommand.INTERNAL : AnalyzeCommand.INVALID;
        } catch (IOException | UncheckedIOException e) {
            err.println("internal: " + e.getMessage());
            return AnalyzeCommand.INTERNAL;
        }
    }

    private static List<LabelledScores.Trial> score(Analyzer analyzer, Operation operation, List<Trial> trials,
                                                    int threads) {
        AnalysisRequest request = new AnalysisRequest(List.of(operation), Selection.all(), false, false);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Double>> futures = new ArrayList<>();
            for (Trial trial : trials) {
                futures.add(pool.submit(() -> scoreOne(analyzer, request, trial)));
            }
            List<LabelledScores.Trial> scored = new ArrayList<>();
            for (int i = 0; i < trials.size(); i++) {
                Double score = futures.get(i).get();
                if (score != null) {
                    Trial trial = trials.get(i);
                    scored.add(new LabelledScores.Trial(trial.id(), trial.label(), score, trial.attributes()));
                }
            }
            return scored;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BonafideException(ErrorType.INTERNAL, "interrupted", Map.of());
        } catch (ExecutionException e) {
            throw new BonafideException(ErrorType.INTERNAL, "scoring failed: " + e.getCause(), Map.of(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private static Double scoreOne(Analyzer analyzer, AnalysisRequest request, Trial trial) throws IOException {
        try (InputStream audio = Files.newInputStream(trial.file())) {
            AnalysisResult result = analyzer.analyse(audio, request);
            ChannelOutcome channel = result.operations().get(0).channels().get(0);
            return channel.score();
        } catch (MediaException e) {
            throw new BonafideException(ErrorType.INTERNAL, "trial " + trial.id() + " could not be read: "
                    + e.getMessage(), Map.of("file", trial.file().toString()), e);
        }
    }

    private static void writeScores(Path file, List<LabelledScores.Trial> scored) throws IOException {
        StringBuilder tsv = new StringBuilder("trial\tlabel\tscore\tgenerator\tspeaker\n");
        for (LabelledScores.Trial t : scored) {
            tsv.append(t.id()).append('\t').append(t.label().asvspoofName()).append('\t').append(t.score()).append('\t')
                    .append(t.attribute("generator").orElse("")).append('\t').append(t.attribute("speaker").orElse(""))
                    .append('\n');
        }
        Files.writeString(file, tsv, StandardCharsets.UTF_8);
    }

    /**
     * The trials of one split of a corpus directory ({@code splits.tsv} with columns utt_id, split,
     * label, generator, speaker; audio in {@code wav/<utt_id>.wav}), in file order.
     */
    static List<Trial> corpusTrials(Path corpus, String split) throws IOException {
        List<String> lines = Files.readAllLines(corpus.resolve("splits.tsv"), StandardCharsets.UTF_8);
        List<String> header = List.of(lines.get(0).split("\t"));
        int id = header.indexOf("utt_id");
        int splitColumn = header.indexOf("split");
        int label = header.indexOf("label");
        int generator = header.indexOf("generator");
        int speaker = header.indexOf("speaker");
        List<Trial> trials = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split("\t", -1);
            if (f[splitColumn].equals(split)) {
                boolean genuine = f[label].equals("genuine");
                trials.add(new Trial(f[id], corpus.resolve("wav").resolve(f[id] + ".wav"),
                        genuine ? LabelledScores.Label.GENUINE : LabelledScores.Label.ATTACK,
                        Options.attributes(genuine, f[generator], f[speaker])));
            }
        }
        return trials;
    }

    /** Parsed arguments. */
    record Options(Operation operation, Path corpus, String split, Path protocolFile, Path audio, Path out,
                   Path model, int threads) {

        static Options parse(List<String> args) {
            if (args.isEmpty()) {
                throw usage();
            }
            Operation operation = Operation.fromApiName(args.get(0));
            Path corpus = null;
            Path protocol = null;
            Path audio = null;
            Path out = null;
            Path model = null;
            String split = "eval";
            int threads = Runtime.getRuntime().availableProcessors();
            for (int i = 1; i < args.size(); i++) {
                String value = i + 1 < args.size() ? args.get(i + 1) : null;
                switch (args.get(i)) {
                    case "--corpus" -> corpus = Path.of(require(value, "corpus"));
                    case "--split" -> split = require(value, "split");
                    case "--asvspoof" -> protocol = Path.of(require(value, "asvspoof"));
                    case "--audio" -> audio = Path.of(require(value, "audio"));
                    case "--out" -> out = Path.of(require(value, "out"));
                    case "--model" -> model = Path.of(require(value, "model"));
                    case "--threads" -> threads = Integer.parseInt(require(value, "threads"));
                    default -> throw usage();
                }
                i++;
            }
            if (out == null) {
                out = model;
            }
            if (out == null || (corpus == null) == (protocol == null) || (protocol != null && audio == null)
                    || threads < 1) {
                throw usage();
            }
            if (model != null && !Files.isRegularFile(model.resolve("model.json"))) {
                throw new BonafideException(ErrorType.RESOURCE_NOT_FOUND, "--model " + model
                        + " is not a model version directory: it has no model.json", Map.of("location", "model"));
            }
            return new Options(operation, corpus, split, protocol, audio, out, model, threads);
        }

        String protocol() {
            return corpus != null ? "bonafide-corpus:" + corpus.getFileName() : "asvspoof:" + protocolFile.getFileName();
        }

        List<Trial> trials() throws IOException {
            return corpus != null ? corpusTrials() : asvspoofTrials();
        }

        private List<Trial> corpusTrials() throws IOException {
            return EvaluateCommand.corpusTrials(corpus, split);
        }

        private List<Trial> asvspoofTrials() {
            AsvspoofProtocol parsed = AsvspoofProtocol.read(protocolFile);
            AsvspoofProtocol.Resolution resolution = parsed.resolve(audio);
            if (!resolution.complete()) {
                throw new BonafideException(ErrorType.RESOURCE_NOT_FOUND, resolution.missing().size()
                        + " protocol utterances have no audio file in " + audio, Map.of("location", "audio"));
            }
            List<Trial> trials = new ArrayList<>();
            for (AsvspoofProtocol.Entry entry : parsed.entries()) {
                boolean genuine = entry.label() == LabelledScores.Label.GENUINE;
                trials.add(new Trial(entry.utterance(), resolution.files().get(entry.utterance()), entry.label(),
                        attributes(genuine, entry.system().orElse("-"), entry.speaker())));
            }
            return trials;
        }

        /**
         * Only attacks carry a generator, so that the per-generator EER sets all genuine trials
         * against each generator's attacks (the ASVspoof convention).
         */
        private static Map<String, String> attributes(boolean genuine, String generator, String speaker) {
            return genuine ? Map.of("speaker", speaker) : Map.of("generator", generator, "speaker", speaker);
        }

        private static String require(String value, String name) {
            if (value == null) {
                throw usage();
            }
            return value;
        }

        private static BonafideException usage() {
            return new BonafideException(ErrorType.REQUEST_INVALID, "usage: bonafide evaluate OPERATION "
                    + "(--corpus DIR [--split eval] | --asvspoof PROTOCOL --audio DIR) "
                    + "(--out DIR | --model MODEL_DIR [--out DIR]) [--threads N]", Map.of());
        }
    }
}
