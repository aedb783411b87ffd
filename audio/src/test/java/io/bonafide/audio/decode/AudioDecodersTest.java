package io.bonafide.audio.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.bonafide.audio.MediaException;
import io.bonafide.audio.decode.testing.Decoded;
import io.bonafide.audio.decode.testing.Fixtures;
import io.bonafide.audio.decode.testing.Id3v2;
import io.bonafide.audio.decode.testing.TestSignal;
import io.bonafide.audio.decode.testing.WavBytes;
import io.bonafide.core.ErrorType;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The entry point: sniffing, the error contract, ownership of the input and the read contract. */
class AudioDecodersTest {
    @TempDir
    Path dir;

    private Fixtures fixtures;

    @BeforeEach
    void setUp() {
        fixtures = new Fixtures(dir);
    }

    @Test
    void shouldReportAnEmptyInputAsEmpty() {
        // Given no bytes at all
        byte[] nothing = new byte[0];

        // When / Then
        assertMediaError(nothing, ErrorType.MEDIA_EMPTY);
    }

    @Test
    void shouldRejectTextAsUnsupported() {
        // Given a text file
        byte[] text = "Dear customer, please find attached the recording.\n".getBytes(StandardCharsets.UTF_8);

        // When / Then
        assertMediaError(text, ErrorType.MEDIA_UNSUPPORTED_FORMAT);
    }

    @Test
    void shouldRejectAPngAsUnsupported() {
        // Given the start of a PNG image
        byte[] png = HexFormat.of().parseHex("89504e470d0a1a0a0000000d49484452000000100000001008060000001ff3ff61");

        // When / Then the error names the bytes it saw
        MediaException e = assertMediaError(png, ErrorType.MEDIA_UNSUPPORTED_FORMAT);
        assertThat(e.context()).containsEntry("leadingBytes", "89504e470d0a1a0a");
    }

    @Test
    void shouldRejectARiffFileThatIsNotWaveAsUnsupported() {
        // Given an AVI header
        byte[] avi = "RIFF\u0000\u0010\u0000\u0000AVI LIST".getBytes(StandardCharsets.ISO_8859_1);

        // When / Then
        assertMediaError(avi, ErrorType.MEDIA_UNSUPPORTED_FORMAT);
    }

    @Test
    void shouldRejectAnId3TagWithoutAudioAsUndecodableMp3() {
        // Given an ID3v2 tag and nothing after it
        byte[] tagOnly = Id3v2.tag(200);

        // When / Then
        MediaException e = assertMediaError(tagOnly, ErrorType.MEDIA_UNDECODABLE);
        assertThat(e.context()).containsEntry("format", "mp3");
    }

    @Test
    void shouldRejectAnId3TagBeforeTextAsUndecodableMp3() {
        // Given an ID3v2 tag in front of text
        byte[] bytes = Id3v2.prepend("no audio here, only words".repeat(20).getBytes(StandardCharsets.US_ASCII), 100);

        // When / Then
        assertMediaError(bytes, ErrorType.MEDIA_UNDECODABLE);
    }

    @ParameterizedTest
    @EnumSource(MediaFormat.class)
    void shouldSniffEveryFormatFromItsBytesAlone(MediaFormat format) throws IOException {
        // Given a file of the format, behind a name that says nothing
        byte[] bytes = Files.readAllBytes(sample(format, 0.3));

        // When we open it from a bare stream
        try (PcmStream pcm = AudioDecoders.open(new ByteArrayInputStream(bytes))) {
            // Then the format is recognised
            assertThat(pcm.info().format()).isEqualTo(format);
        }
    }

    @ParameterizedTest
    @EnumSource(MediaFormat.class)
    void shouldSurfaceAFailingInputStreamAsUncheckedIOExceptionNotAsAMediaError(MediaFormat format) throws IOException {
        // Given a file whose stream fails half-way through, after the decoder has started
        byte[] bytes = Files.readAllBytes(sample(format, 10.0));
        IOException failure = new IOException("connection reset");
        InputStream failing = new FailingInputStream(new ByteArrayInputStream(bytes), bytes.length / 2, failure);

        // When we decode it
        Throwable thrown = catchThrowable(() -> Decoded.of(failing));

        // Then the stream's own failure surfaces, unchanged, as the cause
        assertThat(thrown).isInstanceOf(UncheckedIOException.class).hasCause(failure);
    }

    @ParameterizedTest
    @EnumSource(MediaFormat.class)
    void shouldRepeatAFailureOnEveryLaterRead(MediaFormat format) throws IOException {
        // Given a stream that failed while being read
        byte[] bytes = Files.readAllBytes(sample(format, 10.0));
        InputStream failing = new FailingInputStream(new ByteArrayInputStream(bytes), bytes.length / 2,
                new IOException("disk gone"));
        PcmStream pcm = AudioDecoders.open(failing);
        float[] block = new float[1024 * pcm.info().channelCount()];
        Throwable first = catchThrowable(() -> {
            while (pcm.read(block, 1024) > 0) {
                assertThat(pcm.framesRead()).isPositive();
            }
        });

        // When it is read again
        Throwable second = catchThrowable(() -> pcm.read(block, 1024));

        // Then the same failure comes back, rather than a guess from a decoder in an unknown state
        assertThat(first).isInstanceOf(UncheckedIOException.class);
        assertThat(second).isSameAs(first);
        pcm.close();
    }

    @Test
    void shouldSurfaceAStreamThatFailsAtOnceAsUncheckedIOException() {
        // Given a stream that fails on the first read
        IOException failure = new IOException("no route to host");
        InputStream failing = new FailingInputStream(new ByteArrayInputStream(new byte[0]), 0, failure);

        // When / Then
        assertThatThrownBy(() -> AudioDecoders.open(failing)).isInstanceOf(UncheckedIOException.class).hasCause(failure);
    }

