package io.bonafide.gateway.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bonafide.core.ErrorType;
import io.bonafide.gateway.LocalTaskStateEndpoint;
import io.bonafide.schemas.EventSchemas;
import io.bonafide.schemas.event.AudioReference;
import io.bonafide.schemas.event.TaskDeleted;
import io.bonafide.schemas.event.TaskState;
import io.bonafide.schemas.event.VerificationRequested;
import io.bonafide.store.AudioStore;
import io.bonafide.store.StoredAudio;
import io.bonafide.tasks.TaskDocument;
import io.bonafide.tasks.TaskLookup;
import io.bonafide.tasks.TaskStateUnavailableException;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every route of the gateway on one Jetty core handler: the SPEC 2 task API (upload, poll,
 * delete), the internal task-state route, {@code /openapi.json}, {@code /healthz},
 * {@code /readyz} and {@code /metrics}. Each request gets its correlation and request ids,
 * is authenticated and rate limited per tenant (task API only), and ends either in its answer
 * or in exactly one SPEC error body; one JSON access-log line records it.
 */
public final class ApiHandler extends Handler.Abstract {
    public static final String API_BASE = "/api/technology/experimental/authenticity-verification";
    public static final String INTERNAL_STATE = "/internal/v1/task-state/";
    private static final Logger LOG = LoggerFactory.getLogger(ApiHandler.class);
    private static final Pattern TASK_ID = Pattern.compile("[A-Za-z0-9._-]{1,128}");
    /** How long a DELETE waits for the task state to drop the task before answering 204. */
    static final Duration DELETE_VISIBLE_WAIT = Duration.ofSeconds(5);
    private static final Duration DELETE_POLL = Duration.ofMillis(20);

    /** The limits and switches the handler applies. */
    public record Settings(boolean authEnabled, String defaultTenant, long maxFileSize, int maxConfigSize,
                           int maxParts, int maxPartHeadersBytes, long storeCapacityBytes) {
    }

    private final Settings settings;
    private final Optional<TenantDirectory> tenants;
    private final RequestRateLimiter rateLimiter;
    private final CapacityLedger capacity;
    private final AcceptedTasks accepted;
    private final PublicUrls urls;
    private final AudioStore store;
    private final StoreUsage storeUsage;
    private final AudioDuration durations;
    private final GatewayEvents events;
    private final TaskLookup lookup;
    private final Optional<LocalTaskStateEndpoint> localState;
    private final Clock clock;
    private final MeterRegistry metrics;
    private final Supplier<String> scrape;
    private final BooleanSupplier ready;
    private final byte[] openApi;
    private final AccessLog accessLog;

    public ApiHandler(Settings settings, Optional<TenantDirectory> tenants, RequestRateLimiter rateLimiter,
                      CapacityLedger capacity, AcceptedTasks accepted, PublicUrls urls, AudioStore store,
                      StoreUsage storeUsage, AudioDuration durations, GatewayEvents events, TaskLookup lookup,
                      Optional<LocalTaskStateEndpoint> localState, Clock clock, MeterRegistry metrics,
                      Supplier<String> scrape, BooleanSupplier ready, byte[] openApi) {
        this.settings = settings;
        this.tenants = tenants;
        this.rateLimiter = rateLimiter;
        this.capacity = capacity;
        this.accepted = accepted;
        this.urls = urls;
        this.store = store;
        this.storeUsage = storeUsage;
        this.durations = durations;
        this.events = events;
        this.lookup = lookup;
        this.localState = localState;
        this.clock = clock;
        this.metrics = metrics;
        this.scrape = scrape;
        this.ready = ready;
        this.openApi = openApi.clone();
        this.accessLog = new AccessLog(clock);
    }

    /** What one request turned into, for the access log. */
    private static final class Exchange {
        final RequestIds ids;
        final long startNanos = System.nanoTime();
        final Map<String, String> headers = new LinkedHashMap<>();
        String route = "unknown";
        String tenant;
        String taskId;
        long uploadBytes = -1;

