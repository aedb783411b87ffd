package io.bonafide.tasks.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.bonafide.schemas.EventSchemas;
import io.bonafide.schemas.event.TaskState;
import io.bonafide.schemas.event.TaskStatus;
import io.bonafide.tasks.TaskStateCodec;
import io.bonafide.tasks.TaskStateUnavailableException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OwnerForwarderTest {
    private final Map<String, Integer> statusById = new ConcurrentHashMap<>();
    private final Map<String, byte[]> bodyById = new ConcurrentHashMap<>();
    private final Map<String, String> requestedPaths = new ConcurrentHashMap<>();
    private HttpServer owner;
    private HostInfo ownerHost;
    private final OwnerForwarder forwarder = new OwnerForwarder(Duration.ofSeconds(2));

    @BeforeEach
    void startOwner() throws IOException {
        owner = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        owner.createContext(TaskStateCodec.PATH_PREFIX, exchange -> {
            String id = exchange.getRequestURI().getPath().substring(TaskStateCodec.PATH_PREFIX.length());
            requestedPaths.put(id, exchange.getRequestURI().getPath());
            byte[] body = bodyById.getOrDefault(id, new byte[0]);
            exchange.sendResponseHeaders(statusById.getOrDefault(id, 404), body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        owner.start();
        ownerHost = new HostInfo("127.0.0.1", owner.getAddress().getPort());
    }

    @AfterEach
    void stopOwner() {
        owner.stop(0);
    }

    @Test
    void shouldReturnTheOwnersStateOn200() {
        // Given
        EventSchemas.trustEventClasses();
        TaskState state = TaskState.newBuilder().setTaskId("t-1").setTenant("anonymous").setStatus(TaskStatus.PENDING)
                .setResults(List.of()).setCreatedAt(Instant.EPOCH).setUpdatedAt(Instant.EPOCH).setRevision(1L).build();
        statusById.put("t-1", 200);
        bodyById.put("t-1", TaskStateCodec.encode(state));
        // When / Then
        assertThat(forwarder.find(ownerHost, "t-1")).contains(state);
        assertThat(requestedPaths.get("t-1")).isEqualTo("/internal/v1/task-state/t-1");
    }

    @Test
    void shouldReturnEmptyWhenTheOwnerDoesNotKnowTheTask() {
        assertThat(forwarder.find(ownerHost, "t-2")).isEmpty();
    }

    @Test
    void shouldBeUnavailableWhenTheOwnerIsNotReadyOrAnswersGarbage() {
        statusById.put("t-3", 503);
        statusById.put("t-4", 200);
        bodyById.put("t-4", new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11});
        assertThatThrownBy(() -> forwarder.find(ownerHost, "t-3")).isInstanceOf(TaskStateUnavailableException.class)
                .hasMessageContaining("503");
        assertThatThrownBy(() -> forwarder.find(ownerHost, "t-4")).isInstanceOf(TaskStateUnavailableException.class)
                .hasMessageContaining("unreadable");
    }

    @Test
    void shouldBeUnavailableWhenTheOwnerDoesNotAnswer() {
        // Given an owner that has gone away
        owner.stop(0);
        // Then
        assertThatThrownBy(() -> forwarder.find(ownerHost, "t-5")).isInstanceOf(TaskStateUnavailableException.class)
                .hasMessageContaining("did not answer");
    }
}
