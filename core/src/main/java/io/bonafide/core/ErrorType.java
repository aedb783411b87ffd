package io.bonafide.core;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The error types of SPEC 2 and 3, with their wire names. This enumeration is the one place where
 * the project's failures meet the names that clients and events carry: HTTP bodies, error events
 * and webhook payloads all render {@link #wireName()}.
 */
public enum ErrorType {
    INTERNAL("internal", false),
    RESOURCE_NOT_FOUND("resource.not-found", false),
    METHOD_INVALID("method.invalid", false),
    REQUEST_CONFLICT("request.conflict", false),
    REQUEST_FORBIDDEN("request.forbidden", false),
    REQUEST_INVALID("request.invalid", false),
    REQUEST_VALIDATION_ERROR("request.validation-error", false),
    REQUEST_RATE_LIMIT_EXCEEDED("request.rate-limit-exceeded", false),
    REQUEST_SIZE_LIMIT_EXCEEDED("request.size-limit-exceeded", false),
    STORAGE_CAPACITY_EXCEEDED("storage.capacity-exceeded", false),
    MEDIA_UNDECODABLE("media.undecodable", true),
    MEDIA_UNSUPPORTED_FORMAT("media.unsupported-format", true),
    MEDIA_EMPTY("media.empty", true),
    MEDIA_CHANNEL_OUT_OF_RANGE("media.channel-out-of-range", true),
    MEDIA_TIME_RANGE_INVALID("media.time-range-invalid", true),
    MEDIA_TOO_LONG("media.too-long", true);

    private static final Map<String, ErrorType> BY_WIRE_NAME = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(ErrorType::wireName, Function.identity()));

    private final String wireName;
    private final boolean rejectsInput;

    ErrorType(String wireName, boolean rejectsInput) {
        this.wireName = wireName;
        this.rejectsInput = rejectsInput;
    }

    /** The name clients and events see, e.g. {@code media.undecodable}. */
    public String wireName() {
        return wireName;
    }

    /**
     * Whether a task failing with this type can never be processed, so that it ends
     * {@code rejected} rather than {@code failed} (SPEC 3 state machine).
     */
    public boolean rejectsInput() {
        return rejectsInput;
    }

    /** The type with this wire name, if there is one. */
    public static Optional<ErrorType> fromWireName(String wireName) {
        return Optional.ofNullable(BY_WIRE_NAME.get(wireName));
    }

    @Override
    public String toString() {
        return wireName;
    }
}
