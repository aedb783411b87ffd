package io.bonafide.audio.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.bonafide.audio.MediaException;
import io.bonafide.audio.decode.testing.Decoded;
import io.bonafide.audio.decode.testing.FfmpegComparison;
import io.bonafide.audio.decode.testing.Fixtures;
import io.bonafide.audio.decode.testing.TestSignal;
import io.bonafide.audio.decode.testing.WavBytes;
import io.bonafide.core.ErrorType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
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

/** WAV decoding: every encoding and layout against ffmpeg, and the container oddities real writers produce. */
class WavDecoderTest {
    @TempDir
    Path dir;

    private Fixtures fixtures;

    @BeforeEach
    void setUp() {
        fixtures = new Fixtures(dir);
    }

    static Stream<Arguments> encodings() {
        return Stream.of(
                arguments("pcm_u8", 8000, 1),
                arguments("pcm_u8", 44100, 2),
                arguments("pcm_s16le", 8000, 1),
                arguments("pcm_s16le", 22050, 2),
                arguments("pcm_s16le", 44100, 6),
                arguments("pcm_s24le", 48000, 2),
                arguments("pcm_s24le", 96000, 6),
                arguments("pcm_s32le", 44100, 1),
                arguments("pcm_s32le", 96000, 2),
                arguments("pcm_f32le", 22050, 6),
                arguments("pcm_f64le", 8000, 1),
                arguments("pcm_f64le", 48000, 2),
                arguments("pcm_alaw", 8000, 1),
                arguments("pcm_alaw", 44100, 2),
                arguments("pcm_mulaw", 8000, 1),
                arguments("pcm_mulaw", 48000, 6));
    }

    @ParameterizedTest(name = "{0} {1} Hz {2} ch")
    @MethodSource("encodings")
    void shouldDecodeEveryWavEncodingLikeFfmpeg(String codec, int sampleRate, int channels) throws IOException {
        // Given a WAV ffmpeg wrote in this encoding
        Path wav = fixtures.ffmpeg(fixtures.reference(sampleRate, channels, 0.5), codec + "-" + sampleRate + "-"
                + channels + ".wav", "-c:a", codec);

        // When we decode it
        Decoded decoded = FfmpegComparison.assertMatchesLosslessly(wav);

        // Then it matches ffmpeg (checked above) and reports what the header says
        assertThat(decoded.info()).isEqualTo(new MediaInfo(MediaFormat.WAV, codec, sampleRate, channels,
                Math.round(sampleRate * 0.5)));
    }

    @ParameterizedTest(name = "{0} {1} Hz {2} ch")
    @MethodSource("extensibleLayouts")
    void shouldDecodeExtensibleWavLikeFfmpeg(String codec, int sampleRate, int channels) throws IOException {
        // Given a WAVE_FORMAT_EXTENSIBLE file (ffmpeg writes one for > 2 channels, > 16 bits or > 48 kHz)
        Path wav = fixtures.ffmpeg(fixtures.reference(sampleRate, channels, 0.5), "extensible-" + codec + ".wav",
                "-c:a", codec);
        assertThat(formatTag(Files.readAllBytes(wav))).isEqualTo(0xfffe);

        // When / Then it decodes like ffmpeg
        Decoded decoded = FfmpegComparison.assertMatchesLosslessly(wav);
        assertThat(decoded.info().codec()).isEqualTo(codec);
    }

    static Stream<Arguments> extensibleLayouts() {
        return Stream.of(
                arguments("pcm_s16le", 48000, 6),
                arguments("pcm_s24le", 44100, 2),
                arguments("pcm_f32le", 96000, 1),
                arguments("pcm_s32le", 22050, 6));
    }

