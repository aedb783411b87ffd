package io.bonafide.gateway;

import static io.bonafide.gateway.Http.BASE;
import static io.bonafide.gateway.Http.json;
import static io.bonafide.gateway.Http.multipart;
import static io.bonafide.gateway.Http.parts;
import static io.bonafide.gateway.Http.request;
import static io.bonafide.gateway.Http.send;
import static io.bonafide.gateway.Http.upload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.bonafide.gateway.internal.TenantDirectory;
import io.bonafide.schemas.event.ChannelMode;
import io.bonafide.schemas.event.Operation;
import io.bonafide.schemas.event.TaskStatus;
import io.bonafide.schemas.event.VerificationRequested;
import io.bonafide.tasks.TaskStateUnavailableException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/** The task API against the real broker, registry and filesystem store, over real HTTP. */
class GatewayApiIT {
    private GatewayHarness harness;

    @BeforeEach
    void slice(TestInfo test) throws Exception {
        harness = new GatewayHarness(test.getTestMethod().orElseThrow().getName());
    }

    @AfterEach
    void release() {
        harness.close();
    }

    @AfterAll
    static void shouldHaveAnsweredOnlyWhatTheApiDocumentLists() throws Exception {
        // Then every route and status these tests saw is in /openapi.json (unknown paths aside: 404 anywhere)
        Set<String> seen = new TreeSet<>(Http.OBSERVED);
        seen.removeIf(s -> s.contains("/nothing"));
        assertThat(seen).isNotEmpty();
        Set<String> documented = OpenApiDocumentTest.documented();
        // a 405 answers a method the path lacks, so it is documented on the path's own operations
        Set<String> pathsWith405 = new TreeSet<>();
        documented.stream().filter(d -> d.endsWith(" 405")).forEach(d -> pathsWith405.add(d.split(" ")[1]));
        seen.removeIf(s -> s.endsWith(" 405") && pathsWith405.contains(s.split(" ")[1]));
        assertThat(documented).containsAll(seen);
    }

