package io.bonafide.audio.decode;

import io.bonafide.audio.MediaException;
import io.bonafide.audio.decode.internal.FlacDecoder;
import io.bonafide.audio.decode.internal.FormatSniffer;
import io.bonafide.audio.decode.internal.MediaErrors;
import io.bonafide.audio.decode.internal.Mp3Decoder;
import io.bonafide.audio.decode.internal.SourceInputStream;
import io.bonafide.audio.decode.internal.VorbisDecoder;
import io.bonafide.audio.decode.internal.WavDecoder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Objects;

/**
 * Entry point of decoding: sniffs the container from the first bytes and opens the matching
 * streaming decoder. Every failure on bad input is a {@link MediaException}
 * ({@code media.unsupported-format}, {@code media.undecodable}, {@code media.empty}), from
 * {@code open} as from {@link PcmStream#read}; a failure of the input stream itself (an
 * {@link IOException} it throws) is not the file's fault and surfaces as
 * {@link UncheckedIOException}, so that the caller may retry it. See docs/audio-decoding.md for
 * the formats, the normalisation and the limits.
 */
public final class AudioDecoders {
    private AudioDecoders() {
    }

    /**
     * Opens a decoder over {@code in}; the returned stream owns and closes it. When opening
     * fails, {@code in} is closed before the exception leaves.
     *
     * @throws MediaException       when the bytes are not a supported, decodable audio file
     * @throws UncheckedIOException when reading {@code in} fails
     */
    public static PcmStream open(InputStream in) {
        Objects.requireNonNull(in, "in");
        SourceInputStream source = new SourceInputStream(in);
        MediaFormat format = null;
        try {
            FormatSniffer.Sniffed sniffed = FormatSniffer.sniff(source);
            format = sniffed.format();
            return switch (format) {
                case WAV -> WavDecoder.open(sniffed.stream(), source);
                case FLAC -> FlacDecoder.open(sniffed.stream(), source);
                case MP3 -> Mp3Decoder.open(sniffed, source);
                case OGG -> VorbisDecoder.open(sniffed.stream(), source);
            };
        } catch (IOException | RuntimeException | Error e) {
            RuntimeException failure = MediaErrors.translate(e, source, format);
            closeAfterFailure(source, failure);
            throw failure;
        }
    }

    private static void closeAfterFailure(SourceInputStream source, RuntimeException failure) {
        try {
            source.close();
        } catch (IOException | RuntimeException e) {
            failure.addSuppressed(e);
        }
    }
}
