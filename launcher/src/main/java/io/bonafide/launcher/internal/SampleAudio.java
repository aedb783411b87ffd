package io.bonafide.launcher.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The two samples the embedded default analyses when it is given no files: a genuine recording
 * (the longest of the first prompts of Debian's asterisk-core-sounds-en-wav, a source the corpus
 * may learn from, so the answer is a sanity check rather than an evaluation) and a synthetic one
 * (espeak-ng reading a fixed sentence). Either is skipped, with the reason, when its package is
 * not installed.
 */
public final class SampleAudio {
    static final List<Path> GENUINE_DIRS = List.of(Path.of("/usr/share/asterisk/sounds/en_US_f_Allison"),
            Path.of("/usr/share/asterisk/sounds/en"));
    private static final String SENTENCE = "Please listen carefully, as our menu options have recently changed. "
            + "For billing questions, press one. To speak with an agent, stay on the line.";

    private SampleAudio() {
    }

    /** A sample file with a label, or the reason it could not be made. */
    public record Sample(String label, Path file, String skipped) {
    }

    /** The genuine and the synthetic sample, each made (or located) under {@code dir}. */
    public static List<Sample> make(Path dir) {
        List<Sample> samples = new ArrayList<>();
        samples.add(genuine().map(f -> new Sample("genuine sample", f, null))
                .orElse(new Sample("genuine sample", null,
                        "no genuine sample: install asterisk-core-sounds-en-wav, or pass files")));
        samples.add(synthetic(dir));
        return samples;
    }

    private static Optional<Path> genuine() {
        for (Path dir : GENUINE_DIRS) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            // The largest of the first 40 prompts in name order: deterministic, and at least a few seconds long.
            try (Stream<Path> files = Files.list(dir)) {
                List<Path> prompts = files.filter(p -> p.getFileName().toString().endsWith(".wav"))
                        .sorted().limit(40).toList();
                return prompts.stream().max(Comparator.comparingLong(SampleAudio::size));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + dir, e);
            }
        }
        return Optional.empty();
    }

    private static Sample synthetic(Path dir) {
        Path out = dir.resolve("synthetic-espeak-ng.wav");
        try {
            Files.createDirectories(dir);
            Process process = new ProcessBuilder("espeak-ng", "-v", "en-us", "-w", out.toString(), SENTENCE)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0 || !Files.isRegularFile(out)) {
                process.destroyForcibly();
                return new Sample("synthetic sample", null, "espeak-ng failed to synthesise the sample");
            }
            return new Sample("synthetic sample (espeak-ng)", out, null);
        } catch (IOException e) {
            return new Sample("synthetic sample", null, "no synthetic sample: install espeak-ng, or pass files");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Sample("synthetic sample", null, "interrupted");
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }
}
