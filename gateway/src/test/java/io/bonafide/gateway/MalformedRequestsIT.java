package io.bonafide.gateway;

import static io.bonafide.gateway.Http.BASE;
import static io.bonafide.gateway.Http.BOUNDARY;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * 1,000 seeded malformed requests over raw sockets (broken multipart, bad headers, bad
 * parameters, truncated bodies, garbage) against one real gateway: each is answered with a 4xx
 * and the SPEC error body, nothing is left in the store, and the gateway then serves a valid
 * upload.
 */
class MalformedRequestsIT {
    private static final long SEED = 20_261_122L;
    private static final int REQUESTS = 1_000;

    @Test
    void shouldAnswerEveryMalformedRequestWith4xxAndStayHealthy() throws Exception {
        try (GatewayHarness harness = new GatewayHarness("malformed");
             GatewayServer gateway = harness.gateway(Map.of(GatewayConfig.MAX_FILE_SIZE, 64_000L,
                     GatewayConfig.IDLE_TIMEOUT_MS, 5_000L))) {
            // Given a seeded generator of malformed requests of eleven kinds
            Random random = new Random(SEED);
            byte[] wav = GatewayHarness.wav(0.25, 8_000, 1);
            byte[] good = Http.multipart(Http.parts("file", wav, "config", "{\"meta\":{\"k\":\"v\"}}"));
            List<Function<Random, byte[]>> kinds = List.of(
                    r -> post("", corrupt(good, r), -1),                       // broken multipart, right length
                    r -> post("", good, good.length + 1 + r.nextInt(5_000)),    // truncated body (length promises more)
                    r -> post("", Arrays.copyOf(good, r.nextInt(good.length)), -1), // cut before the closing boundary
                    r -> post(badQuery(r), good, -1),                           // bad parameters
                    r -> badHeaders(r, good),                                   // bad headers
                    r -> post("", Http.multipart(Http.parts("config", "{}")), -1), // no file part
                    r -> post("", Http.multipart(Http.parts("file", wav, "config", badConfig(r))), -1), // bad config
                    r -> withContentType(r, good),                              // not multipart / no boundary
                    r -> garbage(r),                                            // not HTTP at all
                    r -> chunkedTruncated(r, good),                             // chunked body cut short
                    r -> post("", Http.multipart(Http.parts("file", new byte[64_001 + r.nextInt(50_000)])), -1)); // too large

            // When each is sent on its own connection
            Map<Integer, Integer> statuses = new TreeMap<>();
            List<String> failures = new ArrayList<>();
            for (int i = 0; i < REQUESTS; i++) {
                int kind = i % kinds.size();
                byte[] request = kinds.get(kind).apply(random);
                Http.Raw answer = Http.raw(gateway.port(), request);
                statuses.merge(answer.status(), 1, Integer::sum);
                String problem = problem(answer);
                if (problem != null && failures.size() < 20) {
                    failures.add("#" + i + " kind " + kind + ": " + problem + " <- "
                            + new String(request, 0, Math.min(200, request.length), StandardCharsets.ISO_8859_1));
                }
            }

            // Then every answer was a 4xx with the SPEC body and the ids
            System.out.println("malformed request statuses: " + statuses);
            assertThat(failures).isEmpty();
            assertThat(statuses.keySet()).allSatisfy(s -> assertThat(s).isBetween(400, 499));
            // and nothing was stored, and a valid upload is served next
            try (Stream<java.nio.file.Path> files = Files.walk(harness.storeRoot)) {
                assertThat(files.filter(Files::isRegularFile).toList()).isEmpty();
            }
            HttpResponse<String> valid = Http.send(Http.upload(gateway.port(), "", good));
            assertThat(valid.statusCode()).isEqualTo(202);
            assertThat(Http.send(Http.request(gateway.port(), "/healthz").GET()).statusCode()).isEqualTo(200);
        }
    }

    private static String problem(Http.Raw answer) {
        if (answer.status() < 400 || answer.status() > 499) {
            return "status " + answer.status() + " " + answer.body();
        }
        if (!answer.headers().containsKey("x-request-id") || !answer.headers().containsKey("x-correlation-id")) {
            return "no ids in " + answer.headers();
        }
        try {
            JsonNode body = Http.JSON.readTree(answer.body());
            if (!body.path("type").isTextual() || !body.path("message").isTextual() || !body.path("detail").isArray()
                    || body.size() != 3) {
                return "not a SPEC body: " + answer.body();
            }
        } catch (Exception e) {
            return "not JSON: " + answer.body();
        }
        return null;
    }

