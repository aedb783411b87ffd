package io.bonafide.detection.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bonafide.audio.AudioFrontEnd;
import io.bonafide.audio.FrontEndOptions;
import io.bonafide.audio.MediaException;
import io.bonafide.audio.resample.Resamplers;
import io.bonafide.audio.select.Selection;
import io.bonafide.audio.vad.VoiceActivityDetector;
import io.bonafide.core.BonafideException;
import io.bonafide.core.ErrorType;
import io.bonafide.detection.eval.DcfParameters;
import io.bonafide.detection.eval.EqualErrorRate;
import io.bonafide.detection.eval.LabelledScores;
import io.bonafide.detection.eval.MinDcf;
import io.bonafide.detection.features.FeatureSet;
import io.bonafide.detection.features.ManipulationWindowFeatures;
import io.bonafide.detection.features.UtteranceFeatures;
import io.bonafide.detection.model.ModelDescriptor;
import io.bonafide.detection.model.XgboostModel;
import io.bonafide.detection.model.internal.FileDigest;
import io.bonafide.detection.training.AffineCalibration;
import io.bonafide.detection.training.FeatureStandardisation;
import io.bonafide.detection.training.XgboostParameters;
import io.bonafide.detection.training.XgboostTrainer;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * {@code bonafide train-xgboost --corpus DIR --out MODEL_DIR [--feature-set baseline34] [--name N]
 * [--version V] [--rounds 200] [--max-depth 7] [--eta 0.1] [--seed S] [--threads N]}: trains an
 * utterance-feature XGBoost model on a corpus directory ({@code splits.tsv} + {@code wav/}, as
 * {@link EvaluateCommand} reads it) and writes a servable model version directory:
 * {@code booster.ubj}, its {@code model.json} descriptor and {@code training.json}.
 *
 * <p>Protocol: features of every train and dev trial are computed by the same front end (decode,
 * channel 0 of a mono file, resample to 16 kHz) and the same {@link FeatureSet} class that serve
 * requests; trials under the descriptor's 3 s minimum, which serving never scores, are left out.
 * Standardisation statistics come from the train split only; the booster learns from the train
 * split only (label 1 = genuine, so its margin is the log-odds of genuine); the affine calibration
 * of that margin into a log-likelihood ratio is fitted on the dev split; the eval split is not
 * read. One training thread and a fixed seed make the booster file identical across runs.
 */
public final class TrainXgboostCommand {
    static final String BOOSTER_FILE_NAME = "booster.ubj";
    static final String TRAINING_FILE_NAME = "training.json";
    static final double DEFAULT_MIN_SECONDS = 3.0;

