package io.bonafide.gateway.internal;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The X-Correlation-ID and X-Request-ID of one request: the client's value when it is short and
 * made of safe characters (so that it can go into events, headers and log lines as is), else a
 * fresh UUID.
 */
public record RequestIds(String correlationId, String requestId) {
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:@/+=-]{1,128}");

    public static RequestIds of(String correlationHeader, String requestHeader) {
        String request = accepted(requestHeader) ? requestHeader : UUID.randomUUID().toString();
        String correlation = accepted(correlationHeader) ? correlationHeader : request;
        return new RequestIds(correlation, request);
    }

    static boolean accepted(String value) {
        return value != null && SAFE.matcher(value).matches();
    }
}
