package io.bonafide.audio.decode.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Test files made at test time: Java writes a float WAV of {@link TestSignal}, the installed
 * encoders turn it into the file under test. Tests that need a tool that is missing are skipped
 * (an assumption), never failed.
 */
public final class Fixtures {
    private final Path dir;

    public Fixtures(Path dir) {
        this.dir = dir;
    }

    /**
     * Skips the calling test unless every one of {@code tools} is installed; under CI (where
     * .ci/run installs them) a missing tool fails instead, so the suite cannot pass by skipping.
     */
    public static void require(String... tools) {
        for (String tool : tools) {
            requireThat(ExternalTools.available(tool), tool + " is not installed");
        }
    }

    /** Skips the calling test when {@code condition} is false, or fails it under CI. */
    public static void requireThat(boolean condition, String why) {
        if (System.getenv("CI") != null) {
            assertTrue(condition, why + " (CI installs it: see .ci/run)");
        }
        assumeTrue(condition, why);
    }

    /** The reference float WAV of {@code seconds} of the test signal. */
    public Path reference(int sampleRate, int channels, double seconds) throws IOException {
        Path file = dir.resolve("reference-" + sampleRate + "-" + channels + "-" + seconds + ".wav");
        if (!Files.exists(file)) {
            Files.write(file, WavBytes.floatWav(TestSignal.interleaved(sampleRate, channels, seconds, 42),
                    channels, sampleRate));
        }
        return file;
    }

    /** {@code ffmpeg -i reference OPTIONS name}. */
    public Path ffmpeg(Path reference, String name, String... options) throws IOException {
        require("ffmpeg");
        Path out = dir.resolve(name);
        List<String> args = new ArrayList<>(List.of("-i", reference.toString()));
        args.addAll(List.of(options));
        args.add(out.toString());
        ExternalTools.ffmpeg(args.toArray(String[]::new));
        return out;
    }

    /** {@code lame --quiet OPTIONS reference name}. */
    public Path lame(Path reference, String name, String... options) throws IOException {
        require("lame", "ffmpeg");
        Path out = dir.resolve(name);
        List<String> command = new ArrayList<>(List.of("lame", "--quiet"));
        command.addAll(List.of(options));
        command.add(reference.toString());
        command.add(out.toString());
        ExternalTools.run(null, command.toArray(String[]::new));
        return out;
    }

    /** {@code oggenc --quiet OPTIONS -o name reference}. */
    public Path oggenc(Path reference, String name, String... options) throws IOException {
        require("oggenc", "ffmpeg");
        Path out = dir.resolve(name);
        List<String> command = new ArrayList<>(List.of("oggenc", "--quiet"));
        command.addAll(List.of(options));
        command.addAll(List.of("-o", out.toString(), reference.toString()));
        ExternalTools.run(null, command.toArray(String[]::new));
        return out;
    }

    /** {@code flac --silent OPTIONS -o name input}. */
    public Path flac(Path input, String name, String... options) throws IOException {
        require("flac", "ffmpeg");
        Path out = dir.resolve(name);
        List<String> command = new ArrayList<>(List.of("flac", "--silent", "--force"));
        command.addAll(List.of(options));
        command.addAll(List.of("-o", out.toString(), input.toString()));
        ExternalTools.run(null, command.toArray(String[]::new));
        return out;
    }

    /** {@code sox input OPTIONS name}. */
    public Path sox(Path input, String name, String... options) throws IOException {
        require("sox", "ffmpeg");
        Path out = dir.resolve(name);
        List<String> command = new ArrayList<>(List.of("sox", input.toString()));
        command.addAll(List.of(options));
        command.add(out.toString());
        ExternalTools.run(null, command.toArray(String[]::new));
        return out;
    }

    /** A file holding {@code bytes}. */
    public Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }
}
