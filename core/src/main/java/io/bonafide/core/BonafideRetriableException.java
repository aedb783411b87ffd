package io.bonafide.core;

import java.util.Map;

/**
 * Marks a transient failure (a registry or store that does not answer, a broker hiccup): the
 * operation is retried with backoff, and ends as a permanent failure only once retries are
 * exhausted. Nothing that throws this may be dead-lettered.
 */
public class BonafideRetriableException extends BonafideException {
    private static final long serialVersionUID = 1L;

    public BonafideRetriableException(ErrorType type, String message, Map<String, String> context, Throwable cause) {
        super(type, message, context, cause);
    }

    @Override
    public boolean retriable() {
        return true;
    }
}
