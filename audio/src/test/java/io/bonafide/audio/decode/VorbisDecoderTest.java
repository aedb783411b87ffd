package io.bonafide.audio.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.bonafide.audio.MediaException;
import io.bonafide.audio.decode.testing.Decoded;
import io.bonafide.audio.decode.testing.ExternalTools;
import io.bonafide.audio.decode.testing.FfmpegComparison;
import io.bonafide.audio.decode.testing.Fixtures;
import io.bonafide.core.ErrorType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Ogg Vorbis decoding against ffmpeg. jorbis and ffmpeg's native Vorbis decoder differ only in
 * float rounding, so we allow {@value #MAX_ABS} max and {@value #MAX_RMS} RMS difference
 * (measured: about 4e-7 and 6e-8), and the lengths must be equal.
 */
class VorbisDecoderTest {
    static final double MAX_ABS = 1e-4;
    static final double MAX_RMS = 1e-5;

    @TempDir
    Path dir;

    private Fixtures fixtures;

    @BeforeEach
    void setUp() {
        fixtures = new Fixtures(dir);
    }

    static Stream<Arguments> oggencSettings() {
        return Stream.of(
                arguments(8000, 1, "0"),
                arguments(22050, 2, "3"),
                arguments(44100, 1, "5"),
                arguments(44100, 2, "-1"),
                arguments(48000, 2, "8"),
                arguments(96000, 2, "4"));
    }

    @ParameterizedTest(name = "{0} Hz {1} ch q{2}")
    @MethodSource("oggencSettings")
    void shouldDecodeOggencVorbisLikeFfmpeg(int sampleRate, int channels, String quality) throws IOException {
        // Given an Ogg Vorbis file from the reference encoder
        Path ogg = fixtures.oggenc(fixtures.reference(sampleRate, channels, 1.0),
                sampleRate + "-" + channels + "-q" + quality + ".ogg", "-q", quality);

        // When / Then it decodes like ffmpeg, and the length is not announced up front
        Decoded decoded = FfmpegComparison.assertMatches(ogg, MAX_ABS, MAX_RMS);
        assertThat(decoded.info()).isEqualTo(new MediaInfo(MediaFormat.OGG, "vorbis", sampleRate, channels, -1));
    }

    @ParameterizedTest(name = "{0} channels")
    @ValueSource(ints = {3, 4, 5, 6, 7, 8})
    void shouldDecodeSurroundVorbisLikeFfmpegInWavChannelOrder(int channels) throws IOException {
        // Given a surround Ogg Vorbis file from ffmpeg's libvorbis (coupled, channels in Vorbis order)
        Path ogg = fixtures.ffmpeg(fixtures.reference(48000, channels, 0.5), "surround-" + channels + ".ogg",
                "-c:a", "libvorbis", "-q:a", "4");

        // When / Then it decodes like ffmpeg, which also hands channels out in WAV order
        Decoded decoded = FfmpegComparison.assertMatches(ogg, MAX_ABS, MAX_RMS);
        assertThat(decoded.info().channelCount()).isEqualTo(channels);
    }

    @Test
    void shouldDecodeWhatPrecedesTheCutOfATruncatedFile() throws IOException {
        // Given an Ogg Vorbis file cut in the middle of a page
        Path ogg = fixtures.oggenc(fixtures.reference(44100, 2, 2.0), "whole.ogg", "-q", "3");
        byte[] whole = Files.readAllBytes(ogg);
        float[] all = Decoded.of(ogg).samples();

        // When we decode its first 70%
        Decoded cut = Decoded.of(Arrays.copyOf(whole, whole.length * 7 / 10));

        // Then the audio before the cut comes out, the same as in the whole file
        assertThat(cut.frames()).isBetween(44100, 88200);
        assertThat(cut.samples()).containsExactly(Arrays.copyOf(all, cut.samples().length));
    }

    @Test
    void shouldDecodeOnlyTheFirstStreamOfAChainedFile() throws IOException {
        // Given two Ogg Vorbis files concatenated (a chain, as internet radio dumps produce)
        Path first = fixtures.oggenc(fixtures.reference(22050, 1, 0.5), "first.ogg", "-q", "2");
        Path second = fixtures.oggenc(fixtures.reference(22050, 1, 1.0), "second.ogg", "-q", "2");
        byte[] a = Files.readAllBytes(first);
        byte[] b = Files.readAllBytes(second);
        byte[] chained = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, chained, a.length, b.length);

        // When we decode the chain
        Decoded decoded = Decoded.of(chained);

        // Then we get the first link only: a documented limit (ffmpeg would go on)
        assertThat(decoded.samples()).containsExactly(Decoded.of(first).samples());
    }

    @Test
    void shouldRejectOggOpusAsUnsupported() throws IOException {
        // Given an Ogg Opus file
        assumeTrue(ExternalTools.ffmpegHasEncoder("libopus"), "ffmpeg has no libopus encoder");
        Path opus = fixtures.ffmpeg(fixtures.reference(48000, 2, 0.5), "speech.opus", "-c:a", "libopus");

        // When / Then
        assertThatThrownBy(() -> Decoded.of(opus)).isInstanceOfSatisfying(MediaException.class, e -> {
            assertThat(e.type()).isEqualTo(ErrorType.MEDIA_UNSUPPORTED_FORMAT);
            assertThat(e.context()).containsEntry("format", "ogg").containsEntry("codec", "opus");
        });
    }

    @Test
    void shouldRejectOggFlacAsUnsupported() throws IOException {
        // Given FLAC in an Ogg container
        Path oggFlac = fixtures.ffmpeg(fixtures.reference(44100, 1, 0.3), "flac.oga", "-c:a", "flac", "-f", "ogg");

        // When / Then
        assertThatThrownBy(() -> Decoded.of(oggFlac)).isInstanceOfSatisfying(MediaException.class, e -> {
            assertThat(e.type()).isEqualTo(ErrorType.MEDIA_UNSUPPORTED_FORMAT);
            assertThat(e.context()).containsEntry("codec", "flac");
        });
    }
}
