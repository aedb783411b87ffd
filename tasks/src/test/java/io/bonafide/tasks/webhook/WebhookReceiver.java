package io.bonafide.tasks.webhook;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A real HTTP webhook receiver on loopback (JDK httpserver) that records every request it gets and
 * answers what the test tells it to. Its port is chosen before it listens, so a test can keep the
 * port closed (receiver down) and open it later.
 */
final class WebhookReceiver implements AutoCloseable {

    /** One request as received. */
    record Received(String path, String webhookId, String timestamp, String signature, String correlationId, byte[] body,
                    int answered) {
    }

    /** An answer: status and extra headers. */
    record Answer(int status, Map<String, String> headers) {
        static Answer of(int status) {
            return new Answer(status, Map.of());
        }
    }

    private final int port;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile Function<Received, Answer> answers = r -> Answer.of(204);
    private HttpServer server;

    WebhookReceiver() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            this.port = probe.getLocalPort();
        }
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    void answer(Function<Received, Answer> answers) {
        this.answers = answers;
    }

    synchronized void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
        server.createContext("/", exchange -> {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            var h = exchange.getRequestHeaders();
            Received request = new Received(exchange.getRequestURI().getPath(), h.getFirst("webhook-id"),
                    h.getFirst("webhook-timestamp"), h.getFirst("webhook-signature"), h.getFirst("X-Correlation-ID"), body, 0);
            Answer answer = answers.apply(request);
            received.add(new Received(request.path(), request.webhookId(), request.timestamp(), request.signature(),
                    request.correlationId(), body, answer.status()));
            answer.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            exchange.sendResponseHeaders(answer.status(), -1);
            exchange.close();
        });
        server.start();
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    List<Received> to(String path) {
        return received.stream().filter(r -> r.path().equals(path)).toList();
    }

    /** Paths that got at least one 2xx answer. */
    List<String> deliveredPaths() {
        return received.stream().filter(r -> r.answered() / 100 == 2).map(Received::path).distinct()
                .collect(Collectors.toList());
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.stop(0);
        }
    }
}
