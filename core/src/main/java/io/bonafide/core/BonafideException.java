package io.bonafide.core;

import java.util.Map;
import java.util.Objects;

/**
 * Root of every exception Bonafide raises on purpose. It carries the SPEC {@link ErrorType} it
 * maps to and the context needed to act on it (task id, topic, offset, parameter, limit), so
 * that the edge that reports it (an HTTP answer, an error event, a dead letter) never has to
 * guess. Transient failures extend {@link BonafideRetriableException} instead.
 */
public class BonafideException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorType type;
    private final Map<String, String> context;

    public BonafideException(ErrorType type, String message, Map<String, String> context, Throwable cause) {
        super(message, cause);
        this.type = Objects.requireNonNull(type, "type");
        this.context = Map.copyOf(context);
    }

    public BonafideException(ErrorType type, String message, Map<String, String> context) {
        this(type, message, context, null);
    }

    /** The SPEC error type this failure is reported as. */
    public ErrorType type() {
        return type;
    }

    /** Values that explain the failure (never secrets), rendered as an error detail's context. */
    public Map<String, String> context() {
        return context;
    }

    /** Whether another attempt may succeed. */
    public boolean retriable() {
        return false;
    }

    /** The message alone, without the context that {@link #getMessage()} appends for logs. */
    public String plainMessage() {
        return super.getMessage();
    }

    @Override
    public String getMessage() {
        return context.isEmpty() ? super.getMessage() : super.getMessage() + " " + context;
    }
}
