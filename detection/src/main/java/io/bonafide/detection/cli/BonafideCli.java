package io.bonafide.detection.cli;

import io.bonafide.audio.AudioFrontEnd;
import io.bonafide.audio.FrontEndOptions;
import io.bonafide.audio.vad.VoiceActivityDetectors;
import io.bonafide.detection.Analyzer;
import io.bonafide.detection.Detector;
import io.bonafide.detection.InstalledDetectors;
import java.util.List;
import java.util.function.Supplier;

/**
 * The {@code bonafide} command line: {@code bonafide analyze FILE …} ({@link AnalyzeCommand}) and
 * {@code bonafide evaluate OPERATION …} ({@link EvaluateCommand}).
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
            case "evaluate" -> new EvaluateCommand(analyzer).run(rest, System.out, System.err);
            default -> {
                System.err.println("usage: bonafide analyze FILE [--operations deepfake_detection,...] "
                        + "[--channel-mode split|mix] [--channels 0,1] [--start-time S] [--end-time S] "
                        + "[--raw-segmentation] [--embeddings]\n"
                        + "       bonafide evaluate OPERATION (--corpus DIR [--split eval] | --asvspoof PROTOCOL "
                        + "--audio DIR) --out DIR [--threads N]");
                yield AnalyzeCommand.INVALID;
            }
        };
    }

    private static Analyzer defaultAnalyzer() {
        return new Analyzer(AudioFrontEnd.standard(FrontEndOptions.DEFAULTS, VoiceActivityDetectors.create()),
                installedDetectors());
    }

    /** The detectors whose models are installed under the models directory. */
    static List<Detector> installedDetectors() {
        return InstalledDetectors.from(InstalledDetectors.modelsDirectory());
    }
}
