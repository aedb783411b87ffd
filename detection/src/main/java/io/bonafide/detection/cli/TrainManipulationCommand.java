package io.bonafide.detection.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bonafide.core.BonafideException;
import io.bonafide.core.ErrorType;
import io.bonafide.detection.ChannelOutcome.Segment;
import io.bonafide.detection.eval.DcfParameters;
import io.bonafide.detection.eval.EqualErrorRate;
import io.bonafide.detection.eval.LabelledScores;
import io.bonafide.detection.eval.MinDcf;
import io.bonafide.detection.features.FeatureSet;
import io.bonafide.detection.features.ManipulationWindowFeatures;
import io.bonafide.detection.manipulation.SegmentMerger;
import io.bonafide.detection.manipulation.WindowLabels;
import io.bonafide.detection.manipulation.internal.WindowScores;
import io.bonafide.detection.model.ModelDescriptor;
import io.bonafide.detection.model.XgboostModel;
import io.bonafide.detection.model.internal.FileDigest;
import io.bonafide.detection.training.AffineCalibration;
import io.bonafide.detection.training.FeatureStandardisation;
import io.bonafide.detection.training.XgboostParameters;
import io.bonafide.detection.training.XgboostTrainer;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * {@code bonafide train-manipulation --corpus DIR --out MODEL_DIR [--name N] [--version V]
 * [--rounds 400] [--max-depth 7] [--eta 0.05] [--seed S] [--threads N] [--margin 0.03]
 * [--feature-set manipulation322]}: trains the window-level manipulation model on a manipulation
 * corpus ({@link ManipulationCorpus}) and writes {@code booster.ubj}, {@code model.json} (kind
 * xgboost, input {@code features:<feature set>},
 * window 0.4 s, hop 0.2 s) and {@code training.json}.
 *
 * <p>Protocol: every 400 ms window of every train and dev recording gets its features from the
 * serving front end and {@link ManipulationWindowFeatures}, and its label from {@link WindowLabels}
 * (edited when a cut point lies inside it). Train windows whose cut point is within
 * {@code --margin} seconds of their edge are left out (they barely see the join); dev keeps every
 * window, as evaluation does. Standardisation and trees come from train (label 1 = unedited, so the
 * margin is the log-odds of genuine), the affine calibration from dev; eval is never read. One
 * training thread and a fixed seed make the files identical across runs.
 */