        Exchange(RequestIds ids) {
            this.ids = ids;
        }
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        HttpHeadersView headers = name -> request.getHeaders().get(name);
        Exchange exchange = new Exchange(RequestIds.of(headers.get("X-Correlation-ID"), headers.get("X-Request-ID")));
        String method = request.getMethod();
        String path = Request.getPathInContext(request);
        int status;
        try {
            Answer answer = route(request, method, path, headers, exchange);
            status = answer.status();
            write(response, callback, exchange, answer.status(), answer.contentType(), answer.body(), answer.headers());
        } catch (Throwable failure) {
            ApiError error = ApiError.of(failure);
            if (error.status() >= 500 && !(failure instanceof ApiError)) {
                LOG.error("request {} {} failed (correlation_id={}, request_id={})", method, path,
                        exchange.ids.correlationId(), exchange.ids.requestId(), failure);
            }
            status = error.status();
            Map<String, String> errorHeaders = new LinkedHashMap<>(exchange.headers);
            errorHeaders.putAll(error.headers());
            write(response, callback, exchange, error.status(), "application/json",
                    TaskDocument.toBytes(error.body()), errorHeaders);
        }
        metrics.counter("bonafide.gateway.requests", "route", exchange.route, "status", String.valueOf(status))
                .increment();
        accessLog.write(method, path, status, (System.nanoTime() - exchange.startNanos) / 1_000_000.0, exchange.tenant,
                exchange.taskId, exchange.ids, exchange.uploadBytes);
        return true;
    }

    /** One header of the request by name. */
    @FunctionalInterface
    interface HttpHeadersView {
        String get(String name);
    }

    private record Answer(int status, String contentType, byte[] body, Map<String, String> headers) {
        static Answer json(int status, ObjectNode body, Map<String, String> headers) {
            return new Answer(status, "application/json", TaskDocument.toBytes(body), headers);
        }
    }

    private Answer route(Request request, String method, String path, HttpHeadersView headers, Exchange exchange)
            throws IOException {
        switch (path) {
            case API_BASE -> {
                exchange.route = "tasks";
                requireMethod(method, path, List.of("POST"));
                authorize(headers, exchange);
                return upload(request, headers, exchange);
            }
            case "/openapi.json" -> {
                exchange.route = "openapi";
                requireMethod(method, path, List.of("GET"));
                return new Answer(200, "application/json", openApi, exchange.headers);
            }
            case "/healthz" -> {
                exchange.route = "healthz";
                requireMethod(method, path, List.of("GET"));
                return new Answer(200, "text/plain; charset=utf-8", "ok\n".getBytes(StandardCharsets.UTF_8),
                        exchange.headers);
            }
            case "/readyz" -> {
                exchange.route = "readyz";
                requireMethod(method, path, List.of("GET"));
                boolean ok = ready.getAsBoolean();
                return new Answer(ok ? 200 : 503, "text/plain; charset=utf-8",
                        (ok ? "ready\n" : "not ready\n").getBytes(StandardCharsets.UTF_8), exchange.headers);
            }
            case "/metrics" -> {
                exchange.route = "metrics";
                requireMethod(method, path, List.of("GET"));
                return new Answer(200, "text/plain; version=0.0.4; charset=utf-8",
                        scrape.get().getBytes(StandardCharsets.UTF_8), exchange.headers);
            }
            default -> {
                if (path.startsWith(API_BASE + "/")) {
                    exchange.route = "task";
                    String taskId = path.substring(API_BASE.length() + 1);
                    if (!TASK_ID.matcher(taskId).matches()) {
                        throw ApiError.notFound("no such resource: " + clip(path), "path");
                    }
                    requireMethod(method, path, List.of("GET", "DELETE"));
                    authorize(headers, exchange);
                    exchange.taskId = taskId;
                    return method.equals("GET") ? poll(taskId, exchange) : delete(taskId, exchange);
                }
                if (path.startsWith(INTERNAL_STATE) && localState.isPresent()) {
                    exchange.route = "internal-task-state";
                    String taskId = path.substring(INTERNAL_STATE.length());
                    if (!TASK_ID.matcher(taskId).matches()) {
                        throw ApiError.notFound("no such resource: " + clip(path), "path");
                    }
                    requireMethod(method, path, List.of("GET"));
                    exchange.taskId = taskId;
                    return internalState(taskId, exchange);
                }
                throw ApiError.notFound("no such resource: " + clip(path), "path");
            }
        }
    }

    private static void requireMethod(String method, String path, List<String> allowed) {
        if (!allowed.contains(method)) {
            throw ApiError.methodInvalid(clip(method), clip(path), allowed);
        }
    }

