package io.bonafide.audio.vad.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Speech made at test time with espeak-ng (22 050 Hz) and converted to 16 kHz mono 16-bit by sox,
 * as DATA.md allows; generated audio is never committed. Both tools must be installed (CI does
 * {@code apt-get install espeak-ng sox}); a missing tool fails the test with that instruction
 * rather than skipping it, so that the speech cases cannot silently stop running.
 */
final class SynthesizedSpeech {
    /** Samples per second of what {@link #synthesize} returns. */
    static final int SAMPLE_RATE = 16_000;
    /** Level (of full scale) under which the clip's leading and trailing samples are taken as silence. */
    private static final float SPEECH_EDGE = 0.01f;
    private static final long TOOL_TIMEOUT_SECONDS = 60;

    private SynthesizedSpeech() {
    }

    /** {@code text} spoken by espeak-ng's en-us voice, at 16 kHz, with the files kept in {@code dir}. */
    static float[] synthesize(String text, Path dir, String name) throws IOException, InterruptedException {
        Path native22k = dir.resolve(name + "-22050.wav");
        Path resampled = dir.resolve(name + "-16000.wav");
        Path log = dir.resolve(name + ".log");
        run(List.of("espeak-ng", "-v", "en-us", "-w", native22k.toString(), text), log);
        run(List.of("sox", native22k.toString(), "-r", Integer.toString(SAMPLE_RATE), "-c", "1", "-b", "16",
                resampled.toString()), log);
        return Pcm16Wav.read(resampled, SAMPLE_RATE);
    }

    /**
     * Seconds from the first to the last sample reaching 1 % of full scale: the duration a voice
     * detector should find, without the silence espeak-ng leaves around the words.
     */
    static double spokenSeconds(float[] speech) {
        int first = 0;
        while (first < speech.length && Math.abs(speech[first]) < SPEECH_EDGE) {
            first++;
        }
        int last = speech.length - 1;
        while (last > first && Math.abs(speech[last]) < SPEECH_EDGE) {
            last--;
        }
        return (last - first + 1) / (double) SAMPLE_RATE;
    }

    private static void run(List<String> command, Path log) throws IOException, InterruptedException {
        Process process;
        try {
            // Output goes to a file, not a pipe, so that waitFor's timeout cannot be defeated by a blocked read.
            process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new IOException("cannot run " + command.get(0)
                    + ": the speech tests need espeak-ng and sox (apt-get install -y espeak-ng sox)", e);
        }
        if (!process.waitFor(TOOL_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException(command.get(0) + " did not finish within " + TOOL_TIMEOUT_SECONDS + " s");
        }
        if (process.exitValue() != 0) {
            throw new IOException(command + " exited with " + process.exitValue() + ": "
                    + Files.readString(log, StandardCharsets.UTF_8));
        }
    }
}
