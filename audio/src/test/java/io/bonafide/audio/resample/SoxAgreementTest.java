package io.bonafide.audio.resample;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Compares the resampler with SoX's very-high-quality linear-phase {@code rate} effect on a
 * deterministic signal inside the passband, where both should be transparent. Skipped where
 * no {@code sox} binary is installed (CI installs it).
 */
class SoxAgreementTest {
    private static final Path SOX = Path.of("/usr/bin/sox");
    private static final int OUTPUT_RATE = 16_000;
    private static final int EDGE = 1000;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "from {0} Hz")
    @ValueSource(ints = {8000, 11_025, 22_050, 44_100, 48_000, 96_000})
    void shouldAgreeWithSoxWithinSixtyDecibelsInThePassband(int inputRate) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(SOX), "sox is not installed at " + SOX);

        // Given three seconds of tones and a chirp, all inside the band both resamplers keep flat
        float[] input = passbandSignal(inputRate, 3);

        // When SoX and our resampler both take it to 16 kHz
        float[] sox = soxResample(input, inputRate);
        float[] ours = CollectingSink.resample(inputRate, OUTPUT_RATE, input);

        // Then they produce as many samples, and agree to better than 60 dB SNR, sample for sample
        assertThat(ours).hasSameSizeAs(sox);
        double snr = snrDecibels(ours, sox, EDGE, ours.length - EDGE);
        System.out.printf(java.util.Locale.ROOT, "sox agreement %d Hz -> 16000 Hz: SNR %.1f dB%n", inputRate, snr);
        assertThat(snr).isGreaterThan(60);
    }

    /** Tones at 440 Hz and 0.35 of the band edge plus a chirp up to 0.8 of it, the band edge being min(in, out) / 2. */
    static float[] passbandSignal(int rate, int seconds) {
        double band = Math.min(rate, OUTPUT_RATE) / 2.0;
        double chirpTop = 0.8 * band;
        int length = rate * seconds;
        float[] x = new float[length];
        for (int i = 0; i < length; i++) {
            double t = (double) i / rate;
            double chirpPhase = 2 * Math.PI * (50 * t + (chirpTop - 50) * t * t / (2 * seconds));
            x[i] = (float) (0.2 * Math.sin(2 * Math.PI * 440 * t)
                    + 0.15 * Math.sin(2 * Math.PI * 0.35 * band * t + 1)
                    + 0.1 * Math.sin(chirpPhase));
        }
        return x;
    }

    /**
     * Runs {@code sox -D -t f32 -r IN -c 1 in.f32 -t f32 -r 16000 out.f32 rate -v 16k}: raw 32-bit float
     * in and out (no header to parse), no dither, very high quality, linear phase (SoX's default).
     */
    private float[] soxResample(float[] input, int inputRate) throws IOException, InterruptedException {
        Path in = dir.resolve("in.f32");
        Path out = dir.resolve("out.f32");
        ByteBuffer bytes = ByteBuffer.allocate(4 * input.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : input) {
            bytes.putFloat(v);
        }
        Files.write(in, bytes.array());
        Process sox = new ProcessBuilder(List.of(SOX.toString(), "-D", "-t", "f32", "-r", Integer.toString(inputRate),
                "-c", "1", in.toString(), "-t", "f32", "-r", Integer.toString(OUTPUT_RATE), out.toString(),
                "rate", "-v", "16k"))
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("sox.log").toFile())
                .start();
        assertThat(sox.waitFor()).as("sox exit status, log: %s", dir.resolve("sox.log")).isZero();
        FloatBuffer floats = ByteBuffer.wrap(Files.readAllBytes(out)).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
        float[] result = new float[floats.remaining()];
        floats.get(result);
        return result;
    }

    static double snrDecibels(float[] signal, float[] reference, int from, int to) {
        double power = 0;
        double error = 0;
        for (int i = from; i < to; i++) {
            power += (double) reference[i] * reference[i];
            double d = signal[i] - reference[i];
            error += d * d;
        }
        return 10 * Math.log10(power / error);
    }
}
