package io.bonafide.tasks.webhook.internal;

import java.time.Duration;
import java.util.Optional;

/**
 * What one delivery attempt came to: the receiver's status (with its Retry-After, if any), or
 * why no status came back. {@link #tag()} is the outcome label of metrics and log lines.
 *
 * @param kind       the class of outcome that decides what happens next
 * @param status     the HTTP status, or 0 when none came back
 * @param retryAfter the receiver's Retry-After, read only for 429 and 503
 * @param detail     a short reason for logs (exception class, refusal reason); never a secret or URL
 */
public record AttemptOutcome(Kind kind, int status, Optional<Duration> retryAfter, String detail) {

    /** Classes of outcome. */
    public enum Kind { SUCCESS, GONE, THROTTLED, CLIENT_ERROR, SERVER_ERROR, TIMEOUT, CONNECT_ERROR, REFUSED }

    /** The outcome of an HTTP answer with {@code status}. */
    public static AttemptOutcome ofStatus(int status, Optional<Duration> retryAfter) {
        Kind kind;
        if (status >= 200 && status < 300) {
            kind = Kind.SUCCESS;
        } else if (status == 410) {
            kind = Kind.GONE;
        } else if (status == 429 || status == 503) {
            kind = Kind.THROTTLED;
        } else if (status >= 500) {
            kind = Kind.SERVER_ERROR;
        } else {
            // 1xx/3xx (redirects are not followed: they could lead past the SSRF guard) and 4xx
            kind = Kind.CLIENT_ERROR;
        }
        return new AttemptOutcome(kind, status, kind == Kind.THROTTLED ? retryAfter : Optional.empty(), "");
    }

    public static AttemptOutcome failure(Kind kind, String detail) {
        return new AttemptOutcome(kind, 0, Optional.empty(), detail);
    }

    /** The metrics/log label: the status class or the failure kind. */
    public String tag() {
        return switch (kind) {
            case SUCCESS -> "success";
            case GONE -> "gone";
            case THROTTLED -> "throttled";
            case CLIENT_ERROR -> "client_error";
            case SERVER_ERROR -> "server_error";
            case TIMEOUT -> "timeout";
            case CONNECT_ERROR -> "connect_error";
            case REFUSED -> "refused";
        };
    }
}