    /** Finds the tenant and applies its rate limit; sets x-ratelimit-* on whatever the answer will be. */
    private void authorize(HttpHeadersView headers, Exchange exchange) {
        if (settings.authEnabled()) {
            String key = headers.get("X-API-Key");
            String authorization = headers.get("Authorization");
            if (key == null && authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
                key = authorization.substring(7).strip();
            }
            if (key == null || key.isEmpty()) {
                throw ApiError.unauthorized("an API key is required (X-API-Key or Authorization: Bearer)");
            }
            String presented = key;
            exchange.tenant = tenants.flatMap(t -> t.tenantOf(presented))
                    .orElseThrow(() -> ApiError.unauthorized("the API key is not valid"));
        } else {
            exchange.tenant = settings.defaultTenant();
        }
        if (rateLimiter.enabled()) {
            RequestRateLimiter.Decision decision = rateLimiter.acquire(exchange.tenant);
            exchange.headers.put("x-ratelimit-limit", String.valueOf(decision.limit()));
            exchange.headers.put("x-ratelimit-remaining", String.valueOf(decision.remaining()));
            exchange.headers.put("x-ratelimit-reset", String.valueOf(decision.resetSeconds()));
            if (!decision.allowed()) {
                String message = "the tenant's request rate limit of " + decision.limit() + " per window is exceeded";
                throw new ApiError(429, ErrorType.REQUEST_RATE_LIMIT_EXCEEDED, message,
                        List.of(new ApiError.Detail(List.of("tenant"), message, "request.rate-limit-exceeded",
                                Map.of("limit", String.valueOf(decision.limit()),
                                        "reset_seconds", String.valueOf(decision.resetSeconds())))),
                        Map.of("retry-after", String.valueOf(decision.resetSeconds())));
            }
        }
    }

