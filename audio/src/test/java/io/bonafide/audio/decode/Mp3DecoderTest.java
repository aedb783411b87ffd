package io.bonafide.audio.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.bonafide.audio.decode.testing.Decoded;
import io.bonafide.audio.decode.testing.FfmpegComparison;
import io.bonafide.audio.decode.testing.Fixtures;
import io.bonafide.audio.decode.testing.Id3v2;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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

/**
 * MP3 decoding against ffmpeg. JLayer and ffmpeg's mp3float decoder compute the same filter
 * bank in different float orders, so we allow {@value #MAX_ABS} max and {@value #MAX_RMS} RMS
 * difference (measured: about 2.5e-6 and 4e-7); the lengths must be equal, which holds only
 * because both trim the LAME encoder delay and padding the same way.
 */
class Mp3DecoderTest {
    static final double MAX_ABS = 1e-4;
    static final double MAX_RMS = 1e-5;

    @TempDir
    Path dir;

    private Fixtures fixtures;

    @BeforeEach
    void setUp() {
        fixtures = new Fixtures(dir);
    }

    static Stream<Arguments> lameSettings() {
        return Stream.of(
                arguments("CBR 128", 44100, 2, new String[] {"-b", "128"}),
                arguments("CBR 64 MPEG-1 mono", 48000, 1, new String[] {"-b", "64"}),
                arguments("CBR 64 MPEG-2", 22050, 1, new String[] {"-b", "64"}),
                arguments("CBR 32 MPEG-2.5", 8000, 2, new String[] {"-b", "32"}),
                arguments("VBR V2", 48000, 2, new String[] {"-V", "2"}),
                arguments("VBR V6 mono", 44100, 1, new String[] {"-V", "6"}),
                arguments("ABR 96 joint stereo", 32000, 2, new String[] {"--abr", "96", "-m", "j"}));
    }

    @ParameterizedTest(name = "{0} {1} Hz {2} ch")
    @MethodSource("lameSettings")
    void shouldDecodeLameMp3LikeFfmpegGaplessly(String description, int sampleRate, int channels, String[] options)
            throws IOException {
        // Given an MP3 from LAME, with its Xing/Info frame and LAME tag
        Path mp3 = fixtures.lame(fixtures.reference(sampleRate, channels, 1.0),
                description.replace(' ', '-') + ".mp3", options);

        // When we decode it
        Decoded decoded = FfmpegComparison.assertMatches(mp3, MAX_ABS, MAX_RMS);

        // Then, gapless like ffmpeg, exactly the input's length comes out, as the header announced
        assertThat(decoded.frames()).isEqualTo(sampleRate);
        assertThat(decoded.info()).isEqualTo(new MediaInfo(MediaFormat.MP3, "mp3", sampleRate, channels, sampleRate));
    }

    @Test
    void shouldDecodeFfmpegMp3LikeFfmpeg() throws IOException {
        // Given an MP3 written by ffmpeg (its Xing frame names Lavc as the encoder)
        Path mp3 = fixtures.ffmpeg(fixtures.reference(44100, 2, 1.0), "lavf.mp3", "-c:a", "libmp3lame", "-b:a", "160k");

        // When / Then it decodes like ffmpeg, trimmed the same way
        Decoded decoded = FfmpegComparison.assertMatches(mp3, MAX_ABS, MAX_RMS);
        assertThat(decoded.frames()).isEqualTo(44100);
    }

    @Test
    void shouldDecodeAnMp3WithoutAnInfoTagUntrimmedLikeFfmpeg() throws IOException {
        // Given an MP3 without the Xing/Info frame, so with no gapless information
        Path mp3 = fixtures.lame(fixtures.reference(22050, 2, 0.5), "untagged.mp3", "-b", "64", "-t");

        // When we decode it
        Decoded decoded = FfmpegComparison.assertMatches(mp3, MAX_ABS, MAX_RMS);

        // Then every decoded frame is kept, as ffmpeg keeps them, and the length is unknown up front
        assertThat(decoded.frames() % 576).isZero();
        assertThat(decoded.info().frameCount()).isEqualTo(-1);
    }

    @Test
    void shouldDecodeAnMp3BehindId3v2AndBeforeId3v1TagsLikeFfmpeg() throws IOException {
        // Given an MP3 with a large ID3v2 tag in front (cover art, say) and an ID3v1 tag at the end
        Path plain = fixtures.lame(fixtures.reference(44100, 1, 0.5), "plain.mp3", "-b", "96", "--id3v1-only",
                "--tt", "title");
        Path tagged = fixtures.write("tagged.mp3", Id3v2.prepend(Files.readAllBytes(plain), 300_000));

        // When / Then it decodes like ffmpeg and like the file without the ID3v2 tag
        Decoded decoded = FfmpegComparison.assertMatches(tagged, MAX_ABS, MAX_RMS);
        assertThat(decoded.samples()).containsExactly(Decoded.of(plain).samples());
    }

