package io.bonafide.store;

import io.bonafide.core.BonafideException;
import io.bonafide.core.ErrorType;
import java.util.Map;

/**
 * A failure of the audio store, with the one flag callers act on: {@link #retriable()} is true
 * when the store did not answer (network, timeout, server error) and a later attempt may work,
 * false when it answered "no" (missing object, refused location, over capacity).
 */
public final class StoreException extends BonafideException {
    private static final long serialVersionUID = 1L;

    private final boolean retriable;

    private StoreException(ErrorType type, String message, Map<String, String> context, Throwable cause,
                           boolean retriable) {
        super(type, message, context, cause);
        this.retriable = retriable;
    }

    /** The store did not answer; another attempt may succeed. */
    public static StoreException unavailable(String message, Map<String, String> context, Throwable cause) {
        return new StoreException(ErrorType.INTERNAL, message, context, cause, true);
    }

    /** The store answered, and the answer will not change (with the SPEC type that says why). */
    public static StoreException permanent(ErrorType type, String message, Map<String, String> context,
                                           Throwable cause) {
        return new StoreException(type, message, context, cause, false);
    }

    @Override
    public boolean retriable() {
        return retriable;
    }
}