    @Test
    void shouldStreamTheUploadIntoTheStorePublishTheRequestAndAnswerPendingWithAbsolutePollingUrls() throws Exception {
        try (GatewayServer gateway = harness.gateway(Map.of())) {
            // Given a 3.5 s WAV with a config part and query parameters
            byte[] wav = GatewayHarness.wav(3.5, 16_000, 1);
            String config = "{\"operations\":[\"deepfake_detection\"],\"callback_url\":\"https://hooks.example.com/b\","
                    + "\"meta\":{\"case\":\"A-17\"},\"embeddings\":true}";

            // When it is uploaded with ids
            HttpResponse<String> response = send(upload(gateway.port(),
                    "?channel_mode=mix&channels=0&start_time=0.5&end_time=3&raw_segmentation=true",
                    multipart(parts("file", wav, "config", config)))
                    .header("X-Correlation-ID", "corr-1").header("X-Request-ID", "req-1"));

            // Then 202 with the pending task and absolute polling URLs, ids echoed
            assertThat(response.statusCode()).isEqualTo(202);
            JsonNode body = json(response);
            String taskId = body.at("/task/task_id").asText();
            assertThat(body.at("/task/state").asText()).isEqualTo("pending");
            assertThat(body.size()).isEqualTo(1);
            String url = "http://127.0.0.1:" + gateway.port() + BASE + "/" + taskId;
            assertThat(response.headers().firstValue("Location")).contains(url);
            assertThat(response.headers().firstValue("X-Location")).contains(url);
            assertThat(response.headers().firstValue("X-Correlation-ID")).contains("corr-1");
            assertThat(response.headers().firstValue("X-Request-ID")).contains("req-1");

            // and the request event was published before the answer, with what was stored
            VerificationRequested event = harness.awaitRequest(taskId);
            assertThat(event.getTenant()).isEqualTo("default");
            assertThat(event.getAudio().getSha256()).isEqualTo(HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(wav)));
            assertThat(event.getAudio().getSizeBytes()).isEqualTo(wav.length);
            assertThat(event.getAudio().getOriginalName()).isEqualTo("file.wav");
            assertThat(event.getAudio().getContentType()).isEqualTo("audio/wav");
            assertThat(Files.readAllBytes(Path.of(URI.create(event.getAudio().getUri())))).isEqualTo(wav);
            assertThat(event.getOperations()).containsExactly(Operation.DEEPFAKE_DETECTION);
            assertThat(event.getChannelMode()).isEqualTo(ChannelMode.MIX);
            assertThat(event.getChannels()).containsExactly(0);
            assertThat(event.getStartTime()).isEqualTo(0.5);
            assertThat(event.getEndTime()).isEqualTo(3.0);
            assertThat(event.getRawSegmentation()).isTrue();
            assertThat(event.getEmbeddings()).isTrue();
            assertThat(event.getCallbackUrl()).isEqualTo("https://hooks.example.com/b");
            assertThat(event.getMeta()).containsEntry("case", "A-17");
            assertThat(event.getCorrelationId()).isEqualTo("corr-1");
            assertThat(event.getRequestId()).isEqualTo("req-1");

            // and a poll before the task state exists answers pending, then the state once it exists
            HttpResponse<String> early = send(request(gateway.port(), BASE + "/" + taskId).GET());
            assertThat(early.statusCode()).isEqualTo(200);
            assertThat(json(early).at("/task/state").asText()).isEqualTo("pending");
            harness.states.put(taskId, GatewayHarness.state(event, TaskStatus.RUNNING));
            HttpResponse<String> later = send(request(gateway.port(), BASE + "/" + taskId).GET());
            assertThat(json(later).at("/task/state").asText()).isEqualTo("running");
            assertThat(json(later).at("/meta/case").asText()).isEqualTo("A-17");
        }
    }

    @Test
    void shouldRunAllThreeOperationsAndGenerateIdsWhenTheClientSendsNone() {
        try (GatewayServer gateway = harness.gateway(Map.of())) {
            // When a bare upload arrives, with an unsafe request id
            HttpResponse<String> response = send(upload(gateway.port(), "", multipart(parts("file",
                    GatewayHarness.wav(1, 8_000, 2)))).header("X-Request-ID", "bad id with spaces"));

            // Then ids are generated and the request names all three operations
            assertThat(response.statusCode()).isEqualTo(202);
            String requestId = response.headers().firstValue("X-Request-ID").orElseThrow();
            assertThat(requestId).isNotEqualTo("bad id with spaces").hasSize(36);
            assertThat(response.headers().firstValue("X-Correlation-ID")).isPresent();
            String taskId = json(response).at("/task/task_id").asText();
            VerificationRequested event = harness.awaitRequest(taskId);
            assertThat(event.getOperations()).containsExactly(Operation.values());
            assertThat(event.getRequestId()).isEqualTo(requestId);
            assertThat(event.getChannelMode()).isEqualTo(ChannelMode.SPLIT);
        }
    }

    /** Uploads a seeded 1 s WAV through the gateway on {@code port}; answers its task id once the request is on the bus. */
    private String acceptedTask(int port, long seed) {
        HttpResponse<String> created = send(upload(port, "", multipart(parts("file", GatewayHarness.wav(1, 8_000, seed)))));
        String taskId = json(created).at("/task/task_id").asText();
        harness.awaitRequest(taskId);
        return taskId;
    }

    @Test
    void shouldDeleteTheStoredAudioAndPublishTaskDeleted() throws Exception {
        try (GatewayServer gateway = harness.gateway(Map.of())) {
            // Given an accepted task
            String taskId = acceptedTask(gateway.port(), 3);
            Path audio = Path.of(URI.create(harness.request(taskId).orElseThrow().getAudio().getUri()));
            assertThat(audio).exists();

            // When it is deleted
            HttpResponse<String> deleted = send(request(gateway.port(), BASE + "/" + taskId).DELETE()
                    .header("X-Correlation-ID", "corr-del"));

            // Then 204, the audio is gone, TaskDeleted is on the bus, and the task is no longer found
            assertThat(deleted.statusCode()).isEqualTo(204);
            assertThat(deleted.headers().firstValue("X-Correlation-ID")).contains("corr-del");
            assertThat(audio).doesNotExist();
            await().atMost(Duration.ofSeconds(30)).until(() -> !harness.deletions.isEmpty());
            assertThat(harness.deletions).singleElement().satisfies(d -> {
                assertThat(d.getTaskId()).isEqualTo(taskId);
                assertThat(d.getTenant()).isEqualTo("default");
                assertThat(d.getCorrelationId()).isEqualTo("corr-del");
            });
            assertSpecError(send(request(gateway.port(), BASE + "/" + taskId).GET()), 404, "resource.not-found");
            assertSpecError(send(request(gateway.port(), BASE + "/" + taskId).DELETE()), 404, "resource.not-found");
        }
    }

    @Test
    void shouldAnswer404ThroughAnyInstanceOnceTheDeleteHasAnswered() throws Exception {
        try (GatewayServer first = harness.gateway(Map.of()); GatewayServer second = harness.gateway(Map.of())) {
            // Given a finished task whose state both instances read, dropped only once TaskDeleted is consumed
            String taskId = acceptedTask(first.port(), 21);
            harness.finish(taskId);
            harness.dropStateOnDeletion = true;
            assertThat(send(request(second.port(), BASE + "/" + taskId).GET()).statusCode()).isEqualTo(200);

            // When it is deleted through the first instance
            assertThat(send(request(first.port(), BASE + "/" + taskId).DELETE()).statusCode()).isEqualTo(204);

            // Then the other instance answers 404 at once: the 204 came after the state was dropped
            assertSpecError(send(request(second.port(), BASE + "/" + taskId).GET()), 404, "resource.not-found");
        }
    }

    @Test
    void shouldAnswer404ForADeletedTaskEvenWhileTheStateLags() throws Exception {
        try (GatewayServer gateway = harness.gateway(Map.of())) {
            // Given a finished task whose state is never dropped (a topology far behind)
            String taskId = acceptedTask(gateway.port(), 22);
            harness.finish(taskId);

            // When it is deleted: 204 once the bounded wait for the state is over
            assertThat(send(request(gateway.port(), BASE + "/" + taskId).DELETE()).statusCode()).isEqualTo(204);

            // Then this instance answers 404 to GET and to a second DELETE, though the state still shows the task
            assertThat(harness.states).containsKey(taskId);
            assertSpecError(send(request(gateway.port(), BASE + "/" + taskId).GET()), 404, "resource.not-found");
            assertSpecError(send(request(gateway.port(), BASE + "/" + taskId).DELETE()), 404, "resource.not-found");
        }
    }

    @Test
    void shouldAnswer400ForRequestsThatCannotBeParsed() {
        try (GatewayServer gateway = harness.gateway(Map.of())) {
            int port = gateway.port();
            // no file part
            assertSpecError(send(upload(port, "", multipart(parts("config", "{}")))), 400, "request.invalid");
            // not multipart
            assertSpecError(send(request(port, BASE).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{}"))), 400, "request.invalid");
            // broken multipart: no closing boundary
            byte[] body = multipart(parts("file", GatewayHarness.wav(0.1, 8_000, 4)));
            byte[] cut = java.util.Arrays.copyOf(body, body.length - 10);
            assertSpecError(send(upload(port, "", cut)), 400, "request.invalid");
            // config that is not JSON
            JsonNode bad = assertSpecError(send(upload(port, "", multipart(parts("file",
                    GatewayHarness.wav(0.1, 8_000, 5), "config", "{not json")))), 400, "request.invalid");
            assertThat(bad.at("/detail/0/location").toString()).isEqualTo("[\"body\",\"config\"]");
            // and nothing was left in the store
            assertThat(storedFiles()).isEmpty();
        }
    }

    @Test
    void shouldAnswer422NamingTheParameter() {
        try (GatewayServer gateway = harness.gateway(Map.of())) {
            int port = gateway.port();
            byte[] body = multipart(parts("file", GatewayHarness.wav(0.1, 8_000, 6)));
            Map<String, String> cases = Map.of(
                    "?channels=0,%202", "[\"query\",\"channels\"]",
                    "?channel_mode=stereo", "[\"query\",\"channel_mode\"]",
                    "?start_time=-1", "[\"query\",\"start_time\"]",
                    "?start_time=3&end_time=2", "[\"query\",\"end_time\"]",
                    "?raw_segmentation=maybe", "[\"query\",\"raw_segmentation\"]",
                    "?operations=deepfake_detection&operations=telepathy", "[\"query\",\"operations\"]");
            cases.forEach((query, location) -> {
                JsonNode error = assertSpecError(send(upload(port, query, body)), 422, "request.validation-error");
                assertThat(error.at("/detail/0/location").toString()).as(query).isEqualTo(location);
            });
            JsonNode config = assertSpecError(send(upload(port, "", multipart(parts("file",
                    GatewayHarness.wav(0.1, 8_000, 7), "config", "{\"operations\":[\"telepathy\"]}")))), 422,
                    "request.validation-error");
            assertThat(config.at("/detail/0/location").toString()).isEqualTo("[\"body\",\"config\",\"operations\"]");
            assertThat(storedFiles()).isEmpty();
        }
    }

    @Test
    void shouldAnswer401WithoutAKnownApiKeyAndKeepTasksInsideTheirTenant(TestInfo test) throws Exception {
        Path keys = harness.storeRoot.resolveSibling(harness.prefix + "-keys");
        Files.writeString(keys, "# tenant=sha256(key)\nacme=" + TenantDirectory.sha256Hex("acme-key") + "\nglobex="
                + TenantDirectory.sha256Hex("globex-key") + "\n");
        try (GatewayServer gateway = harness.gateway(Map.of(GatewayConfig.AUTH_ENABLED, true,
                GatewayConfig.API_KEYS_FILE, keys.toString()))) {
            int port = gateway.port();
            byte[] body = multipart(parts("file", GatewayHarness.wav(0.1, 8_000, 8)));
            // missing and wrong keys
            assertSpecError(send(upload(port, "", body)), 401, "request.forbidden");
            assertSpecError(send(upload(port, "", body).header("X-API-Key", "nope")), 401, "request.forbidden");
            assertSpecError(send(request(port, BASE + "/x").GET().header("Authorization", "Bearer nope")), 401,
                    "request.forbidden");

            // a known key (header or bearer) works, and its task is invisible to another tenant
            HttpResponse<String> created = send(upload(port, "", body).header("Authorization", "Bearer acme-key"));
            assertThat(created.statusCode()).isEqualTo(202);
            String taskId = json(created).at("/task/task_id").asText();
            assertThat(harness.awaitRequest(taskId).getTenant()).isEqualTo("acme");
            assertThat(send(request(port, BASE + "/" + taskId).GET().header("X-API-Key", "acme-key")).statusCode())
                    .isEqualTo(200);
            assertSpecError(send(request(port, BASE + "/" + taskId).GET().header("X-API-Key", "globex-key")), 404,
                    "resource.not-found");
            harness.finish(taskId);
            assertSpecError(send(request(port, BASE + "/" + taskId).GET().header("X-API-Key", "globex-key")), 404,
                    "resource.not-found");
            assertSpecError(send(request(port, BASE + "/" + taskId).DELETE().header("X-API-Key", "globex-key")), 404,
                    "resource.not-found");
            assertThat(Path.of(URI.create(harness.request(taskId).orElseThrow().getAudio().getUri()))).exists();
        }
    }

    @Test
    void shouldAnswer403WhenTheTenantsTasksInFlightAreUsedUp() {
        try (GatewayServer gateway = harness.gateway(Map.of(GatewayConfig.CAPACITY_TASKS_IN_FLIGHT, 1))) {
            byte[] body = multipart(parts("file", GatewayHarness.wav(0.1, 8_000, 9)));
            assertThat(send(upload(gateway.port(), "", body)).statusCode()).isEqualTo(202);
            JsonNode error = assertSpecError(send(upload(gateway.port(), "", body)), 403, "request.forbidden");
            assertThat(error.at("/detail/0/type").asText()).isEqualTo("licensing.capacity-exceeded");
            assertThat(error.at("/detail/0/context/capacity").asText()).isEqualTo("tasks_in_flight");
        }
    }

    @Test
    void shouldFreeCapacityWhenTheFollowedTaskStateIsFinal() throws Exception {
        try (GatewayServer gateway = harness.gateway(Map.of(GatewayConfig.CAPACITY_TASKS_IN_FLIGHT, 1))) {
            // Given a tenant at its one task in flight
            byte[] body = multipart(parts("file", GatewayHarness.wav(0.1, 8_000, 10)));
            String taskId = json(send(upload(gateway.port(), "", body))).at("/task/task_id").asText();
            VerificationRequested accepted = harness.awaitRequest(taskId);
            assertThat(send(upload(gateway.port(), "", body)).statusCode()).isEqualTo(403);

            // When the topology publishes the task as done
            harness.publishState(GatewayHarness.state(accepted, TaskStatus.DONE));

            // Then the next upload is accepted
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .until(() -> send(upload(gateway.port(), "", body)).statusCode() == 202);
        }
    }

    @Test
    void shouldAnswer403WhenTheAudioSecondsInFlightWouldBeExceeded() {
        try (GatewayServer gateway = harness.gateway(Map.of(GatewayConfig.CAPACITY_AUDIO_SECONDS_IN_FLIGHT, 5.0))) {
            // 3 s fit, another 3 s (read from the WAV header) do not
            byte[] body = multipart(parts("file", GatewayHarness.wav(3, 8_000, 11)));
            assertThat(send(upload(gateway.port(), "", body)).statusCode()).isEqualTo(202);
            JsonNode error = assertSpecError(send(upload(gateway.port(), "", body)), 403, "request.forbidden");
            assertThat(error.at("/detail/0/context/capacity").asText()).isEqualTo("audio_seconds_in_flight");
            assertThat(error.at("/detail/0/context/in_use").asText()).isEqualTo("6");
            assertThat(storedFiles()).hasSize(1);
        }
    }

    @Test
    void shouldAnswer404ForUnknownTasksAndPathsAnd405ForOtherMethods() {
        try (GatewayServer gateway = harness.gateway(Map.of())) {
            int port = gateway.port();
            assertSpecError(send(request(port, BASE + "/6a1f0c1e-0000-4000-8000-000000000000").GET()), 404,
                    "resource.not-found");
            assertSpecError(send(request(port, "/nothing/here").GET()), 404, "resource.not-found");
            assertSpecError(send(request(port, "/internal/v1/task-state/abc").GET()), 404, "resource.not-found");
            HttpResponse<String> put = send(request(port, BASE).PUT(HttpRequest.BodyPublishers.ofString("x")));
            assertSpecError(put, 405, "method.invalid");
            assertThat(put.headers().firstValue("Allow")).contains("POST");
            HttpResponse<String> post = send(request(port, BASE + "/abc").POST(HttpRequest.BodyPublishers.noBody()));
            assertSpecError(post, 405, "method.invalid");
            assertThat(post.headers().firstValue("Allow")).contains("GET, DELETE");
        }
    }

    @Test
    void shouldAnswer413FromContentLengthBeforeReading() {
        try (GatewayServer gateway = harness.gateway(Map.of(GatewayConfig.MAX_FILE_SIZE, 1_000L,
                GatewayConfig.MAX_CONFIG_SIZE, 1_000, GatewayConfig.MULTIPART_MAX_PARTS, 2,
                GatewayConfig.MULTIPART_MAX_PART_HEADERS_BYTES, 256))) {
            byte[] body = multipart(parts("file", new byte[100_000]));
            Http.Raw raw = Http.raw(gateway.port(), rawPost(BASE, body.length, body));
            assertThat(raw.status()).isEqualTo(413);
            JsonNode error = assertSpecBody(raw.body(), "request.size-limit-exceeded");
            assertThat(error.at("/detail/0/type").asText()).isEqualTo("media.too-large");
            assertThat(error.at("/detail/0/context/file_size").asText()).isEqualTo(String.valueOf(body.length));
            assertThat(error.at("/detail/0/context/max_file_size").asText()).isEqualTo("1000");
            assertThat(error.at("/detail/0/context/size_unit").asText()).isEqualTo("bytes");
            assertThat(raw.headers()).containsKeys("x-request-id", "x-correlation-id");
            assertThat(storedFiles()).isEmpty();
        }
    }

    @Test
    void shouldAnswer413WhenTheStreamedCountPassesTheLimitAndRemoveThePartialAudio() {
        try (GatewayServer gateway = harness.gateway(Map.of(GatewayConfig.MAX_FILE_SIZE, 50_000L))) {
            // a chunked body (no Content-Length) whose file part is 200 kB
            byte[] body = multipart(parts("file", new byte[200_000]));
            Http.Raw raw = Http.raw(gateway.port(), rawChunkedPost(BASE, body));
            assertThat(raw.status()).isEqualTo(413);
            JsonNode error = assertSpecBody(raw.body(), "request.size-limit-exceeded");
            assertThat(error.at("/detail/0/context/max_file_size").asText()).isEqualTo("50000");
            assertThat(error.at("/detail/0/context/file_size").asLong()).isGreaterThan(50_000L);
            assertThat(storedFiles()).isEmpty();
            assertThat(send(request(gateway.port(), "/healthz").GET()).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void shouldAnswer429OverTheTenantsRateWithRateLimitHeaders() {
        Clock fixed = Clock.fixed(Instant.parse("2026-01-01T00:00:10Z"), ZoneOffset.UTC);
        try (GatewayServer gateway = harness.gateway(Map.of(GatewayConfig.RATE_LIMIT_REQUESTS, 2,
                GatewayConfig.RATE_LIMIT_PERIOD_MS, 60_000L), b -> b.clock(fixed))) {
            String unknown = BASE + "/6a1f0c1e-0000-4000-8000-000000000001";
            HttpResponse<String> first = send(request(gateway.port(), unknown).GET());
            assertThat(first.headers().firstValue("x-ratelimit-limit")).contains("2");
            assertThat(first.headers().firstValue("x-ratelimit-remaining")).contains("1");
            assertThat(first.headers().firstValue("x-ratelimit-reset")).contains("50");
            send(request(gateway.port(), unknown).GET());
            HttpResponse<String> third = send(request(gateway.port(), unknown).GET());
            assertSpecError(third, 429, "request.rate-limit-exceeded");
            assertThat(third.headers().firstValue("retry-after")).contains("50");
            assertThat(third.headers().firstValue("x-ratelimit-remaining")).contains("0");
            assertThat(third.headers().firstValue("x-ratelimit-limit")).contains("2");
            assertThat(third.headers().firstValue("x-ratelimit-reset")).contains("50");
            // ops endpoints are not rate limited
            assertThat(send(request(gateway.port(), "/healthz").GET()).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void shouldAnswer503WhenTheTaskStateIsUnavailableAnd500WithoutLeakingWhenTheLookupBreaks() {
        try (GatewayServer gateway = harness.gateway(Map.of())) {
            String task = BASE + "/6a1f0c1e-0000-4000-8000-000000000002";
            harness.lookupFailure = new TaskStateUnavailableException("rebalancing", "t", null);
            HttpResponse<String> unavailable = send(request(gateway.port(), task).GET());
            assertSpecError(unavailable, 503, "internal");
            assertThat(unavailable.headers().firstValue("Retry-After")).isPresent();

            harness.lookupFailure = new IllegalStateException("secret internals at line 42");
            HttpResponse<String> broken = send(request(gateway.port(), task).GET());
            assertSpecError(broken, 500, "internal");
            assertThat(broken.body()).doesNotContain("secret", "IllegalStateException", "at io.");
        }
    }

    @Test
    void shouldAnswer507WhenTheStoreIsOverItsCapacity() throws Exception {
        Files.write(harness.storeRoot.resolve("already-there"), new byte[2_000]);
        try (GatewayServer gateway = harness.gateway(Map.of(GatewayConfig.STORE_CAPACITY_BYTES, 1_000L))) {
            assertSpecError(send(upload(gateway.port(), "", multipart(parts("file", new byte[10])))), 507,
                    "storage.capacity-exceeded");
        }
    }

    @Test
    void shouldBuildPollingUrlsFromTrustedForwardedHeadersOnly() {
        byte[] body = multipart(parts("file", GatewayHarness.wav(0.1, 8_000, 12)));
        try (GatewayServer gateway = harness.gateway(Map.of(GatewayConfig.TRUST_FORWARDED_HEADERS, true))) {
            HttpResponse<String> xf = send(upload(gateway.port(), "", body).header("X-Forwarded-Proto", "https")
                    .header("X-Forwarded-Host", "api.example.com").header("X-Forwarded-Port", "8443")
                    .header("X-Forwarded-Prefix", "/bonafide"));
            assertThat(xf.headers().firstValue("X-Location").orElseThrow())
                    .startsWith("https://api.example.com:8443/bonafide" + BASE + "/");
            HttpResponse<String> rfc = send(upload(gateway.port(), "", body)
                    .header("Forwarded", "for=10.0.0.1;proto=https;host=verify.example.org, for=10.0.0.2"));
            assertThat(rfc.headers().firstValue("Location").orElseThrow())
                    .startsWith("https://verify.example.org" + BASE + "/");
        }
        try (GatewayServer gateway = harness.gateway(Map.of())) {
            HttpResponse<String> untrusted = send(upload(gateway.port(), "", body).header("X-Forwarded-Host", "evil.example"));
            assertThat(untrusted.headers().firstValue("Location").orElseThrow())
                    .startsWith("http://127.0.0.1:" + gateway.port() + BASE + "/");
        }
        try (GatewayServer gateway = harness.gateway(Map.of(GatewayConfig.PUBLIC_BASE_URL, "https://public.example/v/"))) {
            assertThat(send(upload(gateway.port(), "", body)).headers().firstValue("Location").orElseThrow())
                    .startsWith("https://public.example/v" + BASE + "/");
        }
    }

    @Test
    void shouldServeTheInternalTaskStateRouteThroughThePluggedEndpoint() {
        LocalTaskStateEndpoint endpoint = new LocalTaskStateEndpoint() {
            @Override
            public Optional<byte[]> findLocal(String taskId) {
                return taskId.equals("held") ? Optional.of(new byte[] {1, 2, 3}) : Optional.empty();
            }

            @Override
            public String contentType() {
                return "application/vnd.bonafide.task-state+avro";
            }
        };
        try (GatewayServer gateway = harness.gateway(Map.of(), b -> b.localTaskState(endpoint))) {
            HttpResponse<byte[]> held;
            try {
                held = java.net.http.HttpClient.newHttpClient().send(
                        request(gateway.port(), "/internal/v1/task-state/held").GET().build(),
                        HttpResponse.BodyHandlers.ofByteArray());
            } catch (Exception e) {
                throw new AssertionError(e);
            }
            assertThat(held.statusCode()).isEqualTo(200);
            assertThat(held.body()).containsExactly(1, 2, 3);
            assertThat(held.headers().firstValue("Content-Type")).contains("application/vnd.bonafide.task-state+avro");
            assertSpecError(send(request(gateway.port(), "/internal/v1/task-state/other").GET()), 404,
                    "resource.not-found");
        }
    }

    @Test
    void shouldServeHealthReadinessMetricsAndTheApiDocument() {
        try (GatewayServer gateway = harness.gateway(Map.of())) {
            assertThat(send(request(gateway.port(), "/healthz").GET()).statusCode()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    send(request(gateway.port(), "/readyz").GET()).statusCode() == 200);
            send(request(gateway.port(), "/nothing").GET());
            assertThat(send(request(gateway.port(), "/metrics").GET()).body())
                    .contains("bonafide_gateway_requests_total{route=\"unknown\",status=\"404\"}");
            JsonNode api = json(send(request(gateway.port(), "/openapi.json").GET()));
            assertThat(api.at("/openapi").asText()).startsWith("3.");
        }
    }

    static JsonNode assertSpecError(HttpResponse<String> response, int status, String type) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
        assertThat(response.headers().firstValue("X-Request-ID")).isPresent();
        assertThat(response.headers().firstValue("X-Correlation-ID")).isPresent();
        return assertSpecBody(response.body(), type);
    }

    static JsonNode assertSpecBody(String body, String type) {
        JsonNode error;
        try {
            error = Http.JSON.readTree(body);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + body, e);
        }
        assertThat(error.get("type").asText()).as(body).isEqualTo(type);
        assertThat(error.get("message").isTextual()).isTrue();
        assertThat(error.get("detail").isArray()).isTrue();
        error.get("detail").forEach(d -> {
            assertThat(d.get("location").isArray()).isTrue();
            assertThat(d.get("message").isTextual()).isTrue();
            assertThat(d.get("type").isTextual()).isTrue();
            assertThat(d.get("context").isObject()).isTrue();
        });
        List<String> fields = Stream.of("type", "message", "detail").toList();
        error.fieldNames().forEachRemaining(f -> assertThat(fields).contains(f));
        return error;
    }

    static byte[] rawPost(String path, long contentLength, byte[] body) {
        byte[] head = ("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: multipart/form-data; boundary="
                + Http.BOUNDARY + "\r\nContent-Length: " + contentLength + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[head.length + body.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(body, 0, all, head.length, body.length);
        return all;
    }

    static byte[] rawChunkedPost(String path, byte[] body) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.writeBytes(("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: multipart/form-data; boundary="
                + Http.BOUNDARY + "\r\nTransfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        for (int i = 0; i < body.length; i += 8192) {
            int n = Math.min(8192, body.length - i);
            out.writeBytes((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body, i, n);
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    private List<Path> storedFiles() {
        try (Stream<Path> files = Files.walk(harness.storeRoot)) {
            return files.filter(Files::isRegularFile).toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
