package io.bonafide.tasks.webhook.internal;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;

/**
 * Makes one signed delivery attempt: checks the target with the {@link AddressPolicy} (resolving
 * its host once), signs the body for this attempt's timestamp and POSTs it with the JDK client,
 * redirects off so that a 3xx can never lead past the guard. Blocking: it runs on a delivery
 * thread, never on the thread that reads the state topic.
 *
 * <p>Residual DNS-rebinding risk: the JDK client resolves the host again when it connects. The
 * JVM's resolver cache (networkaddress.cache.ttl, 30 s by default without a security manager)
 * normally answers that second lookup with the addresses just checked, but a lookup that misses
 * the cache (expiry between check and connect) may see different addresses. Deployments that
 * need a hard guarantee keep the cache TTL above the request timeout or route egress through a
 * filtering proxy; see docs/webhooks.md.
 */
public final class DeliveryClient {
    private final AddressPolicy policy;
    private final HttpClient http;
    private final Duration requestTimeout;
    private final Clock clock;

    public DeliveryClient(AddressPolicy policy, Duration connectTimeout, Duration requestTimeout, Clock clock) {
        this.policy = policy;
        this.http = HttpClient.newBuilder().connectTimeout(connectTimeout).followRedirects(HttpClient.Redirect.NEVER)
                .proxy(HttpClient.Builder.NO_PROXY).version(HttpClient.Version.HTTP_1_1).build();
        this.requestTimeout = requestTimeout;
        this.clock = clock;
    }

    /** One attempt; its outcome, never an exception for anything the network or receiver does. */
    public AttemptOutcome attempt(String url, String webhookId, byte[] key, byte[] body, String correlationId) {
        AddressPolicy.Target target;
        try {
            target = policy.check(url);
        } catch (AddressPolicy.RefusedTarget e) {
            return AttemptOutcome.failure(AttemptOutcome.Kind.REFUSED, e.getMessage());
        } catch (UnknownHostException e) {
            return AttemptOutcome.failure(AttemptOutcome.Kind.CONNECT_ERROR, "unknown host");
        }
        long timestamp = clock.instant().getEpochSecond();
        HttpRequest.Builder request = HttpRequest.newBuilder(target.uri()).timeout(requestTimeout)
                .header("content-type", "application/json")
                .header("user-agent", "Bonafide-Webhooks/1")
                .header("webhook-id", webhookId)
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", StandardWebhookSigner.sign(key, webhookId, timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (correlationId != null && !correlationId.isBlank()) {
            request.header("X-Correlation-ID", correlationId);
        }
        try {
            HttpResponse<Void> response = http.send(request.build(), HttpResponse.BodyHandlers.discarding());
            return AttemptOutcome.ofStatus(response.statusCode(),
                    response.headers().firstValue("retry-after").flatMap(v -> RetryAfter.parse(v, clock.instant())));
        } catch (HttpTimeoutException e) {
            return AttemptOutcome.failure(AttemptOutcome.Kind.TIMEOUT, e.getClass().getSimpleName());
        } catch (ConnectException e) {
            return AttemptOutcome.failure(AttemptOutcome.Kind.CONNECT_ERROR, e.getClass().getSimpleName());
        } catch (IOException e) {
            return AttemptOutcome.failure(AttemptOutcome.Kind.CONNECT_ERROR, e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return AttemptOutcome.failure(AttemptOutcome.Kind.CONNECT_ERROR, "interrupted");
        } catch (IllegalArgumentException e) {
            return AttemptOutcome.failure(AttemptOutcome.Kind.REFUSED, "invalid request: " + e.getClass().getSimpleName());
        }
    }
}