    @Test
    void shouldDecodeRf64WavLikeFfmpeg() throws IOException {
        // Given an RF64 file with its ds64 chunk
        Path wav = fixtures.ffmpeg(fixtures.reference(44100, 2, 0.5), "rf64.wav", "-c:a", "pcm_s16le", "-rf64", "always");
        byte[] bytes = Files.readAllBytes(wav);
        assertThat(new String(bytes, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("RF64");

        // When / Then it decodes like ffmpeg, the length taken from ds64
        Decoded decoded = FfmpegComparison.assertMatchesLosslessly(wav);
        assertThat(decoded.info().frameCount()).isEqualTo(22050);
    }

    @Test
    void shouldDecodeBw64LikeRf64() throws IOException {
        // Given the same RF64 file relabelled BW64 (ITU-R BS.2088)
        Path rf64 = fixtures.ffmpeg(fixtures.reference(22050, 1, 0.5), "rf64-mono.wav", "-c:a", "pcm_s24le",
                "-rf64", "always");
        byte[] bytes = Files.readAllBytes(rf64);
        System.arraycopy("BW64".getBytes(StandardCharsets.US_ASCII), 0, bytes, 0, 4);

        // When we decode both
        Decoded bw64 = Decoded.of(bytes);

        // Then the samples are the same
        assertThat(bw64.samples()).containsExactly(Decoded.of(rf64).samples());
    }

    @Test
    void shouldReadToTheEndWhenTheDataSizeIsTheStreamingPlaceholder() throws IOException {
        // Given a WAV written by a streaming writer: RIFF and data sizes 0xFFFFFFFF
        float[] signal = TestSignal.interleaved(16000, 2, 0.25, 3);
        byte[] bytes = WavBytes.riff().chunk("fmt ", WavBytes.fmt(1, 2, 16000, 16))
                .chunk("data", WavBytes.s16Data(signal), 0xFFFFFFFFL).bytes();
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(4, 0xFFFFFFFF);
        Path wav = fixtures.write("streaming.wav", bytes);

        // When / Then it decodes to the end, like ffmpeg, with the length unknown up front
        Decoded decoded = FfmpegComparison.assertMatchesLosslessly(wav);
        assertThat(decoded.info().frameCount()).isEqualTo(-1);
        assertThat(decoded.frames()).isEqualTo(4000);
    }

    @Test
    void shouldReadToTheEndWhenTheDataSizeIsZero() throws IOException {
        // Given a data chunk whose size was never filled in
        float[] signal = TestSignal.interleaved(8000, 1, 0.25, 4);
        Path wav = fixtures.write("zero-size.wav", WavBytes.riff().chunk("fmt ", WavBytes.fmt(1, 1, 8000, 16))
                .chunk("data", WavBytes.s16Data(signal), 0).bytes());

        // When / Then it decodes to the end, like ffmpeg
        Decoded decoded = FfmpegComparison.assertMatchesLosslessly(wav);
        assertThat(decoded.frames()).isEqualTo(2000);
    }

    @Test
    void shouldReadWhatIsThereWhenTheDataSizeExceedsTheFileAndDropThePartialFrame() throws IOException {
        // Given a data chunk claiming more bytes than follow, ending one byte into a stereo frame
        float[] signal = TestSignal.interleaved(8000, 2, 0.1, 5);
        byte[] data = Arrays.copyOf(WavBytes.s16Data(signal), signal.length * 2 + 1);
        byte[] bytes = WavBytes.riff().chunk("fmt ", WavBytes.fmt(1, 2, 8000, 16)).chunk("data", data, 1_000_000).bytes();
        Path wav = fixtures.write("oversized.wav", Arrays.copyOf(bytes, bytes.length - 1));

        // When / Then the complete frames come out, like ffmpeg
        Decoded decoded = FfmpegComparison.assertMatchesLosslessly(wav);
        assertThat(decoded.frames()).isEqualTo(800);
        assertThat(decoded.info().frameCount()).isEqualTo(250_000);
    }

    @Test
    void shouldWalkChunksInAnyOrderSkippingUnknownOnesAndTheirPadBytes() throws IOException {
        // Given chunks before fmt, between fmt and data (two of odd size, so padded) and after data
        float[] signal = TestSignal.interleaved(22050, 2, 0.2, 6);
        byte[] info = "INFOISFT\u0005\u0000\u0000\u0000Lavf\u0000".getBytes(StandardCharsets.ISO_8859_1);
        byte[] bytes = WavBytes.riff()
                .chunk("LIST", info)
                .chunk("JUNK", new byte[27])
                .chunk("fmt ", WavBytes.fmt(1, 2, 22050, 16))
                .chunk("bext", new byte[603])
                .chunk("xyz1", new byte[] {9, 9, 9})
                .chunk("fact", new byte[] {1, 2, 3, 4})
                .chunk("data", WavBytes.s16Data(signal))
                .chunk("LIST", info)
                .bytes();
        Path wav = fixtures.write("chunks.wav", bytes);

        // When we decode it
        Decoded decoded = FfmpegComparison.assertMatchesLosslessly(wav);

        // Then exactly the data chunk's samples come out, none of the trailing chunk
        assertThat(decoded.samples()).containsExactly(expectedS16(signal));
    }

    @Test
    void shouldDecodeADataChunkThatPrecedesFmtLikeFfmpegDoesOnAFile() throws IOException {
        // Given a data chunk before the fmt chunk (legal RIFF, rare)
        float[] signal = TestSignal.interleaved(8000, 1, 0.2, 7);
        Path wav = fixtures.write("data-first.wav", WavBytes.riff().chunk("data", WavBytes.s16Data(signal))
                .chunk("fmt ", WavBytes.fmt(1, 1, 8000, 16)).bytes());

        // When / Then it decodes like ffmpeg (which seeks back; we hold the small chunk)
        Decoded decoded = FfmpegComparison.assertMatchesLosslessly(wav);
        assertThat(decoded.samples()).containsExactly(expectedS16(signal));
    }

    @Test
    void shouldRejectADataChunkBeforeFmtWhenItsSizeIsUnknown() {
        // Given a streaming-size data chunk before fmt
        byte[] bytes = WavBytes.riff().chunk("data", new byte[100], 0xFFFFFFFFL).chunk("fmt ", WavBytes.fmt(1, 1, 8000, 16))
                .bytes();

        // When / Then
        assertMediaError(bytes, ErrorType.MEDIA_UNDECODABLE);
    }

    @Test
    void shouldReadTwelveBitPcmInItsSixteenBitContainerLikeFfmpeg() throws IOException {
        // Given 12-bit PCM, stored (as WAV requires) in 16-bit containers
        float[] signal = TestSignal.interleaved(8000, 1, 0.1, 8);
        byte[] data = WavBytes.s16Data(signal);
        for (int i = 0; i < data.length; i += 2) {
            data[i] &= (byte) 0xf0;
        }
        Path wav = fixtures.write("twelve-bit.wav", WavBytes.riff().chunk("fmt ", WavBytes.fmt(1, 1, 8000, 12))
                .chunk("data", data).bytes());

        // When / Then it decodes like ffmpeg, as pcm_s16le
        assertThat(FfmpegComparison.assertMatchesLosslessly(wav).info().codec()).isEqualTo("pcm_s16le");
    }

    static Stream<Arguments> absurdFormats() {
        return Stream.of(
                arguments("no channels", WavBytes.fmt(1, 0, 8000, 16)),
                arguments("65 channels", WavBytes.fmt(1, 65, 8000, 16)),
                arguments("rate 0", WavBytes.fmt(1, 1, 0, 16)),
                arguments("rate 768001", WavBytes.fmt(1, 1, 768_001, 16)),
                arguments("negative rate", WavBytes.fmt(1, 1, -44100, 16)),
                arguments("0-bit PCM", WavBytes.fmt(1, 1, 8000, 0)),
                arguments("40-bit PCM", WavBytes.fmt(1, 1, 8000, 40)),
                arguments("16-bit float", WavBytes.fmt(3, 1, 8000, 16)),
                arguments("fmt of 14 bytes", Arrays.copyOf(WavBytes.fmt(1, 1, 8000, 16), 14)),
                arguments("extensible of 16 bytes", WavBytes.fmt(0xfffe, 2, 8000, 16)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("absurdFormats")
    void shouldRejectAbsurdHeaderValuesAsUndecodable(String description, byte[] fmt) {
        // Given a fmt chunk no decoder can honour
        byte[] bytes = WavBytes.riff().chunk("fmt ", fmt).chunk("data", new byte[64]).bytes();

        // When / Then
        assertMediaError(bytes, ErrorType.MEDIA_UNDECODABLE);
    }

    @Test
    void shouldRejectCodecsOtherThanPcmFloatAndG711AsUnsupported() {
        // Given an IMA ADPCM WAV (format tag 0x11)
        byte[] bytes = WavBytes.riff().chunk("fmt ", WavBytes.fmt(0x11, 1, 8000, 4)).chunk("data", new byte[64]).bytes();

        // When / Then
        assertThatThrownBy(() -> Decoded.of(bytes)).isInstanceOfSatisfying(MediaException.class, e -> {
            assertThat(e.type()).isEqualTo(ErrorType.MEDIA_UNSUPPORTED_FORMAT);
            assertThat(e.context()).containsEntry("formatTag", "0x0011").containsEntry("format", "wav");
        });
    }

    @Test
    void shouldDecodeTheCompleteFramesOfAFileTruncatedInsideItsData() throws IOException {
        // Given a 24-bit stereo file cut 1000 bytes into its samples plus one stray byte
        Path wav = fixtures.ffmpeg(fixtures.reference(44100, 2, 0.2), "truncated.wav", "-c:a", "pcm_s24le",
                "-map_metadata", "-1", "-fflags", "+bitexact");
        byte[] whole = Files.readAllBytes(wav);
        int dataStart = indexOf(whole, "data") + 8;
        byte[] cut = Arrays.copyOf(whole, dataStart + 6 * 166 + 1);

        // When we decode it
        Decoded decoded = Decoded.of(cut);

        // Then the 166 complete frames come out, equal to the start of the whole file
        assertThat(decoded.frames()).isEqualTo(166);
        assertThat(decoded.samples()).containsExactly(Arrays.copyOf(Decoded.of(wav).samples(), 332));
    }

    @Test
    void shouldRejectAFileTruncatedInsideItsHeaders() throws IOException {
        // Given a WAV cut inside its fmt chunk
        byte[] whole = Files.readAllBytes(fixtures.ffmpeg(fixtures.reference(8000, 1, 0.1), "short.wav", "-c:a", "pcm_s16le"));
        byte[] cut = Arrays.copyOf(whole, indexOf(whole, "fmt ") + 12);

        // When / Then
        assertMediaError(cut, ErrorType.MEDIA_UNDECODABLE);
    }

    private static float[] expectedS16(float[] signal) {
        float[] expected = new float[signal.length];
        for (int i = 0; i < signal.length; i++) {
            expected[i] = (short) Math.max(-32768, Math.min(32767, Math.round(signal[i] * 32768))) / 32768f;
        }
        return expected;
    }

    private static int formatTag(byte[] wav) {
        int fmt = indexOf(wav, "fmt ");
        return (wav[fmt + 8] & 0xff) | (wav[fmt + 9] & 0xff) << 8;
    }

    private static int indexOf(byte[] bytes, String tag) {
        byte[] needle = tag.getBytes(StandardCharsets.US_ASCII);
        outer:
        for (int i = 0; i + needle.length <= bytes.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (bytes[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("no " + tag + " chunk");
    }

    private static void assertMediaError(byte[] bytes, ErrorType type) {
        assertThatThrownBy(() -> Decoded.of(bytes)).isInstanceOfSatisfying(MediaException.class,
                e -> assertThat(e.type()).isEqualTo(type));
    }
}