public final class TrainManipulationCommand {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Runs the command; answers with an exit status. */
    public int run(List<String> args, PrintStream out, PrintStream err) {
        try {
            Options o = Options.parse(args);
            List<ManipulationCorpus.Recording> train = ManipulationCorpus.read(o.corpus(), "train");
            List<ManipulationCorpus.Recording> dev = ManipulationCorpus.read(o.corpus(), "dev");
            if (train.isEmpty() || dev.isEmpty()) {
                throw new BonafideException(ErrorType.REQUEST_INVALID, "the corpus needs train and dev recordings",
                        Map.of("location", "corpus"));
            }
            long started = System.nanoTime();
            Windows trainWindows = windows(train, ManipulationCorpus.windowFeatures(train, o.threads()), o.margin(),
                    o.featureSet());
            List<List<float[]>> devFeatures = ManipulationCorpus.windowFeatures(dev, o.threads());
            Windows devWindows = windows(dev, devFeatures, 0, o.featureSet());
            out.printf(Locale.ROOT, "features: %d train windows (%d edited), %d dev windows (%d edited) in %.1f s%n",
                    trainWindows.rows.size(), trainWindows.editedCount(), devWindows.rows.size(),
                    devWindows.editedCount(), (System.nanoTime() - started) / 1e9);
            ModelDescriptor.Standardisation z = FeatureStandardisation.fit(trainWindows.rows);
            Booster booster = XgboostTrainer.train(standardised(trainWindows.rows, z), trainWindows.genuine(),
                    o.parameters());
            double[] devMargins = XgboostTrainer.margins(booster, standardised(devWindows.rows, z));
            AffineCalibration calibration = AffineCalibration.fit(devMargins, devWindows.genuine());
            List<LabelledScores.Trial> devTrials = new ArrayList<>();
            for (int i = 0; i < devMargins.length; i++) {
                devTrials.add(new LabelledScores.Trial("w" + i, devWindows.labels.get(i) ? LabelledScores.Label.GENUINE
                        : LabelledScores.Label.ATTACK, calibration.apply(devMargins[i])));
            }
            LabelledScores devScores = LabelledScores.of(devTrials);
            EqualErrorRate devEer = EqualErrorRate.of(devScores);
            MinDcf devMinDcf = MinDcf.of(devScores, DcfParameters.ASVSPOOF5);
            out.printf(Locale.ROOT, "trained %d trees; dev window EER %.2f %%, minDCF %.4f; calibration a=%.4f b=%.4f%n",
                    o.parameters().rounds(), devEer.percent(), devMinDcf.value(), calibration.a(), calibration.b());

            Files.createDirectories(o.out());
            Path boosterFile = o.out().resolve(TrainXgboostCommand.BOOSTER_FILE_NAME);
            Files.write(boosterFile, booster.toByteArray("ubj"));
            booster.dispose();
            Path descriptor = o.out().resolve(ModelDescriptor.FILE_NAME);
            String sha256 = FileDigest.sha256(boosterFile);
            write(descriptor, descriptor(o, sha256, z, calibration, null));
            ObjectNode training = JSON.createObjectNode();
            training.put("corpus", o.corpus().getFileName().toString());
            training.put("feature_set", o.featureSet().wireName());
            ArrayNode names = training.putArray("features");
            o.featureSet().names().forEach(names::add);
            ObjectNode params = training.putObject("xgboost");
            params.put("rounds", o.parameters().rounds());
            o.parameters().boosterParameters().forEach(params::putPOJO);
            ObjectNode counts = training.putObject("windows");
            counts.put("train_recordings", train.size());
            counts.put("train_unedited", trainWindows.rows.size() - trainWindows.editedCount());
            counts.put("train_edited", trainWindows.editedCount());
            counts.put("train_left_out_ambiguous", trainWindows.leftOut);
            counts.put("dev_recordings", dev.size());
            counts.put("dev_unedited", devWindows.rows.size() - devWindows.editedCount());
            counts.put("dev_edited", devWindows.editedCount());
            training.put("train_margin_seconds", o.margin());
            training.put("dev_window_eer_percent", devEer.percent());
            training.put("dev_window_min_dcf", devMinDcf.value());
            ObjectNode cal = training.putObject("calibration");
            cal.put("fitted_on", "dev windows");
            cal.put("method", "prior-balanced logistic regression on the margin, L2 " + AffineCalibration.L2);
            cal.put("a", calibration.a());
            cal.put("b", calibration.b());
            XgboostModel served = XgboostModel.load(descriptor);
            for (int i = 0; i < devMargins.length; i++) {
                double expected = calibration.apply(devMargins[i]);
                double actual = served.score(devWindows.rows.get(i));
                if (Math.abs(actual - expected) > 1e-4 * Math.max(1, Math.abs(expected))) {
                    throw new BonafideException(ErrorType.INTERNAL, "the written model scores dev window " + i + " "
                            + actual + " but training scored it " + expected, Map.of());
                }
            }
            // The segment calibration, from the runs of suspicious dev windows as the served model
            // builds them: a run is unedited when no cut point lies inside it (the evaluation's rule).
            List<Double> runScores = new ArrayList<>();
            List<Boolean> runUnedited = new ArrayList<>();
            for (int r = 0; r < dev.size(); r++) {
                for (Segment run : SegmentMerger.merge(WindowScores.of(served, devFeatures.get(r), 0), 0.0)) {
                    runScores.add(run.score());
                    runUnedited.add(!WindowLabels.holdsCut(run, dev.get(r).cutPoints()));
                }
            }
            double[] runRaw = runScores.stream().mapToDouble(Double::doubleValue).toArray();
            boolean[] runGenuine = new boolean[runRaw.length];
            for (int i = 0; i < runGenuine.length; i++) {
                runGenuine[i] = runUnedited.get(i);
            }
            AffineCalibration segmentCalibration = AffineCalibration.fit(runRaw, runGenuine);
            int editedRuns = (int) runUnedited.stream().filter(u -> !u).count();
            out.printf(Locale.ROOT, "segment calibration on %d dev runs (%d holding a cut point): a=%.4f b=%.4f%n",
                    runRaw.length, editedRuns, segmentCalibration.a(), segmentCalibration.b());
            write(descriptor, descriptor(o, sha256, z, calibration, segmentCalibration));
            ObjectNode segCal = training.putObject("segment_calibration");
            segCal.put("fitted_on", "runs of suspicious dev windows (score < 0), lowest window score; a run is "
                    + "unedited when no cut point lies inside it");
            segCal.put("method", "prior-balanced logistic regression on the run's lowest window score, L2 "
                    + AffineCalibration.L2);
            segCal.put("dev_runs", runRaw.length);
            segCal.put("dev_runs_holding_a_cut_point", editedRuns);
            segCal.put("a", segmentCalibration.a());
            segCal.put("b", segmentCalibration.b());
            write(o.out().resolve(TrainXgboostCommand.TRAINING_FILE_NAME), training);
            out.println("wrote " + descriptor + ", " + boosterFile);
            return AnalyzeCommand.OK;
        } catch (BonafideException e) {
            err.println(e.type().wireName() + ": " + e.getMessage());
            return e.type() == ErrorType.INTERNAL ? AnalyzeCommand.INTERNAL : AnalyzeCommand.INVALID;
        } catch (IOException | UncheckedIOException | XGBoostError e) {
            err.println("internal: " + e.getMessage());
            return AnalyzeCommand.INTERNAL;
        }
    }

