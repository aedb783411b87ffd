package io.bonafide.audio;

import io.bonafide.core.BonafideException;
import io.bonafide.core.ErrorType;
import java.util.Map;

/**
 * Input audio that can never be processed as asked: undecodable or unsupported bytes, no
 * samples, a channel or time range outside the file, a file longer than allowed. The only
 * exception the audio front end lets escape for bad input; {@link #type()} is a {@code media.*}
 * SPEC error type and the context names the values that explain it.
 */
public final class MediaException extends BonafideException {
    private static final long serialVersionUID = 1L;

    public MediaException(ErrorType type, String message, Map<String, String> context, Throwable cause) {
        super(type, message, context, cause);
        if (!type.wireName().startsWith("media.")) {
            throw new IllegalArgumentException("not a media error type: " + type);
        }
    }

    public MediaException(ErrorType type, String message, Map<String, String> context) {
        this(type, message, context, null);
    }

    /** Bytes that claim a supported format but cannot be decoded. */
    public static MediaException undecodable(String message, Throwable cause) {
        return new MediaException(ErrorType.MEDIA_UNDECODABLE, message, Map.of(), cause);
    }
}
