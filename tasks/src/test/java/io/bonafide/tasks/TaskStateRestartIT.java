package io.bonafide.tasks;

import static io.bonafide.schemas.event.Operation.DEEPFAKE_DETECTION;
import static io.bonafide.schemas.event.Operation.REPLAY_ATTACK_DETECTION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bonafide.schemas.event.TaskState;
import io.bonafide.schemas.event.TaskStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The task-state service against the real broker and registry: stopped while tasks are in
 * flight and started again, first on its own state directory and then on a wiped one; the
 * state comes back from the changelog and no task's status or revision ever moves backwards
 * on the state topic.
 */
class TaskStateRestartIT {
    private static final int TASKS = 24;
    private static final Duration READY = Duration.ofSeconds(90);

    @TempDir
    Path stateDir;

    private final BrokerFixture broker = new BrokerFixture("TaskStateRestartIT", 3);
    private final RecordingAudioStore audio = new RecordingAudioStore();
    private TaskStateService service;

    @AfterEach
    void stop() {
        if (service != null) {
            service.close();
        }
        broker.close();
    }

    @Test
    void shouldRestoreTaskStateAndNeverMoveBackwardsWhenRestartedMidRunOnTheSameAndOnAWipedStateDir() {
        List<String> ids = IntStream.range(0, TASKS).mapToObj(Events::taskId).map(id -> broker.prefix + "-" + id).toList();
        // Given: a running service with every task requested, started and half done
        service = started();
        for (String id : ids) {
            broker.send(broker.topics.requests(), id, Events.request(id, DEEPFAKE_DETECTION, REPLAY_ATTACK_DETECTION));
            broker.send(broker.topics.progress(), id, Events.started(id, 1));
            broker.send(broker.topics.results(), id, Events.result(id, DEEPFAKE_DETECTION, 1.0));
        }
        awaitAll(ids, TaskStatus.RUNNING);
        // When: the second results of half the tasks are published and the service halts at once
        for (String id : ids.subList(0, TASKS / 2)) {
            broker.send(broker.topics.results(), id, Events.result(id, REPLAY_ATTACK_DETECTION, 2.0));
        }
        service.close();
        // And it restarts on the same state directory while the other results arrive
        service = started();
        for (String id : ids.subList(TASKS / 2, TASKS)) {
            broker.send(broker.topics.results(), id, Events.result(id, REPLAY_ATTACK_DETECTION, 2.0));
        }
        // Then
        Map<String, TaskState> done = awaitAll(ids, TaskStatus.DONE);
        // When: halted again, state directory wiped, restarted, and every event replayed
        service.close();
        wipe(stateDir);
        service = started();
        Map<String, TaskState> restored = awaitAll(ids, TaskStatus.DONE);
        for (String id : ids) {
            broker.send(broker.topics.progress(), id, Events.started(id, 2));
            broker.send(broker.topics.results(), id, Events.result(id, DEEPFAKE_DETECTION, -5.0));
            broker.send(broker.topics.errors(), id, Events.error(id, null, "internal", false));
        }
        String marker = broker.prefix + "-marker";
        broker.send(broker.topics.requests(), marker, Events.request(marker, DEEPFAKE_DETECTION));
        assertThat(service.awaitVisible(marker, READY)).hasValueSatisfying(
                s -> assertThat(s.getStatus()).isEqualTo(TaskStatus.PENDING));
        // Then: the state came back from the changelog unchanged, replays changed nothing
        for (String id : ids) {
            assertThat(restored.get(id).getRevision()).isEqualTo(done.get(id).getRevision());
            TaskState now = service.find(id).orElseThrow();
            assertThat(now.getRevision()).isEqualTo(done.get(id).getRevision());
            assertThat(now.getResults()).extracting(r -> r.getChannels().get(0).getScore()).containsExactly(1.0, 2.0);
        }
        // And on the state topic no task ever moved backwards
        Map<String, List<TaskState>> history = broker.stateHistory();
        for (String id : ids) {
            List<TaskState> records = history.get(id);
            assertThat(records).as("state records of %s", id).isNotEmpty().doesNotContainNull();
            for (int i = 1; i < records.size(); i++) {
                assertThat(records.get(i).getRevision()).as("revision of %s at record %d", id, i)
                        .isGreaterThan(records.get(i - 1).getRevision());
                assertThat(rank(records.get(i).getStatus())).as("status of %s at record %d", id, i)
                        .isGreaterThanOrEqualTo(rank(records.get(i - 1).getStatus()));
            }
            assertThat(records.get(records.size() - 1).getStatus()).isEqualTo(TaskStatus.DONE);
        }
    }

    private TaskStateService started() {
        TaskStateService s = broker.service(stateDir, "", audio);
        s.start();
        await().atMost(READY).until(s::isReady);
        return s;
    }

    private Map<String, TaskState> awaitAll(List<String> ids, TaskStatus status) {
        Map<String, TaskState> found = new HashMap<>();
        await().atMost(READY).ignoreException(TaskStateUnavailableException.class).untilAsserted(() -> {
            for (String id : ids) {
                Optional<TaskState> state = service.find(id);
                assertThat(state).as("state of %s", id).hasValueSatisfying(s -> assertThat(s.getStatus()).isEqualTo(status));
                found.put(id, state.get());
            }
        });
        return found;
    }

    private static int rank(TaskStatus status) {
        return status == TaskStatus.PENDING ? 0 : status == TaskStatus.RUNNING ? 1 : 2;
    }

    private static void wipe(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).filter(p -> !p.equals(dir)).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