    /** Labelled window rows of a split. */
    private static final class Windows {
        final List<float[]> rows = new ArrayList<>();
        final List<Boolean> labels = new ArrayList<>();
        int leftOut;

        int editedCount() {
            return (int) labels.stream().filter(g -> !g).count();
        }

        boolean[] genuine() {
            boolean[] g = new boolean[labels.size()];
            for (int i = 0; i < g.length; i++) {
                g[i] = labels.get(i);
            }
            return g;
        }
    }

    private static Windows windows(List<ManipulationCorpus.Recording> recordings, List<List<float[]>> features,
                                   double margin, FeatureSet featureSet) {
        Windows windows = new Windows();
        for (int r = 0; r < recordings.size(); r++) {
            double[] cuts = recordings.get(r).cutPoints();
            List<float[]> vectors = features.get(r);
            for (int w = 0; w < vectors.size(); w++) {
                if (margin > 0 && WindowLabels.ambiguous(w, cuts, margin)) {
                    windows.leftOut++;
                    continue;
                }
                windows.rows.add(featureSet.ofWindow(vectors.get(w)));
                windows.labels.add(!WindowLabels.edited(w, cuts));
            }
        }
        return windows;
    }

    private static List<float[]> standardised(List<float[]> rows, ModelDescriptor.Standardisation z) {
        return rows.stream().map(z::apply).toList();
    }

    private static ObjectNode descriptor(Options o, String sha256, ModelDescriptor.Standardisation z,
                                         AffineCalibration calibration, AffineCalibration segmentCalibration) {
        ObjectNode d = TrainXgboostCommand.descriptor(o.name(), o.version(), sha256, o.featureSet(),
                ManipulationWindowFeatures.WINDOW_SECONDS, z, calibration);
        if (segmentCalibration != null) {
            ObjectNode seg = d.putObject("segment_calibration");
            seg.put("kind", "affine");
            seg.put("a", segmentCalibration.a());
            seg.put("b", segmentCalibration.b());
        }
        return d;
    }

    private static void write(Path file, ObjectNode node) throws IOException {
        Files.writeString(file, JSON.writeValueAsString(node) + "\n", StandardCharsets.UTF_8);
    }

    /** Parsed arguments. */
    record Options(Path corpus, Path out, String name, String version, XgboostParameters parameters, int threads,
                   double margin, FeatureSet featureSet) {
        static Options parse(List<String> args) {
            Path corpus = null;
            Path out = null;
            String name = "bonafide-manipulation-windows";
            String version = "2.2.0";
            FeatureSet featureSet = FeatureSet.MANIPULATION322;
            int rounds = 400;
            int maxDepth = 7;
            double eta = 0.05;
            long seed = XgboostParameters.BASELINE.seed();
            int threads = Runtime.getRuntime().availableProcessors();
            double margin = 0.03;
            try {
                for (int i = 0; i < args.size(); i++) {
                    String value = i + 1 < args.size() ? args.get(i + 1) : null;
                    if (value == null) {
                        throw usage();
                    }
                    switch (args.get(i)) {
                        case "--corpus" -> corpus = Path.of(value);
                        case "--out" -> out = Path.of(value);
                        case "--name" -> name = value;
                        case "--version" -> version = value;
                        case "--rounds" -> rounds = Integer.parseInt(value);
                        case "--max-depth" -> maxDepth = Integer.parseInt(value);
                        case "--eta" -> eta = Double.parseDouble(value);
                        case "--seed" -> seed = Long.parseLong(value);
                        case "--threads" -> threads = Integer.parseInt(value);
                        case "--margin" -> margin = Double.parseDouble(value);
                        case "--feature-set" -> featureSet = windowSet(value);
                        default -> throw usage();
                    }
                    i++;
                }
                if (corpus == null || out == null || threads < 1 || margin < 0 || margin >= 0.2) {
                    throw usage();
                }
                return new Options(corpus, out, name, version, new XgboostParameters(rounds, maxDepth, eta, seed),
                        threads, margin, featureSet);
            } catch (IllegalArgumentException e) {
                throw new BonafideException(ErrorType.REQUEST_INVALID, e.getMessage() + "; " + usage().getMessage(),
                        Map.of());
            }
        }

        private static FeatureSet windowSet(String name) {
            for (FeatureSet set : FeatureSet.values()) {
                if (set.windowed() && set.wireName().equals(name)) {
                    return set;
                }
            }
            throw new IllegalArgumentException("--feature-set must name a window feature set (manipulation140, "
                    + "manipulation322), was " + name);
        }

        static BonafideException usage() {
            return new BonafideException(ErrorType.REQUEST_INVALID, "usage: bonafide train-manipulation --corpus DIR "
                    + "--out MODEL_DIR [--name NAME] [--version V] [--rounds 400] [--max-depth 7] [--eta 0.05] "
                    + "[--seed S] [--threads N] [--margin 0.03] [--feature-set manipulation322]", Map.of());
        }
    }
}
