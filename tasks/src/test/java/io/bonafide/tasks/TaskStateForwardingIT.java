package io.bonafide.tasks;

import static io.bonafide.schemas.event.Operation.DEEPFAKE_DETECTION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.bonafide.schemas.event.TaskState;
import io.bonafide.schemas.event.TaskStatus;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two task-state instances of one application, each behind its own HTTP server serving the
 * internal endpoint (as the gateway does): a lookup on either instance answers every task,
 * from its own store or forwarded to the other, and an unknown task is unknown on both.
 */
class TaskStateForwardingIT {
    private static final int TASKS = 16;
    private static final Duration READY = Duration.ofSeconds(90);

    @TempDir
    Path dirA;
    @TempDir
    Path dirB;

    private final BrokerFixture broker = new BrokerFixture("TaskStateForwardingIT", 4);
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
        broker.close();
    }

    @Test
    void shouldAnswerEveryTaskOnEitherInstanceByForwardingToTheOwner() {
        // Given two instances, each with its internal endpoint
        TaskStateService a = instance(dirA);
        TaskStateService b = instance(dirB);
        List<String> ids = IntStream.range(0, TASKS).mapToObj(n -> broker.prefix + "-" + Events.taskId(n)).toList();
        // When tasks are requested and half of them finish
        for (int n = 0; n < TASKS; n++) {
            String id = ids.get(n);
            broker.send(broker.topics.requests(), id, Events.request(id, DEEPFAKE_DETECTION));
            if (n % 2 == 0) {
                broker.send(broker.topics.results(), id, Events.result(id, DEEPFAKE_DETECTION, 3.0));
            }
        }
        // Then both instances answer every task the same, once the group has settled
        await().atMost(READY).ignoreException(TaskStateUnavailableException.class).untilAsserted(() -> {
            assertThat(a.isReady() && b.isReady()).isTrue();
            for (int n = 0; n < TASKS; n++) {
                TaskStatus expected = n % 2 == 0 ? TaskStatus.DONE : TaskStatus.PENDING;
                Optional<TaskState> fromA = a.find(ids.get(n));
                Optional<TaskState> fromB = b.find(ids.get(n));
                assertThat(fromA).hasValueSatisfying(s -> assertThat(s.getStatus()).isEqualTo(expected));
                assertThat(fromB).isEqualTo(fromA);
            }
        });
        // And each instance owns some tasks and forwards the others
        int ownedByA = owned(a, ids);
        int ownedByB = owned(b, ids);
        assertThat(ownedByA).isPositive();
        assertThat(ownedByB).isPositive();
        assertThat(ownedByA + ownedByB).isEqualTo(TASKS);
        // And a task nobody knows is unknown on both, wherever its partition lives
        for (int n = 0; n < 8; n++) {
            String unknown = broker.prefix + "-unknown-" + n;
            assertThat(a.find(unknown)).isEmpty();
            assertThat(b.find(unknown)).isEmpty();
        }
    }

    private static int owned(TaskStateService service, List<String> ids) {
        int owned = 0;
        for (String id : ids) {
            try {
                service.findLocal(id);
                owned++;
            } catch (TaskStateUnavailableException notOwner) {
                // owned by the other instance
            }
        }
        return owned;
    }

    private TaskStateService instance(Path stateDir) {
        AtomicReference<TaskStateService> service = new AtomicReference<>();
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext(TaskStateCodec.PATH_PREFIX, exchange -> {
            String taskId = exchange.getRequestURI().getPath().substring(TaskStateCodec.PATH_PREFIX.length());
            TaskStateService.InternalResponse answer = service.get().internalResponse(taskId);
            exchange.getResponseHeaders().set("Content-Type", answer.contentType());
            exchange.sendResponseHeaders(answer.status(), answer.body().length == 0 ? -1 : answer.body().length);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(answer.body());
            }
        });
        server.start();
        open.add(() -> server.stop(0));
        TaskStateService s = broker.service(stateDir, "127.0.0.1:" + server.getAddress().getPort(), new RecordingAudioStore());
        service.set(s);
        open.add(s);
        s.start();
        return s;
    }
}
