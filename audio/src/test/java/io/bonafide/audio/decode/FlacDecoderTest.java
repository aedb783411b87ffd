package io.bonafide.audio.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.bonafide.audio.MediaException;
import io.bonafide.audio.decode.testing.Decoded;
import io.bonafide.audio.decode.testing.FfmpegComparison;
import io.bonafide.audio.decode.testing.Fixtures;
import io.bonafide.audio.decode.testing.Id3v2;
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

/** FLAC decoding against ffmpeg: sample sizes, layouts, both encoders, metadata and damage. */
class FlacDecoderTest {
    @TempDir
    Path dir;

    private Fixtures fixtures;

    @BeforeEach
    void setUp() {
        fixtures = new Fixtures(dir);
    }

    static Stream<Arguments> ffmpegLayouts() {
        return Stream.of(
                arguments(16, 8000, 1),
                arguments(16, 44100, 2),
                arguments(16, 96000, 6),
                arguments(24, 22050, 1),
                arguments(24, 48000, 2),
                arguments(24, 96000, 6));
    }

    @ParameterizedTest(name = "{0}-bit {1} Hz {2} ch")
    @MethodSource("ffmpegLayouts")
    void shouldDecodeFfmpegFlacLikeFfmpeg(int bits, int sampleRate, int channels) throws IOException {
        // Given a FLAC file ffmpeg encoded at this sample size
        Path flac = fixtures.ffmpeg(fixtures.reference(sampleRate, channels, 0.5),
                bits + "-" + sampleRate + "-" + channels + ".flac", "-c:a", "flac", "-sample_fmt", bits == 16 ? "s16" : "s32");
        assertThat(streamInfoBits(Files.readAllBytes(flac))).isEqualTo(bits);

        // When / Then it decodes sample for sample like ffmpeg, its length known from STREAMINFO
        Decoded decoded = FfmpegComparison.assertMatchesLosslessly(flac);
        assertThat(decoded.info()).isEqualTo(new MediaInfo(MediaFormat.FLAC, "flac", sampleRate, channels,
                Math.round(sampleRate * 0.5)));
    }

    @ParameterizedTest(name = "{0}-bit")
    @MethodSource("referenceEncoderSizes")
    void shouldDecodeReferenceEncoderFlacLikeFfmpeg(int bits) throws IOException {
        // Given a FLAC file from libFLAC's own encoder, at maximum compression, padded and tagged
        Path wav = fixtures.sox(fixtures.reference(44100, 2, 0.5), "pcm" + bits + ".wav", "-b", String.valueOf(bits));
        Path flac = fixtures.flac(wav, bits + ".flac", "-8", "--padding=70000", "--tag=TITLE=test");

        // When / Then it decodes like ffmpeg
        FfmpegComparison.assertMatchesLosslessly(flac);
    }

    static Stream<Integer> referenceEncoderSizes() {
        return Stream.of(8, 16, 24);
    }

    @Test
    void shouldDecodeFlacBehindAnId3v2Tag() throws IOException {
        // Given a FLAC file with an ID3v2 tag glued in front (some taggers do this)
        Path plain = fixtures.ffmpeg(fixtures.reference(22050, 2, 0.3), "plain.flac", "-c:a", "flac");
        byte[] tagged = Id3v2.prepend(Files.readAllBytes(plain), 5000);
        Path flac = fixtures.write("tagged.flac", tagged);

        // When we decode it
        Decoded decoded = FfmpegComparison.assertMatchesLosslessly(flac);

        // Then the tag made no difference
        assertThat(decoded.info().format()).isEqualTo(MediaFormat.FLAC);
        assertThat(decoded.samples()).containsExactly(Decoded.of(plain).samples());
    }

    @Test
    void shouldDecodeTheCompleteFramesOfATruncatedFile() throws IOException {
        // Given a FLAC file cut in the middle of its frames
        Path flac = fixtures.ffmpeg(fixtures.reference(44100, 2, 1.0), "whole.flac", "-c:a", "flac");
        byte[] whole = Files.readAllBytes(flac);
        float[] all = Decoded.of(flac).samples();

        // When we decode the first 60% of it
        Decoded cut = Decoded.of(Arrays.copyOf(whole, whole.length * 6 / 10));

        // Then a whole number of frames comes out, equal to the start of the full decoding
        assertThat(cut.frames()).isGreaterThan(0).isLessThan(44100);
        assertThat(cut.samples()).containsExactly(Arrays.copyOf(all, cut.samples().length));
    }

    @Test
    void shouldRejectThirtyTwoBitFlacAsUnsupported() throws IOException {
        // Given a 32-bit FLAC file (valid since libFLAC 1.4)
        Path wav = fixtures.sox(fixtures.reference(8000, 1, 0.2), "pcm32.wav", "-b", "32", "-e", "signed-integer");
        Path flac = fixtures.flac(wav, "32.flac");

        // When / Then
        assertThatThrownBy(() -> Decoded.of(flac)).isInstanceOfSatisfying(MediaException.class, e -> {
            assertThat(e.type()).isEqualTo(ErrorType.MEDIA_UNSUPPORTED_FORMAT);
            assertThat(e.context()).containsEntry("bitsPerSample", "32");
        });
    }

    @Test
    void shouldRejectAFileWithoutStreamInfo() {
        // Given "fLaC" followed by a lone padding block
        byte[] bytes = {'f', 'L', 'a', 'C', (byte) 0x81, 0, 0, 4, 0, 0, 0, 0};

        // When / Then
        assertThatThrownBy(() -> Decoded.of(bytes)).isInstanceOfSatisfying(MediaException.class,
                e -> assertThat(e.type()).isEqualTo(ErrorType.MEDIA_UNDECODABLE));
    }

    @Test
    void shouldRejectAStreamInfoWithAZeroSampleRate() throws IOException {
        // Given a valid file whose STREAMINFO sample rate is zeroed
        byte[] bytes = Files.readAllBytes(fixtures.ffmpeg(fixtures.reference(8000, 1, 0.1), "rate.flac", "-c:a", "flac"));
        bytes[8 + 10] = 0;
        bytes[8 + 11] = 0;
        bytes[8 + 12] &= 0x0f;

        // When / Then
        assertThatThrownBy(() -> Decoded.of(bytes)).isInstanceOfSatisfying(MediaException.class,
                e -> assertThat(e.type()).isEqualTo(ErrorType.MEDIA_UNDECODABLE));
    }

    private static int streamInfoBits(byte[] flac) {
        return ((flac[8 + 12] & 1) << 4 | (flac[8 + 13] & 0xff) >> 4) + 1;
    }
}
