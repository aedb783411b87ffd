package io.bonafide.schemas.serde;

import io.bonafide.core.BonafideRetriableException;
import io.bonafide.core.ErrorType;
import java.util.Map;

/**
 * The schema registry did not answer, or answered with a server error. Transient: the record
 * that needed the registry is retried, never dead-lettered.
 */
public final class SchemaRegistryUnavailableException extends BonafideRetriableException {
    private static final long serialVersionUID = 1L;

    public SchemaRegistryUnavailableException(String message, Map<String, String> context, Throwable cause) {
        super(ErrorType.INTERNAL, message, context, cause);
    }
}
