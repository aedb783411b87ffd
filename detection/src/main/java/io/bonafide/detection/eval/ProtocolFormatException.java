package io.bonafide.detection.eval;

import io.bonafide.core.BonafideException;
import io.bonafide.core.ErrorType;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A protocol file that cannot be read as an ASVspoof-style protocol. It lists every bad line with
 * its number and the reason rather than stopping at the first, because such files are edited by
 * hand and fixing them one error per run is tedious.
 */
public final class ProtocolFormatException extends BonafideException {
    private static final long serialVersionUID = 1L;

    /** One bad line: its 1-based number and what is wrong with it. */
    public record Problem(int line, String reason) {
        @Override
        public String toString() {
            return "line " + line + ": " + reason;
        }
    }

    private final transient List<Problem> problems;

    public ProtocolFormatException(Path file, List<Problem> problems) {
        super(ErrorType.REQUEST_INVALID,
                "protocol " + file + " has " + problems.size() + " malformed line(s): "
                        + problems.stream().limit(20).map(Problem::toString).collect(Collectors.joining("; ")),
                Map.of("file", String.valueOf(file)));
        this.problems = List.copyOf(problems);
    }

    /** Every malformed line, in file order. */
    public List<Problem> problems() {
        return problems;
    }
}