    /** Runs the command; answers with an exit status. */
    public int run(List<String> args, PrintStream out, PrintStream err) {
        try {
            Options options = Options.parse(args);
            List<EvaluateCommand.Trial> train = EvaluateCommand.corpusTrials(options.corpus(), "train");
            List<EvaluateCommand.Trial> dev = EvaluateCommand.corpusTrials(options.corpus(), "dev");
            if (train.isEmpty() || dev.isEmpty()) {
                throw new BonafideException(ErrorType.REQUEST_INVALID, "the corpus needs train and dev trials, has "
                        + train.size() + " train and " + dev.size() + " dev", Map.of("location", "corpus"));
            }
            Extraction extraction = new Extraction(options.featureSet(), options.threads(), options.minSeconds());
            long started = System.nanoTime();
            List<Row> trainRows = extraction.rows(train);
            List<Row> devRows = extraction.rows(dev);
            double extractionSeconds = (System.nanoTime() - started) / 1e9;
            out.printf(Locale.ROOT, "features: %d train and %d dev trials (%d too short), %.1f s of audio in %.1f s "
                            + "on %d threads (%.0f x real time; %.0f x real time per thread)%n",
                    trainRows.size(), devRows.size(), train.size() + dev.size() - trainRows.size() - devRows.size(),
                    extraction.audioSeconds(), extractionSeconds, options.threads(),
                    extraction.audioSeconds() / extractionSeconds, extraction.audioSeconds() / extraction.busySeconds());

            ModelDescriptor.Standardisation z = FeatureStandardisation.fit(trainRows.stream().map(Row::features).toList());
            started = System.nanoTime();
            Booster booster = XgboostTrainer.train(standardised(trainRows, z), labels(trainRows), options.parameters());
            double trainingSeconds = (System.nanoTime() - started) / 1e9;
            double[] trainMargins = XgboostTrainer.margins(booster, standardised(trainRows, z));
            double[] devMargins = XgboostTrainer.margins(booster, standardised(devRows, z));
            AffineCalibration calibration = AffineCalibration.fit(devMargins, labels(devRows));
            LabelledScores devScores = scores(devRows, devMargins, calibration);
            EqualErrorRate devEer = EqualErrorRate.of(devScores);
            MinDcf devMinDcf = MinDcf.of(devScores, DcfParameters.ASVSPOOF5);
            double trainEer = EqualErrorRate.of(scores(trainRows, trainMargins, calibration)).percent();
            out.printf(Locale.ROOT, "trained %d trees in %.2f s; train EER %.2f %%; dev EER %.2f %%, minDCF %.4f; "
                            + "calibration a=%.4f b=%.4f%n", options.parameters().rounds(), trainingSeconds, trainEer,
                    devEer.percent(), devMinDcf.value(), calibration.a(), calibration.b());

            Files.createDirectories(options.out());
            Path boosterFile = options.out().resolve(BOOSTER_FILE_NAME);
            Files.write(boosterFile, booster.toByteArray("ubj"));
            booster.dispose();
            Path descriptor = options.out().resolve(ModelDescriptor.FILE_NAME);
            writeJson(descriptor, descriptor(options, FileDigest.sha256(boosterFile), z, calibration));
            writeJson(options.out().resolve(TRAINING_FILE_NAME), training(options, trainRows, devRows, trainEer, devEer,
                    devMinDcf, calibration));
            // Load what was written through the serving path, and check it scores dev as training did.
            checkServedScores(descriptor, devRows, devMargins, calibration);
            out.println("wrote " + descriptor + ", " + boosterFile + " and " + options.out().resolve(TRAINING_FILE_NAME));
            return AnalyzeCommand.OK;
        } catch (BonafideException e) {
            err.println(e.type().wireName() + ": " + e.getMessage());
            return e.type() == ErrorType.INTERNAL ? AnalyzeCommand.INTERNAL : AnalyzeCommand.INVALID;
        } catch (IOException | UncheckedIOException | XGBoostError e) {
            err.println("internal: " + e.getMessage());
            return AnalyzeCommand.INTERNAL;
        }
    }

    /** One trial's features. */
    record Row(EvaluateCommand.Trial trial, float[] features) {
        boolean genuine() {
            return trial.label() == LabelledScores.Label.GENUINE;
        }
    }

    /** Computes trials' features in parallel, in trial order, through the serving front end. */
    private static final class Extraction {
        private final FeatureSet featureSet;
        private final int threads;
        private final double minSeconds;
        // Voice activity does not change the samples a detector receives, so training skips it.
        private final AudioFrontEnd frontEnd = new AudioFrontEnd(FrontEndOptions.DEFAULTS,
                rate -> Resamplers.create(rate, AudioFrontEnd.ANALYSIS_RATE), VoiceActivityDetector::none, "none");
        private final AtomicLong samples = new AtomicLong();
        private final AtomicLong busyNanos = new AtomicLong();

        Extraction(FeatureSet featureSet, int threads, double minSeconds) {
            this.featureSet = featureSet;
            this.threads = threads;
            this.minSeconds = minSeconds;
        }

        List<Row> rows(List<EvaluateCommand.Trial> trials) {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<UtteranceFeatures>> futures = new ArrayList<>();
                for (EvaluateCommand.Trial trial : trials) {
                    futures.add(pool.submit(() -> features(trial)));
                }
                List<Row> rows = new ArrayList<>();
                for (int i = 0; i < trials.size(); i++) {
                    UtteranceFeatures features = futures.get(i).get();
                    if (features.samples() >= Math.round(minSeconds * AudioFrontEnd.ANALYSIS_RATE)) {
                        rows.add(new Row(trials.get(i), features.vector()));
                    }
                }
                return rows;
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

        private UtteranceFeatures features(EvaluateCommand.Trial trial) throws IOException {
            long started = System.nanoTime();
            UtteranceFeatures features = featureSet.newChannel();
            try (InputStream audio = Files.newInputStream(trial.file())) {
                frontEnd.analyse(audio, Selection.all(), channel -> {
                    if (channel != 0) {
                        throw new BonafideException(ErrorType.REQUEST_INVALID, "trial " + trial.id()
                                + " is not mono; corpus trials must be", Map.of("file", trial.file().toString()));
                    }
                    return features;
                });
            } catch (MediaException e) {
                throw new BonafideException(ErrorType.INTERNAL, "trial " + trial.id() + " could not be read: "
                        + e.getMessage(), Map.of("file", trial.file().toString()), e);
            }
            samples.addAndGet(features.samples());
            busyNanos.addAndGet(System.nanoTime() - started);
            return features;
        }

        double audioSeconds() {
            return samples.get() / (double) AudioFrontEnd.ANALYSIS_RATE;
        }

        double busySeconds() {
            return busyNanos.get() / 1e9;
        }
    }

