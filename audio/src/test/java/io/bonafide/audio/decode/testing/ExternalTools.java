package io.bonafide.audio.decode.testing;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The reference tools the decoder tests lean on (ffmpeg, sox, flac, oggenc, lame): whether they
 * are installed, running them with a deadline, and ffmpeg's own f32 decoding of a file, which
 * is what our decoders are measured against. Output goes through files, never pipes, so a chatty
 * tool cannot block.
 */
public final class ExternalTools {
    private static final long TIMEOUT_SECONDS = 60;
    private static final Map<String, Boolean> AVAILABLE = new ConcurrentHashMap<>();

    private ExternalTools() {
    }

    /** Whether {@code tool} runs here. */
    public static boolean available(String tool) {
        return AVAILABLE.computeIfAbsent(tool, t -> {
            try {
                Process process = new ProcessBuilder(t, t.equals("ffmpeg") ? "-version" : "--version")
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                return process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS) && process.exitValue() == 0;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        });
    }

    /** Whether this ffmpeg can encode with {@code encoder} (e.g. libopus). */
    public static boolean ffmpegHasEncoder(String encoder) throws IOException {
        if (!available("ffmpeg")) {
            return false;
        }
        Path out = Files.createTempFile("ffmpeg-encoders", ".txt");
        try {
            run(out, "ffmpeg", "-hide_banner", "-encoders");
            return Files.readString(out, StandardCharsets.UTF_8).contains(" " + encoder + " ");
        } finally {
            Files.deleteIfExists(out);
        }
    }

    /** Runs {@code command}; stdout goes to {@code stdout} (or is discarded when null). */
    public static void run(Path stdout, String... command) throws IOException {
        File errors = File.createTempFile("tool-stderr", ".txt");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectError(errors)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            builder.redirectOutput(stdout == null ? ProcessBuilder.Redirect.DISCARD
                    : ProcessBuilder.Redirect.to(stdout.toFile()));
            Process process = builder.start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("timed out: " + String.join(" ", command));
            }
            if (process.exitValue() != 0) {
                throw new IOException("exit " + process.exitValue() + ": " + String.join(" ", command) + "\n"
                        + Files.readString(errors.toPath(), StandardCharsets.UTF_8));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + String.join(" ", command), e);
        } finally {
            Files.deleteIfExists(errors.toPath());
        }
    }

    /** Runs ffmpeg quietly, overwriting outputs: {@code ffmpeg -v error -y ARGS}. */
    public static void ffmpeg(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("ffmpeg", "-nostdin", "-v", "error", "-y"));
        command.addAll(List.of(args));
        run(null, command.toArray(String[]::new));
    }

    /** ffmpeg's decoding of {@code file} to interleaved f32, native rate and channel count. */
    public static float[] ffmpegDecode(Path file) throws IOException {
        Path raw = Files.createTempFile(file.getParent(), "ffmpeg-decoded", ".f32");
        try {
            run(raw, "ffmpeg", "-nostdin", "-v", "error", "-i", file.toString(), "-f", "f32le", "-acodec", "pcm_f32le", "-");
            try (InputStream in = Files.newInputStream(raw)) {
                byte[] bytes = in.readAllBytes();
                ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
                float[] samples = new float[bytes.length / 4];
                buffer.asFloatBuffer().get(samples);
                return samples;
            }
        } finally {
            Files.deleteIfExists(raw);
        }
    }
}
