package io.bonafide.audio;

import io.bonafide.audio.features.LogMelSpectrogram;
import io.bonafide.audio.resample.Resamplers;
import io.bonafide.audio.select.Selection;
import io.bonafide.audio.vad.VoiceActivityDetector;
import io.bonafide.audio.vad.VoiceActivityDetectors;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The whole front end on a 44.1 kHz stereo FLAC: decode, split both channels, resample each to
 * 16 kHz and compute 80-band log-mel frames; with no voice-activity detection (the path the issue
 * names), with the energy detector, and with Silero. One invocation analyses 10 s of audio, so
 * scores are milliseconds per second of stereo audio; the real-time factor per core is 1000 / score.
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.AverageTime, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class FrontEndBenchmark {
    private static final int RATE = 44_100;
    private static final int SECONDS = 10;
    private static final VoiceActivityDetector NO_VOICE_ACTIVITY = VoiceActivityDetector.none();

    private final LogMelSpectrogram logMel = LogMelSpectrogram.standard();
    private byte[] flac;
    private AudioFrontEnd withoutVad;
    private AudioFrontEnd withVad;

    @Setup
    public void encodeSpeechLikeStereoFlac() throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("frontend-bench");
        Path wav = dir.resolve("in.wav");
        Path out = dir.resolve("in.flac");
        Files.write(wav, speechLikeStereoWav());
        Process ffmpeg = new ProcessBuilder("ffmpeg", "-nostdin", "-v", "error", "-y", "-i", wav.toString(),
                "-c:a", "flac", "-sample_fmt", "s16", out.toString()).inheritIO().start();
        if (ffmpeg.waitFor() != 0) {
            throw new IllegalStateException("ffmpeg failed to encode the benchmark FLAC");
        }
        flac = Files.readAllBytes(out);
        withoutVad = new AudioFrontEnd(FrontEndOptions.DEFAULTS, rate -> Resamplers.create(rate, 16_000),
                () -> NO_VOICE_ACTIVITY, "none");
        VoiceActivityDetectors detectors = VoiceActivityDetectors.create();
        withVad = AudioFrontEnd.standard(FrontEndOptions.DEFAULTS, detectors);
    }

    @Benchmark
    @OperationsPerInvocation(SECONDS)
    public FrontEndResult flacStereoToLogMel(Blackhole blackhole) {
        return analyse(withoutVad, blackhole);
    }

    @Benchmark
    @OperationsPerInvocation(SECONDS)
    public FrontEndResult flacStereoToLogMelWithVoiceActivity(Blackhole blackhole) {
        return analyse(withVad, blackhole);
    }

    private FrontEndResult analyse(AudioFrontEnd frontEnd, Blackhole blackhole) {
        return frontEnd.analyse(new ByteArrayInputStream(flac), Selection.all(),
                channel -> ChannelAnalysis.features(logMel.stream(blackhole::consume)));
    }

    /** Harmonic tones with syllable-rate amplitude modulation plus a little noise, seeded. */
    private static byte[] speechLikeStereoWav() {
        int frames = RATE * SECONDS;
        ByteBuffer wav = ByteBuffer.allocate(44 + frames * 4).order(ByteOrder.LITTLE_ENDIAN);
        wav.put("RIFF".getBytes()).putInt(36 + frames * 4).put("WAVE".getBytes());
        wav.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 2).putInt(RATE)
                .putInt(RATE * 4).putShort((short) 4).putShort((short) 16);
        wav.put("data".getBytes()).putInt(frames * 4);
        SplittableRandom random = new SplittableRandom(44_100);
        for (int i = 0; i < frames; i++) {
            double t = (double) i / RATE;
            double envelope = 0.5 + 0.5 * Math.sin(2 * Math.PI * 4 * t);
            for (int channel = 0; channel < 2; channel++) {
                double f0 = channel == 0 ? 120 : 210;
                double voice = 0;
                for (int h = 1; h <= 12; h++) {
                    voice += Math.sin(2 * Math.PI * f0 * h * t) / h;
                }
                double sample = 0.25 * envelope * voice + 0.01 * (random.nextDouble() * 2 - 1);
                wav.putShort((short) Math.max(-32768, Math.min(32767, Math.round(sample * 32767))));
            }
        }
        return wav.array();
    }
}