    private static List<float[]> standardised(List<Row> rows, ModelDescriptor.Standardisation z) {
        return rows.stream().map(r -> z.apply(r.features())).toList();
    }

    private static boolean[] labels(List<Row> rows) {
        boolean[] genuine = new boolean[rows.size()];
        for (int i = 0; i < genuine.length; i++) {
            genuine[i] = rows.get(i).genuine();
        }
        return genuine;
    }

    private static LabelledScores scores(List<Row> rows, double[] margins, AffineCalibration calibration) {
        List<LabelledScores.Trial> trials = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            EvaluateCommand.Trial t = rows.get(i).trial();
            trials.add(new LabelledScores.Trial(t.id(), t.label(), calibration.apply(margins[i]), t.attributes()));
        }
        return LabelledScores.of(trials);
    }

    private static void checkServedScores(Path descriptor, List<Row> devRows, double[] devMargins,
                                          AffineCalibration calibration) {
        XgboostModel served = XgboostModel.load(descriptor);
        for (int i = 0; i < devRows.size(); i++) {
            double expected = calibration.apply(devMargins[i]);
            double actual = served.score(devRows.get(i).features());
            if (Math.abs(actual - expected) > 1e-4 * Math.max(1, Math.abs(expected))) {
                throw new BonafideException(ErrorType.INTERNAL, "the written model scores dev trial "
                        + devRows.get(i).trial().id() + " " + actual + " but training scored it " + expected, Map.of());
            }
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private static ObjectNode descriptor(Options options, String sha256, ModelDescriptor.Standardisation z,
                                         AffineCalibration calibration) {
        return descriptor(options.name(), options.version(), sha256, options.featureSet(), options.minSeconds(), z,
                calibration);
    }

    /**
     * The {@code model.json} of a booster trained here on a named feature set: margin output,
     * genuine-oriented, affine calibration; a window feature set also states its window and hop
     * (0.4 s, 0.2 s).
     */
    static ObjectNode descriptor(String name, String version, String sha256, FeatureSet featureSet, double minSeconds,
                                 ModelDescriptor.Standardisation z, AffineCalibration calibration) {
        ObjectNode d = JSON.createObjectNode();
        d.put("name", name);
        d.put("version", version);
        d.put("kind", "xgboost");
        d.put("file", BOOSTER_FILE_NAME);
        d.put("sha256", sha256);
        ObjectNode input = d.putObject("input");
        input.put("kind", "features:" + featureSet.wireName());
        input.put("sample_rate", AudioFrontEnd.ANALYSIS_RATE);
        if (featureSet.windowed()) {
            input.put("window_seconds", ManipulationWindowFeatures.WINDOW_SECONDS);
            input.put("hop_seconds", ManipulationWindowFeatures.HOP_SECONDS);
        }
        input.put("min_seconds", minSeconds);
        ObjectNode standardisation = input.putObject("standardisation");
        ArrayNode mean = standardisation.putArray("mean");
        z.mean().forEach(mean::add);
        ArrayNode std = standardisation.putArray("std");
        z.std().forEach(std::add);
        ObjectNode output = d.putObject("output");
        output.put("score", ModelDescriptor.Output.MARGIN);
        output.put("score_meaning", "logit_genuine");
        ObjectNode cal = d.putObject("calibration");
        cal.put("kind", "affine");
        cal.put("a", calibration.a());
        cal.put("b", calibration.b());
        return d;
    }

    private static ObjectNode training(Options options, List<Row> train, List<Row> dev, double trainEer,
                                       EqualErrorRate devEer, MinDcf devMinDcf, AffineCalibration calibration) {
        ObjectNode t = JSON.createObjectNode();
        t.put("corpus", options.corpus().getFileName().toString());
        t.put("feature_set", options.featureSet().wireName());
        ArrayNode names = t.putArray("features");
        options.featureSet().names().forEach(names::add);
        ObjectNode params = t.putObject("xgboost");
        params.put("library", "ml.dmlc:xgboost4j_2.12:" + xgboostVersion());
        params.put("rounds", options.parameters().rounds());
        options.parameters().boosterParameters().forEach((k, v) -> params.putPOJO(k, v));
        ObjectNode counts = t.putObject("trials");
        counts.put("train_genuine", train.stream().filter(Row::genuine).count());
        counts.put("train_attack", train.stream().filter(r -> !r.genuine()).count());
        counts.put("dev_genuine", dev.stream().filter(Row::genuine).count());
        counts.put("dev_attack", dev.stream().filter(r -> !r.genuine()).count());
        t.put("train_eer_percent", trainEer);
        t.put("dev_eer_percent", devEer.percent());
        t.put("dev_min_dcf", devMinDcf.value());
        ObjectNode cal = t.putObject("calibration");
        cal.put("fitted_on", "dev");
        cal.put("method", "prior-balanced logistic regression on the margin, L2 " + AffineCalibration.L2);
        cal.put("a", calibration.a());
        cal.put("b", calibration.b());
        return t;
    }

    private static String xgboostVersion() {
        String version = Booster.class.getPackage().getImplementationVersion();
        return version != null ? version : "3.0.4";
    }

    private static void writeJson(Path file, ObjectNode node) throws IOException {
        Files.writeString(file, JSON.writeValueAsString(node) + "\n", StandardCharsets.UTF_8);
    }

    /** Parsed arguments. */
    record Options(Path corpus, Path out, FeatureSet featureSet, String name, String version,
                   XgboostParameters parameters, int threads, double minSeconds) {

        static Options parse(List<String> args) {
            Path corpus = null;
            Path out = null;
            FeatureSet featureSet = FeatureSet.BASELINE34;
            String name = "bonafide-deepfake-baseline34";
            String version = "1.0.0";
            XgboostParameters defaults = XgboostParameters.BASELINE;
            int rounds = defaults.rounds();
            int maxDepth = defaults.maxDepth();
            double eta = defaults.eta();
            long seed = defaults.seed();
            int threads = Runtime.getRuntime().availableProcessors();
            double minSeconds = DEFAULT_MIN_SECONDS;
            try {
                for (int i = 0; i < args.size(); i++) {
                    String value = i + 1 < args.size() ? args.get(i + 1) : null;
                    switch (args.get(i)) {
                        case "--corpus" -> corpus = Path.of(require(value));
                        case "--out" -> out = Path.of(require(value));
                        case "--feature-set" -> featureSet = featureSet(require(value));
                        case "--name" -> name = require(value);
                        case "--version" -> version = require(value);
                        case "--rounds" -> rounds = Integer.parseInt(require(value));
                        case "--max-depth" -> maxDepth = Integer.parseInt(require(value));
                        case "--eta" -> eta = Double.parseDouble(require(value));
                        case "--seed" -> seed = Long.parseLong(require(value));
                        case "--threads" -> threads = Integer.parseInt(require(value));
                        case "--min-seconds" -> minSeconds = Double.parseDouble(require(value));
                        default -> throw usage();
                    }
                    i++;
                }
                if (corpus == null || out == null || threads < 1 || !(minSeconds > 0)) {
                    throw usage();
                }
                return new Options(corpus, out, featureSet, name, version,
                        new XgboostParameters(rounds, maxDepth, eta, seed), threads, minSeconds);
            } catch (IllegalArgumentException e) {
                throw new BonafideException(ErrorType.REQUEST_INVALID, e.getMessage() + "; " + usage().getMessage(),
                        Map.of());
            }
        }

        private static FeatureSet featureSet(String name) {
            for (FeatureSet set : FeatureSet.values()) {
                if (set.wireName().equals(name)) {
                    return set;
                }
            }
            throw new IllegalArgumentException("unknown feature set " + name);
        }

        private static String require(String value) {
            if (value == null) {
                throw usage();
            }
            return value;
        }

        static BonafideException usage() {
            return new BonafideException(ErrorType.REQUEST_INVALID, "usage: bonafide train-xgboost --corpus DIR "
                    + "--out MODEL_DIR [--feature-set baseline34|replay138|replay198] [--name NAME] [--version V] [--rounds 200] "
                    + "[--max-depth 7] [--eta 0.1] [--seed S] [--threads N] [--min-seconds 3.0]", Map.of());
        }
    }
}
