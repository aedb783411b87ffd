package io.bonafide.gateway.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bonafide.core.BonafideException;
import io.bonafide.core.ErrorType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An HTTP answer that is an error: status, SPEC error type, message, details and any extra
 * headers (retry-after, x-ratelimit-*). Thrown by request handling and rendered once, so every
 * error leaves with the SPEC 2 body {@code {"type","message","detail":[…]}}.
 */
public final class ApiError extends BonafideException {
    private static final long serialVersionUID = 1L;

    /** One entry of {@code detail}. */
    public record Detail(List<String> location, String message, String type, Map<String, String> context) {
        public Detail {
            location = List.copyOf(location);
            context = Map.copyOf(context);
        }
    }

    private final int status;
    private final List<Detail> details;
    private final Map<String, String> headers;

    public ApiError(int status, ErrorType type, String message, List<Detail> details, Map<String, String> headers) {
        super(type, message, Map.of());
        this.status = status;
        this.details = List.copyOf(details);
        this.headers = Map.copyOf(headers);
    }

    public static ApiError invalid(String message, String... location) {
        return new ApiError(400, ErrorType.REQUEST_INVALID, message,
                List.of(new Detail(List.of(location), message, "request.invalid", Map.of())), Map.of());
    }

    public static ApiError validation(String message, String... location) {
        return new ApiError(422, ErrorType.REQUEST_VALIDATION_ERROR, "invalid request parameters",
                List.of(new Detail(List.of(location), message, "value_error", Map.of())), Map.of());
    }

    public static ApiError notFound(String message, String... location) {
        return new ApiError(404, ErrorType.RESOURCE_NOT_FOUND, message,
                List.of(new Detail(List.of(location), message, "resource.not-found", Map.of())), Map.of());
    }

    public static ApiError methodInvalid(String method, String path, List<String> allowed) {
        String message = "method " + method + " is not allowed on " + path;
        return new ApiError(405, ErrorType.METHOD_INVALID, message,
                List.of(new Detail(List.of("method"), message, "method.invalid", Map.of("allowed", String.join(", ", allowed)))),
                Map.of("Allow", String.join(", ", allowed)));
    }

    public static ApiError unauthorized(String message) {
        return new ApiError(401, ErrorType.REQUEST_FORBIDDEN, message,
                List.of(new Detail(List.of("header", "X-API-Key"), message, "authentication.required", Map.of())),
                Map.of("WWW-Authenticate", "Bearer realm=\"bonafide\""));
    }

    public static ApiError tooLarge(long fileSize, long maxFileSize) {
        String message = "the file is larger than the maximum of " + maxFileSize + " bytes";
        Map<String, String> context = new LinkedHashMap<>();
        context.put("file_size", String.valueOf(fileSize));
        context.put("max_file_size", String.valueOf(maxFileSize));
        context.put("size_unit", "bytes");
        return new ApiError(413, ErrorType.REQUEST_SIZE_LIMIT_EXCEEDED, message,
                List.of(new Detail(List.of("body", "file"), message, "media.too-large", context)),
                Map.of("Connection", "close"));
    }

    public static ApiError internal() {
        return new ApiError(500, ErrorType.INTERNAL, "internal error",
                List.of(new Detail(List.of(), "the request could not be completed; it is logged with its ids",
                        "internal", Map.of())), Map.of());
    }

    public static ApiError unavailable(String message, long retryAfterSeconds) {
        return new ApiError(503, ErrorType.INTERNAL, message,
                List.of(new Detail(List.of(), message, "service.unavailable",
                        Map.of("retry_after", String.valueOf(retryAfterSeconds)))),
                Map.of("Retry-After", String.valueOf(retryAfterSeconds)));
    }

    public int status() {
        return status;
    }

    public List<Detail> details() {
        return details;
    }

    public Map<String, String> headers() {
        return headers;
    }

    /** The same error with more headers. */
    public ApiError withHeaders(Map<String, String> more) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.putAll(more);
        return new ApiError(status, type(), plainMessage(), details, all);
    }

    /** The SPEC 2 error body. */
    public ObjectNode body() {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("type", type().wireName());
        body.put("message", plainMessage());
        ArrayNode detail = body.putArray("detail");
        for (Detail d : details) {
            ObjectNode entry = detail.addObject();
            ArrayNode location = entry.putArray("location");
            d.location().forEach(location::add);
            entry.put("message", d.message());
            entry.put("type", d.type());
            ObjectNode context = entry.putObject("context");
            new TreeMap<>(d.context()).forEach(context::put);
        }
        return body;
    }

    /** The answer for any failure: an ApiError as is, a typed BonafideException by its type, anything else 500. */
    public static ApiError of(Throwable failure) {
        if (failure instanceof ApiError api) {
            return api;
        }
        if (failure instanceof BonafideException typed) {
            List<Detail> details = new ArrayList<>();
            ErrorType type = typed.type();
            switch (type) {
                case REQUEST_SIZE_LIMIT_EXCEEDED -> {
                    Map<String, String> c = typed.context();
                    return tooLarge(Long.parseLong(c.getOrDefault("file_size", "0")),
                            Long.parseLong(c.getOrDefault("max_file_size", "0")));
                }
                case STORAGE_CAPACITY_EXCEEDED -> {
                    details.add(new Detail(List.of("body", "file"), typed.plainMessage(), type.wireName(), typed.context()));
                    return new ApiError(507, type, typed.plainMessage(), details, Map.of());
                }
                default -> {
                    if (typed.retriable()) {
                        return unavailable("a backing service does not answer right now; retry later", 5);
                    }
                    return internal();
                }
            }
        }
        return internal();
    }
}
