package io.bonafide.gateway.internal;

import io.bonafide.core.ErrorType;
import io.bonafide.tasks.TaskDocument;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's own error answers (a request line or headers it cannot parse, headers too large, a
 * failure outside the API handler) in the SPEC 2 error body instead of Jetty's HTML page, with
 * generated request ids; never a stack trace.
 */
public final class SpecErrorHandler extends ErrorHandler {
    private final AccessLog accessLog;

    public SpecErrorHandler(java.time.Clock clock) {
        this.accessLog = new AccessLog(clock);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        int status = response.getStatus() > 0 ? response.getStatus() : 500;
        Object attribute = request.getAttribute(ERROR_STATUS);
        if (attribute instanceof Integer code) {
            status = code;
        }
        if (status == 505) {
            // an HTTP version Jetty does not speak is a malformed request, the client's to fix
            status = 400;
        }
        RequestIds ids = RequestIds.of(null, null);
        byte[] body = body(status);
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put("X-Correlation-ID", ids.correlationId());
        response.getHeaders().put("X-Request-ID", ids.requestId());
        response.write(true, ByteBuffer.wrap(body), callback);
        accessLog.write(request.getMethod(), Request.getPathInContext(request), status, 0, null, null, ids, -1);
        return true;
    }

    static byte[] body(int status) {
        ErrorType type = switch (status) {
            case 404 -> ErrorType.RESOURCE_NOT_FOUND;
            case 405 -> ErrorType.METHOD_INVALID;
            case 413 -> ErrorType.REQUEST_SIZE_LIMIT_EXCEEDED;
            default -> status >= 500 ? ErrorType.INTERNAL : ErrorType.REQUEST_INVALID;
        };
        String message = status >= 500 ? "internal error" : "the request could not be parsed (HTTP " + status + ")";
        ApiError error = new ApiError(status, type, message,
                List.of(new ApiError.Detail(List.of("request"), message, type.wireName(), Map.of())), Map.of());
        return TaskDocument.toBytes(error.body());
    }
}
