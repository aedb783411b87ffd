package io.bonafide.schemas.consume;

import io.bonafide.core.BonafideException;
import io.bonafide.core.ErrorType;
import java.util.Map;

/**
 * A record could not be read and the {@link PoisonRecordPolicy} says fail; names the topic,
 * partition and offset so that an operator can find it.
 */
public final class PoisonRecordException extends BonafideException {
    private static final long serialVersionUID = 1L;

    public PoisonRecordException(String message, Map<String, String> context, Throwable cause) {
        super(ErrorType.INTERNAL, message, context, cause);
    }
}