    private Answer upload(Request request, HttpHeadersView headers, Exchange exchange) throws IOException {
        Fields query = queryOf(request);
        VerificationParameters parameters = VerificationParameters.fromQuery(name -> {
            List<String> values = query.getValues(name);
            return values == null ? List.of() : values;
        });
        String boundary = MultipartReader.boundaryOf(headers.get("Content-Type")).orElseThrow(() ->
                ApiError.invalid("the body must be multipart/form-data with a boundary, holding part 'file'",
                        "header", "Content-Type"));
        long overhead = settings.maxConfigSize() + (long) settings.maxParts() * (settings.maxPartHeadersBytes() + 256);
        long declared = request.getLength();
        if (declared > settings.maxFileSize() + overhead) {
            exchange.headers.put("Connection", "close");
            throw ApiError.tooLarge(declared, settings.maxFileSize());
        }
        if (settings.storeCapacityBytes() > 0 && storeUsage.usedBytes() > settings.storeCapacityBytes()) {
            String message = "the audio store is over its configured capacity; retry later";
            throw new ApiError(507, ErrorType.STORAGE_CAPACITY_EXCEEDED, message,
                    List.of(new ApiError.Detail(List.of("body", "file"), message, "storage.capacity-exceeded",
                            Map.of("capacity_bytes", String.valueOf(settings.storeCapacityBytes())))),
                    Map.of());
        }
        String tenant = exchange.tenant;
        Object reservation = capacity.reserveTask(tenant);
        String taskId = UUID.randomUUID().toString();
        StoredAudio stored = null;
        MultipartReader.Part filePart = null;
        try {
            MultipartReader reader = new MultipartReader(Request.asInputStream(request), boundary, settings.maxParts(),
                    settings.maxPartHeadersBytes());
            boolean sawConfig = false;
            for (Optional<MultipartReader.Part> next = reader.next(); next.isPresent(); next = reader.next()) {
                MultipartReader.Part part = next.get();
                switch (part.name()) {
                    case "file" -> {
                        if (stored != null) {
                            throw ApiError.invalid("the body holds more than one part 'file'", "body", "file");
                        }
                        filePart = part;
                        stored = store.put(tenant, taskId,
                                new LimitedStream(part.content(), settings.maxFileSize()), settings.maxFileSize());
                        exchange.uploadBytes = stored.sizeBytes();
                    }
                    case "config" -> {
                        if (sawConfig) {
                            throw ApiError.invalid("the body holds more than one part 'config'", "body", "config");
                        }
                        sawConfig = true;
                        parameters = parameters.withConfig(readSmall(part.content(), settings.maxConfigSize(), "config"));
                    }
                    default -> readSmall(part.content(), settings.maxConfigSize(), part.name());
                }
            }
            if (stored == null) {
                throw ApiError.invalid("the body holds no part 'file'", "body", "file");
            }
            storeUsage.added(stored.sizeBytes());
            if (capacity.limits().audioSecondsInFlight() > 0) {
                capacity.reserveSeconds(reservation, durations.seconds(stored));
            }
            EventSchemas.trustEventClasses();
            VerificationRequested event = VerificationRequested.newBuilder()
                    .setTaskId(taskId)
                    .setTenant(tenant)
                    .setAudio(AudioReference.newBuilder().setUri(stored.uri().toString()).setSha256(stored.sha256())
                            .setSizeBytes(stored.sizeBytes()).setContentType(filePart.contentType().orElse(null))
                            .setOriginalName(filePart.fileName().map(ApiHandler::clipName).orElse(null)).build())
                    .setOperations(parameters.effectiveOperations())
                    .setChannelMode(parameters.channelMode())
                    .setChannels(parameters.channels())
                    .setStartTime(parameters.startTime())
                    .setEndTime(parameters.endTime())
                    .setRawSegmentation(parameters.rawSegmentation())
                    .setEmbeddings(parameters.embeddings())
                    .setCallbackUrl(parameters.callbackUrl())
                    .setMeta(new LinkedHashMap<>(parameters.meta()))
                    .setCorrelationId(exchange.ids.correlationId())
                    .setRequestId(exchange.ids.requestId())
                    .setSubmittedAt(clock.instant())
                    .build();
            events.requested(event);
            accepted.add(taskId, new AcceptedTasks.Accepted(tenant, stored.uri()));
            capacity.accept(reservation, taskId);
        } catch (Throwable failure) {
            capacity.release(reservation);
            if (stored != null) {
                deleteQuietly(stored.uri(), failure);
            }
            if (failure instanceof ApiError api && api.status() == 413) {
                exchange.headers.put("Connection", "close");
            }
            throw failure;
        }
        exchange.taskId = taskId;
        metrics.counter("bonafide.gateway.upload.bytes").increment(stored.sizeBytes());
        String location = urls.base(request.getHttpURI().getScheme(), headers.get("Host"), headers::get)
                + API_BASE + "/" + taskId;
        Map<String, String> answerHeaders = new LinkedHashMap<>(exchange.headers);
        answerHeaders.put("Location", location);
        answerHeaders.put("X-Location", location);
        return Answer.json(202, TaskDocument.pending(taskId), answerHeaders);
    }

    /** A task deleted through this instance lately is gone here at once, whatever the task state still holds. */
    private void rejectDeleted(String taskId) {
        if (accepted.isDeleted(taskId)) {
            throw ApiError.notFound("no such task: " + taskId, "path", "task_id");
        }
    }

    private Answer poll(String taskId, Exchange exchange) {
        rejectDeleted(taskId);
        Optional<TaskState> state;
        try {
            state = lookup.find(taskId);
        } catch (TaskStateUnavailableException e) {
            throw ApiError.unavailable("the task state cannot be read right now; retry later", 2);
        }
        if (state.isPresent()) {
            if (!state.get().getTenant().equals(exchange.tenant)) {
                throw ApiError.notFound("no such task: " + taskId, "path", "task_id");
            }
            return Answer.json(200, TaskDocument.render(state.get()), exchange.headers);
        }
        Optional<AcceptedTasks.Accepted> mine = accepted.find(taskId);
        if (mine.isPresent() && mine.get().tenant().equals(exchange.tenant)) {
            return Answer.json(200, TaskDocument.pending(taskId), exchange.headers);
        }
        throw ApiError.notFound("no such task: " + taskId, "path", "task_id");
    }

