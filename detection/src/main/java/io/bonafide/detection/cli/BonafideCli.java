package io.bonafide.detection.cli;

import io.bonafide.audio.AudioFrontEnd;
import io.bonafide.audio.FrontEndOptions;
import io.bonafide.audio.vad.VoiceActivityDetectors;
import io.bonafide.detection.Analyzer;
import io.bonafide.detection.Detector;
import io.bonafide.detection.InstalledDetectors;
import io.bonafide.detection.Operation;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/**
 * The {@code bonafide} command line: {@code bonafide analyze FILE …} ({@link AnalyzeCommand}),
 * {@code bonafide evaluate OPERATION …} ({@link EvaluateCommand}), {@code bonafide train-xgboost …}
 * ({@link TrainXgboostCommand}) and {@code bonafide train-manipulation …} ({@link TrainManipulationCommand}).
 * Detectors come from the models directory ({@link InstalledDetectors}); an operation without an installed model is
 * answered with an {@code internal} error, never a made-up score.
 */
public final class BonafideCli {
    private BonafideCli() {
    }

    public static void main(String[] args) {
        int status = run(List.of(args), BonafideCli::defaultAnalyzer);
        if (status != 0) {
            Runtime.getRuntime().exit(status);
        }
    }

    static int run(List<String> args, Supplier<Analyzer> analyzer) {
        String command = args.isEmpty() ? "" : args.get(0);
        List<String> rest = args.isEmpty() ? List.of() : args.subList(1, args.size());
        return switch (command) {
            case "analyze" -> new AnalyzeCommand(analyzer).run(rest, System.out, System.err);
            case "evaluate" -> new EvaluateCommand(analyzer, BonafideCli::modelAnalyzer).run(rest, System.out, System.err);
            case "train-xgboost" -> new TrainXgboostCommand().run(rest, System.out, System.err);
            case "train-manipulation" -> new TrainManipulationCommand().run(rest, System.out, System.err);
            default -> {
                System.err.println("usage: bonafide analyze FILE [--operations deepfake_detection,...] "
                        + "[--channel-mode split|mix] [--channels 0,1] [--start-time S] [--end-time S] "
                        + "[--raw-segmentation] [--embeddings]\n"
                        + "       bonafide evaluate OPERATION (--corpus DIR [--split eval] | --asvspoof PROTOCOL "
                        + "--audio DIR) (--out DIR | --model MODEL_DIR [--out DIR]) [--threads N]\n"
                        + "       bonafide train-xgboost --corpus DIR --out MODEL_DIR [--feature-set baseline34] "
                        + "[--name NAME] [--version V] [--rounds 200] [--max-depth 7] [--eta 0.1] [--seed S] "
                        + "[--threads N] [--min-seconds 3.0]\n"
                        + "       bonafide train-manipulation --corpus DIR --out MODEL_DIR [--name NAME] [--version V] "
                        + "[--rounds 400] [--max-depth 7] [--eta 0.05] [--seed S] [--threads N] [--margin 0.03]");
                yield AnalyzeCommand.INVALID;
            }
        };
    }

    private static Analyzer defaultAnalyzer() {
        return new Analyzer(AudioFrontEnd.standard(FrontEndOptions.DEFAULTS, VoiceActivityDetectors.create()),
                installedDetectors());
    }

    /** An analyzer whose one detector answers {@code operation} with the model of {@code descriptor}. */
    private static Analyzer modelAnalyzer(Operation operation, Path descriptor) {
        return new Analyzer(AudioFrontEnd.standard(FrontEndOptions.DEFAULTS, VoiceActivityDetectors.create()),
                List.of(InstalledDetectors.load(operation, descriptor)));
    }

    /** The detectors whose models are installed under the models directory. */
    static List<Detector> installedDetectors() {
        return InstalledDetectors.from(InstalledDetectors.modelsDirectory());
    }
}
