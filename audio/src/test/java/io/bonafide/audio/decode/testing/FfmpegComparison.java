package io.bonafide.audio.decode.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Decodes a file with our decoders and with ffmpeg and checks that they agree: same channel
 * count (ffmpeg's raw output carries none, so the length must split evenly), same number of
 * samples, and differences within the stated tolerance. Prints the measured differences, which
 * are the numbers docs/audio-decoding.md reports.
 */
public final class FfmpegComparison {
    /** The bound for lossless codecs: any real disagreement is orders of magnitude larger. */
    public static final double LOSSLESS_MAX_ABS = 1e-4;

    private FfmpegComparison() {
    }

    /** Asserts agreement within {@code maxAbs} and {@code maxRms}; returns our decoding. */
    public static Decoded assertMatches(Path file, double maxAbs, double maxRms) throws IOException {
        Decoded ours = Decoded.of(file);
        float[] reference = ExternalTools.ffmpegDecode(file);
        Difference difference = Difference.between(ours.samples(), reference);
        System.out.printf(Locale.ROOT, "vs ffmpeg %s %s %d Hz %d ch: %s%n", file.getFileName(), ours.info().codec(),
                ours.info().sampleRate(), ours.info().channelCount(), difference);
        assertThat(ours.samples().length).as("samples of %s", file.getFileName()).isEqualTo(reference.length);
        assertThat(difference.maxAbs()).as("max abs difference of %s", file.getFileName()).isLessThanOrEqualTo(maxAbs);
        assertThat(difference.rms()).as("rms difference of %s", file.getFileName()).isLessThanOrEqualTo(maxRms);
        return ours;
    }

    /** Lossless agreement: max abs difference within {@link #LOSSLESS_MAX_ABS}. */
    public static Decoded assertMatchesLosslessly(Path file) throws IOException {
        return assertMatches(file, LOSSLESS_MAX_ABS, LOSSLESS_MAX_ABS);
    }
}
