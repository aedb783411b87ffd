package io.bonafide.audio.decode;

import io.bonafide.audio.MediaException;
import java.io.InputStream;

/**
 * Entry point of decoding: sniffs the container from the first bytes and opens the matching
 * streaming decoder. Every failure on bad input is a {@link MediaException}
 * ({@code media.unsupported-format}, {@code media.undecodable}, {@code media.empty}).
 */
public final class AudioDecoders {
    private AudioDecoders() {
    }

    /**
     * Opens a decoder over {@code in}; the returned stream owns and closes it.
     *
     * @throws MediaException when the bytes are not a supported, decodable audio file
     */
    public static PcmStream open(InputStream in) {
        throw new UnsupportedOperationException("filled by the decoder work of the audio front-end issue");
    }
}