    private static byte[] post(String query, byte[] body, long contentLength) {
        return GatewayApiIT.rawPost(BASE + query, contentLength < 0 ? body.length : contentLength, body);
    }

    /** Overwrites a few bytes inside the multipart framing (boundaries, part headers). */
    private static byte[] corrupt(byte[] body, Random random) {
        byte[] copy = body.clone();
        String text = new String(copy, StandardCharsets.ISO_8859_1);
        List<Integer> framing = new ArrayList<>();
        for (int at = text.indexOf("--" + BOUNDARY); at >= 0; at = text.indexOf("--" + BOUNDARY, at + 1)) {
            framing.add(at);
        }
        int flips = 1 + random.nextInt(3);
        for (int i = 0; i < flips; i++) {
            int base = framing.get(random.nextInt(framing.size()));
            int at = Math.min(copy.length - 1, base + random.nextInt(BOUNDARY.length() + 60));
            copy[at] = (byte) (copy[at] == 'x' ? 'y' : 'x');
        }
        // a flip that hits only the audio bytes or a header value would leave a valid request
        String damaged = new String(copy, StandardCharsets.ISO_8859_1);
        if (damaged.startsWith("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"")
                && damaged.contains("\r\n--" + BOUNDARY + "--")) {
            copy[2] = 'Z';
        }
        return copy;
    }

    private static String badQuery(Random random) {
        String[] bad = {"?channels=0,%201", "?channels=a", "?channels=1,1", "?channel_mode=stereo", "?start_time=-1",
            "?end_time=NaN", "?start_time=5&end_time=1", "?raw_segmentation=perhaps", "?operations=telepathy",
            "?operations=", "?start_time=1e400", "?channels=0&channels=1", "?%zz=1", "?channels=99999"};
        return bad[random.nextInt(bad.length)];
    }

    private static String badConfig(Random random) {
        String[] bad = {"{", "[]", "\"text\"", "{\"operations\":\"deepfake_detection\"}", "{\"operations\":[1]}",
            "{\"meta\":{\"k\":1}}", "{\"meta\":[]}", "{\"embeddings\":\"yes\"}", "{\"callback_url\":\"ftp://x\"}",
            "{\"callback_url\":42}", "null", "{\"a\":"};
        return bad[random.nextInt(bad.length)];
    }

    private static byte[] badHeaders(Random random, byte[] body) {
        String head = switch (random.nextInt(7)) {
            case 0 -> "POST " + BASE + " HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n";
            case 1 -> "POST " + BASE + " HTTP/1.1\r\nHost: x\r\nBroken header line\r\n";
            case 2 -> "POST " + BASE + " HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(20_000 + random.nextInt(10_000))
                    + "\r\n";
            case 3 -> "POST " + BASE + " HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\nContent-Length: 20\r\n";
            case 4 -> "POST " + BASE + " HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip, chunked, identity\r\n";
            case 5 -> "POST " + BASE + " HTTP/1.1\r\nHost: x\r\nX-Ctl: a\u0001b\r\n";
            default -> "POST " + BASE + " HTTP/7.3\r\nHost: x\r\n";
        };
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(head.getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(("Content-Type: multipart/form-data; boundary=" + BOUNDARY + "\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(body);
        return out.toByteArray();
    }

    private static byte[] withContentType(Random random, byte[] body) {
        String[] types = {"application/json", "multipart/form-data", "multipart/mixed; boundary=" + BOUNDARY,
            "text/plain", "multipart/form-data; boundary=", "multipart/form-data; boundary=" + "b".repeat(100)};
        String head = "POST " + BASE + " HTTP/1.1\r\nHost: x\r\nContent-Type: " + types[random.nextInt(types.length)]
                + "\r\nContent-Length: " + body.length + "\r\n\r\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(head.getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(body);
        return out.toByteArray();
    }

    private static byte[] garbage(Random random) {
        byte[] bytes = new byte[1 + random.nextInt(2_000)];
        random.nextBytes(bytes);
        bytes[0] = (byte) ('A' + random.nextInt(26)); // a first byte Jetty reads as the start of a method
        return bytes;
    }

    private static byte[] chunkedTruncated(Random random, byte[] body) {
        byte[] full = GatewayApiIT.rawChunkedPost(BASE, body);
        int headEnd = new String(full, StandardCharsets.ISO_8859_1).indexOf("\r\n\r\n") + 4;
        return Arrays.copyOf(full, headEnd + random.nextInt(full.length - headEnd - 5));
    }
}
