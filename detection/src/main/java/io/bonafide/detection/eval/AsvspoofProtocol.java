package io.bonafide.detection.eval;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An external corpus laid out like ASVspoof: a protocol file whose whitespace-separated lines read
 * {@code SPEAKER UTTERANCE - SYSTEM LABEL} (utterance id in column 2, system or attack id in
 * column 4, {@code bonafide}/{@code spoof} in the last column), beside a folder of
 * {@code <utterance>.flac}. Blank lines and {@code #} comments are skipped; every other line must
 * parse, or a {@link ProtocolFormatException} lists all bad lines at once. Entries keep their
 * line numbers so that a problem found later (a missing file) can still point into the protocol.
 */
public final class AsvspoofProtocol {

    /** Attribute key under which the speaker id travels into {@link LabelledScores}. */
    public static final String SPEAKER = "speaker";
    /** Attribute key of the system (attack) id; absent for genuine trials marked {@code -}. */
    public static final String SYSTEM = "system";

    private static final int MIN_COLUMNS = 5;

    /** One protocol line. {@code system} is empty where the protocol says {@code -}. */
    public record Entry(int line, String speaker, String utterance, Optional<String> system, LabelledScores.Label label) {
        public Entry {
            Objects.requireNonNull(speaker, "speaker");
            Objects.requireNonNull(utterance, "utterance");
            Objects.requireNonNull(system, "system");
            Objects.requireNonNull(label, "label");
        }
    }

    /**
     * Where each utterance's audio is, and which utterances have none.
     *
     * @param files audio file per utterance id, in protocol order
     * @param missing entries whose file does not exist, in protocol order
     */
    public record Resolution(Map<String, Path> files, List<Entry> missing) {
        public Resolution {
            files = Collections.unmodifiableMap(new LinkedHashMap<>(files));
            missing = List.copyOf(missing);
        }

        public boolean complete() {
            return missing.isEmpty();
        }
    }

    private final Path file;
    private final List<Entry> entries;

    private AsvspoofProtocol(Path file, List<Entry> entries) {
        this.file = file;
        this.entries = List.copyOf(entries);
    }

    /** Reads and checks a protocol file (UTF-8). */
    public static AsvspoofProtocol read(Path protocolFile) {
        List<String> lines;
        try {
            lines = Files.readAllLines(protocolFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read protocol " + protocolFile, e);
        }
        return parse(protocolFile, lines);
    }

    /** Parses protocol lines; {@code source} only names the file in messages. */
    public static AsvspoofProtocol parse(Path source, List<String> lines) {
        List<Entry> entries = new ArrayList<>();
        List<ProtocolFormatException.Problem> problems = new ArrayList<>();
        Map<String, Integer> firstLineOfUtterance = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            int lineNumber = i + 1;
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] columns = line.split("\\s+");
            if (columns.length < MIN_COLUMNS) {
                problems.add(new ProtocolFormatException.Problem(lineNumber,
                        "expected at least " + MIN_COLUMNS + " columns (SPEAKER UTTERANCE - SYSTEM LABEL), found " + columns.length));
                continue;
            }
            String labelName = columns[columns.length - 1];
            Optional<LabelledScores.Label> label = LabelledScores.Label.fromAsvspoofName(labelName);
            if (label.isEmpty()) {
                problems.add(new ProtocolFormatException.Problem(lineNumber,
                        "last column must be bonafide or spoof, was '" + labelName + "'"));
                continue;
            }
            String utterance = columns[1];
            Integer earlier = firstLineOfUtterance.putIfAbsent(utterance, lineNumber);
            if (earlier != null) {
                problems.add(new ProtocolFormatException.Problem(lineNumber,
                        "utterance " + utterance + " already listed on line " + earlier));
                continue;
            }
            String system = columns[3];
            entries.add(new Entry(lineNumber, columns[0], utterance,
                    "-".equals(system) ? Optional.empty() : Optional.of(system), label.get()));
        }
        if (!problems.isEmpty()) {
            throw new ProtocolFormatException(source, problems);
        }
        return new AsvspoofProtocol(source, entries);
    }

    public Path file() {
        return file;
    }

    public List<Entry> entries() {
        return entries;
    }

    /** Finds {@code <utterance>.flac} under the audio folder for every entry. */
    public Resolution resolve(Path audioDirectory) {
        Map<String, Path> files = new LinkedHashMap<>();
        List<Entry> missing = new ArrayList<>();
        for (Entry entry : entries) {
            Path audio = audioDirectory.resolve(entry.utterance() + ".flac");
            if (Files.isRegularFile(audio)) {
                files.put(entry.utterance(), audio);
            } else {
                missing.add(entry);
            }
        }
        return new Resolution(files, missing);
    }

    /**
     * Joins detector scores (by utterance id) to the protocol's labels. Every entry needs a
     * score: silently evaluating a subset would make the reported figures describe a different
     * split than the one named.
     */
    public LabelledScores withScores(Map<String, Double> scoresByUtterance) {
        List<LabelledScores.Trial> trials = new ArrayList<>(entries.size());
        List<String> unscored = new ArrayList<>();
        for (Entry entry : entries) {
            Double score = scoresByUtterance.get(entry.utterance());
            if (score == null) {
                unscored.add(entry.utterance());
                continue;
            }
            Map<String, String> attributes = new LinkedHashMap<>();
            attributes.put(SPEAKER, entry.speaker());
            entry.system().ifPresent(s -> attributes.put(SYSTEM, s));
            trials.add(new LabelledScores.Trial(entry.utterance(), entry.label(), score, attributes));
        }
        if (!unscored.isEmpty()) {
            throw new IllegalArgumentException(unscored.size() + " utterance(s) of " + file
                    + " have no score, first: " + unscored.subList(0, Math.min(5, unscored.size())));
        }
        return LabelledScores.of(trials);
    }
}
