package io.bonafide.audio.decode.internal;

import io.bonafide.audio.MediaException;
import io.bonafide.audio.decode.MediaFormat;
import io.bonafide.core.ErrorType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one place where decoding failures become exceptions. Bad bytes become
 * {@link MediaException} with the format in their context; a failure of the caller's stream
 * becomes {@link UncheckedIOException}, because it says nothing about the file and may well
 * succeed on another attempt. Library exceptions are sorted into one or the other with the help
 * of {@link SourceInputStream#failure()}.
 */
public final class MediaErrors {
    private MediaErrors() {
    }

    /** Bytes that claim {@code format} but cannot be decoded. */
    public static MediaException undecodable(MediaFormat format, String message) {
        return undecodable(format, message, null);
    }

    /** Bytes that claim {@code format} but cannot be decoded, with the library failure that said so. */
    public static MediaException undecodable(MediaFormat format, String message, Throwable cause) {
        return new MediaException(ErrorType.MEDIA_UNDECODABLE, message, Map.of("format", format.wireName()), cause);
    }

    /** Bytes in no format we decode, or a codec inside a known container that we do not decode. */
    public static MediaException unsupported(String message, Map<String, String> context) {
        return new MediaException(ErrorType.MEDIA_UNSUPPORTED_FORMAT, message, context);
    }

    /** An input of zero bytes. */
    public static MediaException empty() {
        return new MediaException(ErrorType.MEDIA_EMPTY, "the input holds no bytes", Map.of());
    }

    /** Context naming a format and one more value. */
    public static Map<String, String> context(MediaFormat format, String key, String value) {
        Map<String, String> context = new LinkedHashMap<>();
        context.put("format", format.wireName());
        context.put(key, value);
        return context;
    }

    /**
     * What to throw for {@code failure}, raised while decoding {@code format} (null while the
     * format is still unknown) from {@code source}:
     * media and stream failures pass through, a recorded failure of the source wins over whatever
     * a library made of it, and everything else a library throws on bad bytes (index out of
     * bounds, its own checked exceptions, even an allocation too large for the heap) is
     * {@code media.undecodable}.
     */
    public static RuntimeException translate(Throwable failure, SourceInputStream source, MediaFormat format) {
        if (failure instanceof MediaException media) {
            return media;
        }
        if (failure instanceof UncheckedIOException unchecked) {
            return unchecked;
        }
        IOException sourceFailure = source.failure();
        if (sourceFailure != null) {
            UncheckedIOException unchecked = new UncheckedIOException("reading the input failed", sourceFailure);
            if (failure != sourceFailure) {
                unchecked.addSuppressed(failure);
            }
            return unchecked;
        }
        if (failure instanceof LinkageError linkage) {
            // A missing or broken library class is not a property of the file.
            throw linkage;
        }
        if (failure instanceof VirtualMachineError vmError
                && !(failure instanceof OutOfMemoryError) && !(failure instanceof StackOverflowError)) {
            // Nor is a broken JVM; running out of heap or stack on a header's say-so is.
            throw vmError;
        }
        if (format == null) {
            return new MediaException(ErrorType.MEDIA_UNDECODABLE, "the input cannot be decoded: " + describe(failure),
                    Map.of(), failure);
        }
        return undecodable(format, "the " + format.wireName() + " data cannot be decoded: " + describe(failure),
                failure);
    }

    private static String describe(Throwable failure) {
        String message = failure.getMessage();
        return message == null ? failure.getClass().getSimpleName()
                : failure.getClass().getSimpleName() + ": " + message;
    }
}
