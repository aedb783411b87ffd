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
 * The {@code bonafide} command line: {@code bonafide analyze FILE …} (see {@link AnalyzeCommand}).
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
        if (args.isEmpty() || !args.get(0).equals("analyze")) {
            System.err.println("usage: bonafide analyze FILE [--operations deepfake_detection,...] "
                    + "[--channel-mode split|mix] [--channels 0,1] [--start-time S] [--end-time S] "
                    + "[--raw-segmentation] [--embeddings]");
            return AnalyzeCommand.INVALID;
        }
        return new AnalyzeCommand(analyzer).run(args.subList(1, args.size()), System.out, System.err);
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