    private Answer delete(String taskId, Exchange exchange) {
        rejectDeleted(taskId);
        Optional<TaskState> state;
        try {
            state = lookup.find(taskId);
        } catch (TaskStateUnavailableException e) {
            throw ApiError.unavailable("the task state cannot be read right now; retry later", 2);
        }
        Optional<AcceptedTasks.Accepted> mine = accepted.find(taskId);
        URI audio;
        if (state.isPresent()) {
            if (!state.get().getTenant().equals(exchange.tenant)) {
                throw ApiError.notFound("no such task: " + taskId, "path", "task_id");
            }
            audio = state.get().getRequest() != null ? URI.create(state.get().getRequest().getAudio().getUri())
                    : mine.map(AcceptedTasks.Accepted::audio).orElse(null);
        } else if (mine.isPresent() && mine.get().tenant().equals(exchange.tenant)) {
            audio = mine.get().audio();
        } else {
            throw ApiError.notFound("no such task: " + taskId, "path", "task_id");
        }
        if (audio != null && store.serves(audio)) {
            store.delete(audio);
        }
        EventSchemas.trustEventClasses();
        events.deleted(TaskDeleted.newBuilder().setTaskId(taskId).setTenant(exchange.tenant)
                .setDeletedAt(clock.instant()).setCorrelationId(exchange.ids.correlationId())
                .setRequestId(exchange.ids.requestId()).build());
        accepted.deleted(taskId);
        capacity.forget(taskId);
        if (state.isPresent()) {
            awaitStateGone(taskId);
        }
        return new Answer(204, null, new byte[0], exchange.headers);
    }

    /**
     * Waits, at most {@link #DELETE_VISIBLE_WAIT}, until the task state this instance reads no
     * longer holds the task, so that a GET through any instance after the 204 answers 404 (this
     * instance answers 404 at once either way). Past the bound the deletion still happens: the event
     * is on the bus.
     */
    private void awaitStateGone(String taskId) {
        long deadline = System.nanoTime() + DELETE_VISIBLE_WAIT.toNanos();
        try {
            while (lookup.find(taskId).isPresent() && System.nanoTime() < deadline) {
                Thread.sleep(DELETE_POLL.toMillis());
            }
        } catch (TaskStateUnavailableException e) {
            // the state is being restored elsewhere; the deletion is on the bus
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Answer internalState(String taskId, Exchange exchange) {
        LocalTaskStateEndpoint endpoint = localState.orElseThrow();
        Optional<byte[]> encoded;
        try {
            encoded = endpoint.findLocal(taskId);
        } catch (TaskStateUnavailableException e) {
            throw ApiError.unavailable("the local task state cannot be read right now", 1);
        }
        return encoded.map(bytes -> new Answer(200, endpoint.contentType(), bytes, exchange.headers))
                .orElseThrow(() -> ApiError.notFound("this instance holds no state of task " + taskId, "path", "task_id"));
    }

    private static Fields queryOf(Request request) {
        try {
            return Request.extractQueryParameters(request, StandardCharsets.UTF_8);
        } catch (RuntimeException e) {
            throw ApiError.invalid("the query string cannot be decoded", "query");
        }
    }

    private static byte[] readSmall(InputStream in, int max, String part) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        for (int n; (n = in.read(buffer)) >= 0; ) {
            if (out.size() + n > max) {
                throw ApiError.invalid("part '" + clip(part) + "' is larger than " + max + " bytes", "body", clip(part));
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    private void deleteQuietly(URI uri, Throwable failure) {
        try {
            store.delete(uri);
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    private void write(Response response, Callback callback, Exchange exchange, int status, String contentType,
                       byte[] body, Map<String, String> headers) {
        response.setStatus(status);
        response.getHeaders().put("X-Correlation-ID", exchange.ids.correlationId());
        response.getHeaders().put("X-Request-ID", exchange.ids.requestId());
        headers.forEach((name, value) -> response.getHeaders().put(name, value));
        if (contentType != null) {
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        }
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    static String clip(String text) {
        String safe = text.replaceAll("[^\\x20-\\x7e]", "?");
        return safe.length() > 200 ? safe.substring(0, 200) + "…" : safe;
    }

    private static String clipName(String name) {
        return name.length() > 255 ? name.substring(0, 255) : name;
    }

    /** The file part's bytes, failing with 413 as soon as more than the maximum arrived. */
    private static final class LimitedStream extends InputStream {
        private final InputStream in;
        private final long max;
        private long count;

        LimitedStream(InputStream in, long max) {
            this.in = in;
            this.max = max;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                count += n;
                if (count > max) {
                    throw ApiError.tooLarge(count, max);
                }
            }
            return n;
        }
    }
}