    @Test
    void shouldFindTheFramesBehindLeadingJunk() throws IOException {
        // Given an MP3 behind 700 bytes of zeros and no tag to announce it
        Path plain = fixtures.lame(fixtures.reference(44100, 2, 0.5), "clean.mp3", "-b", "128");
        byte[] bytes = Files.readAllBytes(plain);
        byte[] junk = new byte[700 + bytes.length];
        System.arraycopy(bytes, 0, junk, 700, bytes.length);

        // When we decode it
        Decoded decoded = Decoded.of(junk);

        // Then it is the same audio
        assertThat(decoded.samples()).containsExactly(Decoded.of(plain).samples());
    }

    @Test
    void shouldDecodeTheCompleteFramesOfATruncatedFile() throws IOException {
        // Given an MP3 cut in the middle of a frame
        Path mp3 = fixtures.lame(fixtures.reference(44100, 2, 1.0), "whole.mp3", "-b", "128");
        byte[] whole = Files.readAllBytes(mp3);
        float[] all = Decoded.of(mp3).samples();

        // When we decode its first half
        Decoded cut = Decoded.of(Arrays.copyOf(whole, whole.length / 2 + 100));

        // Then the frames before the cut come out, the same as in the whole file
        assertThat(cut.frames()).isBetween(20000, 24000);
        assertThat(cut.samples()).containsExactly(Arrays.copyOf(all, cut.samples().length));
    }

    @Test
    void shouldDecodeAStreamCutMidFileLikeFfmpeg() throws IOException {
        // Given the second half of an MP3, starting on a frame whose bit reservoir reaches back
        // into frames that are gone
        Path whole = fixtures.lame(fixtures.reference(44100, 2, 1.0), "to-cut.mp3", "-V", "2");
        byte[] bytes = Files.readAllBytes(whole);
        int from = bytes.length / 2;
        while (!((bytes[from] & 0xff) == 0xff && (bytes[from + 1] & 0xe0) == 0xe0 && (bytes[from + 2] & 0xf0) != 0xf0)) {
            from++;
        }
        Path tail = fixtures.write("tail.mp3", Arrays.copyOfRange(bytes, from, bytes.length));

        // When / Then it decodes like ffmpeg, the undecodable first frame as silence
        FfmpegComparison.assertMatches(tail, MAX_ABS, MAX_RMS);
    }

    @Test
    void shouldSkipJunkBetweenFramesAndKeepEveryFrame() throws IOException {
        // Given an MP3 with 300 bytes of text spliced in between two frames
        Path whole = fixtures.lame(fixtures.reference(22050, 1, 1.0), "to-splice.mp3", "-b", "64");
        byte[] bytes = Files.readAllBytes(whole);
        int at = bytes.length / 3;
        while (!((bytes[at] & 0xff) == 0xff && (bytes[at + 1] & 0xe0) == 0xe0)) {
            at++;
        }
        byte[] junk = "this is not audio ".repeat(17).substring(0, 300).getBytes(StandardCharsets.US_ASCII);
        byte[] spliced = new byte[bytes.length + junk.length];
        System.arraycopy(bytes, 0, spliced, 0, at);
        System.arraycopy(junk, 0, spliced, at, junk.length);
        System.arraycopy(bytes, at, spliced, at + junk.length, bytes.length - at);

        // When we decode it
        Decoded decoded = Decoded.of(spliced);

        // Then it is the audio of the file without the junk (ffmpeg, resynchronising, also drops the
        // frame after the junk: one of the few places where we knowingly differ)
        assertThat(decoded.samples()).containsExactly(Decoded.of(whole).samples());
    }

    @Test
    void shouldKeepEveryFrameWhenTheEncoderHadNoRoomForAnInfoFrame() throws IOException {
        // Given a 48 kbit/s MPEG-2 mono MP3: its 156-byte frames cannot hold an Info tag, so LAME writes none
        Path mp3 = fixtures.lame(fixtures.reference(22050, 1, 1.0), "no-room.mp3", "-b", "48");

        // When / Then, like ffmpeg, nothing is trimmed: whole frames come out, their number unknown up front
        Decoded decoded = FfmpegComparison.assertMatches(mp3, MAX_ABS, MAX_RMS);
        assertThat(decoded.frames() % 576).isZero();
        assertThat(decoded.info().frameCount()).isEqualTo(-1);
    }
}