    @ParameterizedTest
    @EnumSource(MediaFormat.class)
    void shouldDecodeWhatIsThereOrRejectTruncatedFilesWithAMediaError(MediaFormat format) throws IOException {
        // Given a file cut at points from inside its first header to near its end
        byte[] bytes = Files.readAllBytes(sample(format, 0.5));
        for (int cut : new int[] {1, 4, 11, 30, 45, 100, 1000, bytes.length / 2, bytes.length - 1}) {
            byte[] truncated = Arrays.copyOf(bytes, Math.min(cut, bytes.length - 1));

            // When we decode it
            Throwable thrown = catchThrowable(() -> Decoded.of(truncated));

            // Then it either decodes or fails with a media error
            assertThat(thrown).as("%s cut at %d", format, cut).satisfiesAnyOf(
                    t -> assertThat(t).isNull(),
                    t -> assertThat(t).isInstanceOf(MediaException.class));
        }
    }

    @Test
    void shouldCloseTheInputWithTheStream() throws IOException {
        // Given an open stream over a WAV file
        CloseTracking input = new CloseTracking(new ByteArrayInputStream(Files.readAllBytes(sample(MediaFormat.WAV, 0.1))));
        PcmStream pcm = AudioDecoders.open(input);
        assertThat(input.closed).isFalse();

        // When it is closed (twice: closing is idempotent)
        pcm.close();
        pcm.close();

        // Then the input is closed
        assertThat(input.closed).isTrue();
    }

    @Test
    void shouldCloseTheInputWhenOpeningFails() {
        // Given a stream of text
        CloseTracking input = new CloseTracking(new ByteArrayInputStream("plain text".getBytes(StandardCharsets.US_ASCII)));

        // When opening fails
        assertThatThrownBy(() -> AudioDecoders.open(input)).isInstanceOf(MediaException.class);

        // Then the input is closed anyway
        assertThat(input.closed).isTrue();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1})
    void shouldRefuseToReadFewerThanOneFrame(int maxFrames) {
        // Given an open stream
        try (PcmStream pcm = AudioDecoders.open(new ByteArrayInputStream(
                WavBytes.floatWav(TestSignal.interleaved(8000, 2, 0.1, 1), 2, 8000)))) {
            // When / Then
            assertThatThrownBy(() -> pcm.read(new float[64], maxFrames)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> pcm.read(new float[3], 2)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @ParameterizedTest
    @EnumSource(MediaFormat.class)
    void shouldKeepAnsweringEndOfStreamAndRefuseReadsAfterClose(MediaFormat format) throws IOException {
        // Given a stream read to its end
        PcmStream pcm = AudioDecoders.open(Files.newInputStream(sample(format, 0.2)));
        float[] block = new float[4096 * pcm.info().channelCount()];
        while (pcm.read(block, 4096) > 0) {
            assertThat(pcm.framesRead()).isPositive();
        }

        // When / Then the end stays the end, and a closed stream cannot be read
        assertThat(pcm.read(block, 4096)).isEqualTo(-1);
        assertThat(pcm.read(block, 1)).isEqualTo(-1);
        pcm.close();
        assertThatThrownBy(() -> pcm.read(block, 1)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void shouldReportTheDurationFromTheHeaders() {
        // Given a 16 kHz stereo WAV of 0.25 s
        byte[] wav = WavBytes.floatWav(TestSignal.interleaved(16000, 2, 0.25, 2), 2, 16000);

        // When we open it
        try (PcmStream pcm = AudioDecoders.open(new ByteArrayInputStream(wav))) {
            // Then the headers' length is known before any sample is read
            assertThat(pcm.info().frameCount()).isEqualTo(4000);
            assertThat(pcm.info().durationSeconds()).isEqualTo(0.25);
        }
    }

    private Path sample(MediaFormat format, double seconds) throws IOException {
        Path reference = fixtures.reference(22050, 2, seconds);
        return switch (format) {
            case WAV -> fixtures.write("sample-" + seconds + ".wav", Files.readAllBytes(reference));
            case FLAC -> fixtures.ffmpeg(reference, "sample-" + seconds + ".flac", "-c:a", "flac");
            case MP3 -> fixtures.lame(reference, "sample-" + seconds + ".mp3", "-b", "96");
            case OGG -> fixtures.oggenc(reference, "sample-" + seconds + ".ogg", "-q", "3");
        };
    }

    private static MediaException assertMediaError(byte[] bytes, ErrorType type) {
        Throwable thrown = catchThrowable(() -> Decoded.of(bytes));
        assertThat(thrown).isInstanceOf(MediaException.class);
        MediaException e = (MediaException) thrown;
        assertThat(e.type()).isEqualTo(type);
        return e;
    }

    /** Delivers {@code limit} bytes, then throws {@code failure}. */
    private static final class FailingInputStream extends FilterInputStream {
        private final IOException failure;
        private long remaining;

        FailingInputStream(InputStream in, long limit, IOException failure) {
            super(in);
            this.remaining = limit;
            this.failure = failure;
        }

        @Override
        public int read() throws IOException {
            if (remaining <= 0) {
                throw failure;
            }
            remaining--;
            return super.read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (remaining <= 0) {
                throw failure;
            }
            int n = super.read(b, off, (int) Math.min(len, remaining));
            if (n > 0) {
                remaining -= n;
            }
            return n;
        }
    }

    /** Remembers whether it was closed. */
    private static final class CloseTracking extends FilterInputStream {
        private boolean closed;

        CloseTracking(InputStream in) {
            super(in);
        }

        @Override
        public void close() throws IOException {
            closed = true;
            super.close();
        }
    }
}
