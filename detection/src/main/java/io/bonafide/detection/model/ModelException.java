package io.bonafide.detection.model;

import io.bonafide.core.BonafideException;
import io.bonafide.core.ErrorType;
import java.util.HashMap;
import java.util.Map;

/**
 * A model that cannot be used as described: an unreadable or invalid descriptor, a model file
 * whose checksum differs from the descriptor's, a graph whose inputs or outputs do not match
 * it, or an inference that fails. It is a deployment fault, not bad input, so it maps to the
 * SPEC type {@code internal}; the context names the descriptor, the model file and, for an
 * invalid descriptor, the offending fields.
 */
public final class ModelException extends BonafideException {
    private static final long serialVersionUID = 1L;

    private final String bareMessage;

    public ModelException(String message, Map<String, String> context, Throwable cause) {
        super(ErrorType.INTERNAL, message, context, cause);
        this.bareMessage = message;
    }

    public ModelException(String message, Map<String, String> context) {
        this(message, context, null);
    }

    /** The same failure with one more context entry, for callers that know where it happened. */
    public ModelException with(String key, String value) {
        Map<String, String> context = new HashMap<>(context());
        context.put(key, value);
        ModelException widened = new ModelException(bareMessage, context, getCause());
        widened.setStackTrace(getStackTrace());
        return widened;
    }
}
