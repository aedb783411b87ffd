package io.bonafide.worker.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The worker's operations endpoints for probes and scrapers: {@code /healthz} (the process
 * answers), {@code /readyz} (the worker polls its group and its store breaker is not open) and
 * {@code /metrics} (Prometheus text). Internal-facing, three fixed GETs, so the JDK's small server
 * suffices here; the public API is the gateway's.
 */
public final class OpsHttpServer implements AutoCloseable {
    private final HttpServer server;

    public OpsHttpServer(int port, Supplier<String> metrics, BooleanSupplier ready) {
        try {
            server = HttpServer.create(new InetSocketAddress(port), 16);
        } catch (IOException e) {
            throw new UncheckedIOException("could not listen on port " + port, e);
        }
        server.setExecutor(Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "bonafide-worker-http");
            thread.setDaemon(true);
            return thread;
        }));
        server.createContext("/healthz", exchange -> answer(exchange, 200, "text/plain", "ok\n"));
        server.createContext("/readyz", exchange -> {
            boolean ok = ready.getAsBoolean();
            answer(exchange, ok ? 200 : 503, "text/plain", ok ? "ready\n" : "not ready\n");
        });
        server.createContext("/metrics", exchange ->
                answer(exchange, 200, "text/plain; version=0.0.4; charset=utf-8", metrics.get()));
    }

    public void start() {
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private static void answer(HttpExchange exchange, int status, String type, String body) throws IOException {
        try (exchange) {
            if (!"GET".equals(exchange.getRequestMethod()) && !"HEAD".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", type);
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }
}
