package io.bonafide.detection.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.bonafide.audio.MediaException;
import io.bonafide.audio.select.ChannelMode;
import io.bonafide.audio.select.Selection;
import io.bonafide.core.BonafideException;
import io.bonafide.core.ErrorType;
import io.bonafide.detection.AnalysisRequest;
import io.bonafide.detection.AnalysisResult;
import io.bonafide.detection.Analyzer;
import io.bonafide.detection.Operation;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.Supplier;

/**
 * {@code bonafide analyze FILE [--operations a,b] [--channel-mode split|mix] [--channels 0,1]
 * [--start-time S] [--end-time S] [--raw-segmentation] [--embeddings]}: analyses one file without
 * Kafka and prints the SPEC 2 result JSON on standard output, or the SPEC error body on standard
 * error. Exit status: 0 done, 2 invalid arguments, 3 media rejected, 1 internal failure.
 */
public final class AnalyzeCommand {
    public static final int OK = 0;
    public static final int INTERNAL = 1;
    public static final int INVALID = 2;
    public static final int REJECTED = 3;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Supplier<Analyzer> analyzer;

    /** @param analyzer built on first use, so that argument errors answer without loading models */
    public AnalyzeCommand(Supplier<Analyzer> analyzer) {
        this.analyzer = analyzer;
    }

    /** Runs the command; never throws, answers with an exit status. */
    public int run(List<String> args, PrintStream out, PrintStream err) {
        try {
            Arguments parsed = Arguments.parse(args);
            AnalysisResult result;
            try (InputStream audio = Files.newInputStream(parsed.file())) {
                result = analyzer.get().analyse(audio, parsed.request());
            } catch (NoSuchFileException e) {
                throw new BonafideException(ErrorType.RESOURCE_NOT_FOUND, "no such file: " + parsed.file(),
                        Map.of("location", "file"));
            }
            out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(ResultJson.render(result, Map.of())));
            return OK;
        } catch (MediaException e) {
            print(err, e);
            return REJECTED;
        } catch (BonafideException e) {
            print(err, e);
            return e.type() == ErrorType.REQUEST_VALIDATION_ERROR || e.type() == ErrorType.REQUEST_INVALID
                    || e.type() == ErrorType.RESOURCE_NOT_FOUND ? INVALID : INTERNAL;
        } catch (IOException | UncheckedIOException e) {
            print(err, new BonafideException(ErrorType.INTERNAL, "could not read the file: " + e.getMessage(), Map.of()));
            return INTERNAL;
        }
    }

    private static void print(PrintStream err, BonafideException failure) {
        try {
            err.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(ResultJson.error(failure)));
        } catch (IOException e) {
            err.println(failure.type().wireName() + ": " + failure.getMessage());
        }
    }

    /** The parsed command line. */
    record Arguments(Path file, AnalysisRequest request) {

        static Arguments parse(List<String> args) {
            Path file = null;
            List<Operation> operations = new ArrayList<>();
            ChannelMode mode = ChannelMode.SPLIT;
            List<Integer> channels = List.of();
            OptionalDouble start = OptionalDouble.empty();
            OptionalDouble end = OptionalDouble.empty();
            boolean raw = false;
            boolean embeddings = false;
            for (int i = 0; i < args.size(); i++) {
                String arg = args.get(i);
                switch (arg) {
                    case "--operations" -> {
                        for (String name : value(args, ++i, arg).split(",")) {
                            operations.add(Operation.fromApiName(name.trim()));
                        }
                    }
                    case "--channel-mode" -> mode = channelMode(value(args, ++i, arg));
                    case "--channels" -> channels = channels(value(args, ++i, arg));
                    case "--start-time" -> start = OptionalDouble.of(seconds(value(args, ++i, arg), "start_time"));
                    case "--end-time" -> end = OptionalDouble.of(seconds(value(args, ++i, arg), "end_time"));
                    case "--raw-segmentation" -> raw = true;
                    case "--embeddings" -> embeddings = true;
                    default -> {
                        if (arg.startsWith("--") || file != null) {
                            throw invalid(arg.startsWith("--") ? "unknown option " + arg : "only one FILE is analysed",
                                    arg.startsWith("--") ? arg.substring(2) : "file");
                        }
                        file = Path.of(arg);
                    }
                }
            }
            if (file == null) {
                throw new BonafideException(ErrorType.REQUEST_INVALID, "usage: bonafide analyze FILE [--operations a,b] "
                        + "[--channel-mode split|mix] [--channels 0,1] [--start-time S] [--end-time S] "
                        + "[--raw-segmentation] [--embeddings]", Map.of("location", "file"));
            }
            if (operations.isEmpty()) {
                operations = List.of(Operation.values());
            }
            Selection selection;
            try {
                selection = new Selection(mode, channels, start, end);
            } catch (MediaException e) {
                // A bad range or channel in the arguments is the caller's mistake, not the file's.
                throw new BonafideException(ErrorType.REQUEST_VALIDATION_ERROR, e.plainMessage(), e.context(), e);
            }
            return new Arguments(file, new AnalysisRequest(operations, selection, raw, embeddings));
        }

        private static String value(List<String> args, int index, String option) {
            if (index >= args.size()) {
                throw invalid(option + " needs a value", option.substring(2));
            }
            return args.get(index);
        }

        private static ChannelMode channelMode(String value) {
            return switch (value.toLowerCase(Locale.ROOT)) {
                case "split" -> ChannelMode.SPLIT;
                case "mix" -> ChannelMode.MIX;
                default -> throw invalid("channel_mode must be split or mix, was '" + value + "'", "channel_mode");
            };
        }

        private static List<Integer> channels(String value) {
            if (value.isEmpty()) {
                return List.of();
            }
            List<Integer> parsed = new ArrayList<>();
            for (String part : value.split(",", -1)) {
                if (!part.matches("\\d{1,4}")) {
                    throw invalid("channels must be 0-based indices separated by commas, was '" + value + "'", "channels");
                }
                parsed.add(Integer.parseInt(part));
            }
            return parsed;
        }

        private static double seconds(String value, String name) {
            try {
                double seconds = Double.parseDouble(value);
                if (seconds >= 0 && Double.isFinite(seconds)) {
                    return seconds;
                }
            } catch (NumberFormatException e) {
                // reported below with the parameter's name
            }
            throw invalid(name + " must be a number of seconds >= 0, was '" + value + "'", name);
        }

        private static BonafideException invalid(String message, String parameter) {
            return new BonafideException(ErrorType.REQUEST_VALIDATION_ERROR, message,
                    Map.of("location", "query." + parameter.replace('-', '_')));
        }
    }
}
