package io.bonafide.tasks;

import static io.bonafide.schemas.event.Operation.AUDIO_MANIPULATION_DETECTION;
import static io.bonafide.schemas.event.Operation.DEEPFAKE_DETECTION;
import static io.bonafide.schemas.event.Operation.REPLAY_ATTACK_DETECTION;
import static io.bonafide.tasks.Events.audioUri;
import static io.bonafide.tasks.Events.deleted;
import static io.bonafide.tasks.Events.error;
import static io.bonafide.tasks.Events.key;
import static io.bonafide.tasks.Events.request;
import static io.bonafide.tasks.Events.result;
import static io.bonafide.tasks.Events.started;
import static io.bonafide.tasks.Events.taskId;
import static org.assertj.core.api.Assertions.assertThat;

import io.bonafide.schemas.Topic;
import io.bonafide.schemas.TopicNames;
import io.bonafide.schemas.Topics;
import io.bonafide.schemas.event.TaskKey;
import io.bonafide.schemas.event.TaskState;
import io.bonafide.schemas.event.TaskStatus;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaskStateTopologyTest {
    private static final Duration TERMINAL_TTL = Duration.ofHours(1);
    private static final Duration MARKER_TTL = Duration.ofHours(2);
    private static final Duration SWEEP = Duration.ofMinutes(1);

    @TempDir
    Path stateDir;

    private final Topics topics = Topics.create(TopicNames.defaults(), InMemoryRegistry.serdeConfig());
    private final RecordingAudioStore audio = new RecordingAudioStore();
    private TopologyTestDriver driver;
    private TestInputTopic<TaskKey, Object> requests;
    private TestInputTopic<TaskKey, Object> progress;
    private TestInputTopic<TaskKey, Object> results;
    private TestInputTopic<TaskKey, Object> errors;
    private TestInputTopic<TaskKey, Object> deletions;
    private TestOutputTopic<TaskKey, TaskState> states;

    @BeforeEach
    void startDriver() {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "task-state-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(
                TaskStateTopology.build(topics, new TaskStateOptions(TERMINAL_TTL, MARKER_TTL, SWEEP), audio),
                props, Events.T0);
        requests = input(topics.requests());
        progress = input(topics.progress());
        results = input(topics.results());
        errors = input(topics.errors());
        deletions = input(topics.deletions());
        states = driver.createOutputTopic(topics.taskState().name(), topics.taskState().keySerde().deserializer(),
                topics.taskState().valueSerde().deserializer());
    }

    @AfterEach
    void closeDriver() {
        driver.close();
    }

    @SuppressWarnings("unchecked")
    private TestInputTopic<TaskKey, Object> input(Topic<TaskKey, ?> topic) {
        return driver.createInputTopic(topic.name(), topic.keySerde().serializer(),
                (org.apache.kafka.common.serialization.Serializer<Object>) topic.valueSerde().serializer());
    }

    private List<TaskState> published() {
        return states.readValuesToList();
    }

    private KeyValueStore<String, TaskState> store() {
        return driver.getKeyValueStore(TaskStateTopology.STATE_STORE);
    }

    @Test
    void shouldPublishPendingWhenTheRequestArrives() {
        String id = taskId(1);
        // When
        requests.pipeInput(key(id), request(id, DEEPFAKE_DETECTION));
        // Then
        List<TaskState> out = published();
        assertThat(out).singleElement().satisfies(s -> {
            assertThat(s.getStatus()).isEqualTo(TaskStatus.PENDING);
            assertThat(s.getRevision()).isEqualTo(1L);
            assertThat(s.getRequest().getTaskId()).isEqualTo(id);
            assertThat(s.getCorrelationId()).isEqualTo("corr-" + id);
            assertThat(s.getCreatedAt()).isEqualTo(Events.T0);
        });
    }

    @Test
    void shouldMoveFromPendingToRunningToDoneAsAWorkerStartsAndFinishesEveryOperation() {
        String id = taskId(2);
        // Given
        requests.pipeInput(key(id), request(id, DEEPFAKE_DETECTION, REPLAY_ATTACK_DETECTION));
        // When
        progress.pipeInput(key(id), started(id, 1));
        results.pipeInput(key(id), result(id, DEEPFAKE_DETECTION, 1.0));
        results.pipeInput(key(id), result(id, REPLAY_ATTACK_DETECTION, 2.0));
        // Then
        List<TaskState> out = published();
        assertThat(out).extracting(TaskState::getStatus)
                .containsExactly(TaskStatus.PENDING, TaskStatus.RUNNING, TaskStatus.RUNNING, TaskStatus.DONE);
        assertThat(out).extracting(TaskState::getRevision).containsExactly(1L, 2L, 3L, 4L);
        assertThat(out.get(3).getResults()).extracting(r -> r.getOperation())
                .containsExactly(DEEPFAKE_DETECTION, REPLAY_ATTACK_DETECTION);
    }

    @Test
    void shouldGoFromPendingStraightToDoneWhenResultsArriveWithoutARunningSignal() {
        String id = taskId(3);
        // Given
        requests.pipeInput(key(id), request(id, AUDIO_MANIPULATION_DETECTION));
        // When
        results.pipeInput(key(id), result(id, AUDIO_MANIPULATION_DETECTION, -1.0));
        // Then
        assertThat(published()).extracting(TaskState::getStatus).containsExactly(TaskStatus.PENDING, TaskStatus.DONE);
    }

    @Test
    void shouldFailARunningTaskWhenAnOperationFailsForGood() {
        String id = taskId(4);
        // Given
        requests.pipeInput(key(id), request(id, DEEPFAKE_DETECTION, REPLAY_ATTACK_DETECTION));
        progress.pipeInput(key(id), started(id, 1));
        results.pipeInput(key(id), result(id, DEEPFAKE_DETECTION, 1.0));
        // When
        errors.pipeInput(key(id), error(id, REPLAY_ATTACK_DETECTION, "internal", false));
        // Then
        TaskState last = last(published());
        assertThat(last.getStatus()).isEqualTo(TaskStatus.FAILED);
        assertThat(last.getError().getErrorType()).isEqualTo("internal");
        assertThat(last.getResults()).hasSize(1);
    }

    @Test
    void shouldFailAPendingTaskOnATaskLevelErrorThatIsNoRejection() {
        String id = taskId(5);
        requests.pipeInput(key(id), request(id, DEEPFAKE_DETECTION));
        // When
        errors.pipeInput(key(id), error(id, null, "storage.capacity-exceeded", false));
        // Then
        assertThat(published()).extracting(TaskState::getStatus).containsExactly(TaskStatus.PENDING, TaskStatus.FAILED);
    }

    @Test
    void shouldRejectARunningTaskWhoseChannelIsOutOfRange() {
        String id = taskId(6);
        requests.pipeInput(key(id), request(id, DEEPFAKE_DETECTION));
        progress.pipeInput(key(id), started(id, 1));
        // When
        errors.pipeInput(key(id), error(id, null, "media.channel-out-of-range", false));
        // Then
        assertThat(published()).extracting(TaskState::getStatus)
                .containsExactly(TaskStatus.PENDING, TaskStatus.RUNNING, TaskStatus.REJECTED);
    }

    @Test
    void shouldGoFromPendingStraightToRejectedWhenTheMediaIsUndecodable() {
        String id = taskId(7);
        requests.pipeInput(key(id), request(id, DEEPFAKE_DETECTION));
        // When
        errors.pipeInput(key(id), error(id, null, "media.undecodable", false));
        // Then
        List<TaskState> out = published();
        assertThat(out).extracting(TaskState::getStatus).containsExactly(TaskStatus.PENDING, TaskStatus.REJECTED);
        assertThat(last(out).getError().getErrorType()).isEqualTo("media.undecodable");
    }

    @Test
    void shouldRejectOnAnInvalidTimeRangeEvenWhenTheErrorNamesAnOperation() {
        String id = taskId(8);
        requests.pipeInput(key(id), request(id, DEEPFAKE_DETECTION));
        errors.pipeInput(key(id), error(id, DEEPFAKE_DETECTION, "media.time-range-invalid", false));
        assertThat(last(published()).getStatus()).isEqualTo(TaskStatus.REJECTED);
    }

    @Test
    void shouldNotChangeTheStatusOnRetryableErrors() {
        String id = taskId(9);
        requests.pipeInput(key(id), request(id, DEEPFAKE_DETECTION));
        progress.pipeInput(key(id), started(id, 1));
        // When
        errors.pipeInput(key(id), error(id, DEEPFAKE_DETECTION, "internal", true));
        errors.pipeInput(key(id), error(id, null, "media.undecodable", true));
        // Then: nothing published beyond running
        assertThat(published()).extracting(TaskState::getStatus).containsExactly(TaskStatus.PENDING, TaskStatus.RUNNING);
        assertThat(store().get(id).getRevision()).isEqualTo(2L);
    }

    @Test
    void shouldKeepTheFirstResultWhenAnOperationReportsTwice() {
        String id = taskId(10);
        requests.pipeInput(key(id), request(id, DEEPFAKE_DETECTION, REPLAY_ATTACK_DETECTION));
        results.pipeInput(key(id), result(id, DEEPFAKE_DETECTION, 1.0));
        // When
        results.pipeInput(key(id), result(id, DEEPFAKE_DETECTION, -9.0));
        // Then
        List<TaskState> out = published();
        assertThat(out).hasSize(2);
        assertThat(store().get(id).getResults()).singleElement()
                .satisfies(r -> assertThat(r.getChannels().get(0).getScore()).isEqualTo(1.0));
    }

    @Test
    void shouldIgnoreADuplicateRunningSignalAndADuplicateRequest() {
        String id = taskId(11);
        requests.pipeInput(key(id), request(id, DEEPFAKE_DETECTION));
        progress.pipeInput(key(id), started(id, 1));
        // When
        progress.pipeInput(key(id), started(id, 2));
        requests.pipeInput(key(id), request(id, DEEPFAKE_DETECTION, REPLAY_ATTACK_DETECTION));
        // Then
        assertThat(published()).extracting(TaskState::getRevision).containsExactly(1L, 2L);
        assertThat(store().get(id).getRequest().getOperations()).containsExactly(DEEPFAKE_DETECTION);
    }

    @Test
    void shouldHoldAResultThatArrivesBeforeItsRequestAndPublishOnceTheRequestIsKnown() {
        String id = taskId(12);
        // When
        results.pipeInput(key(id), result(id, DEEPFAKE_DETECTION, 1.0));
        // Then: held, not published
        assertThat(published()).isEmpty();
        assertThat(store().get(id).getRequest()).isNull();
        // When
        requests.pipeInput(key(id), request(id, DEEPFAKE_DETECTION, REPLAY_ATTACK_DETECTION));
        // Then
        TaskState first = last(published());
        assertThat(first.getStatus()).isEqualTo(TaskStatus.RUNNING);
        assertThat(first.getResults()).hasSize(1);
    }

    @Test
    void shouldBeDoneAtOnceWhenEveryResultArrivedBeforeTheRequest() {
        String id = taskId(13);
        progress.pipeInput(key(id), started(id, 1));
        results.pipeInput(key(id), result(id, DEEPFAKE_DETECTION, 1.0));
        assertThat(published()).isEmpty();
        // When
        requests.pipeInput(key(id), request(id, DEEPFAKE_DETECTION));
        // Then
        assertThat(published()).singleElement().satisfies(s -> assertThat(s.getStatus()).isEqualTo(TaskStatus.DONE));
    }

    @Test
    void shouldIgnoreARunningSignalOrAnErrorAfterDone() {
        String id = taskId(14);
        requests.pipeInput(key(id), request(id, DEEPFAKE_DETECTION));
        results.pipeInput(key(id), result(id, DEEPFAKE_DETECTION, 1.0));
        published();
        // When
        progress.pipeInput(key(id), started(id, 2));
        errors.pipeInput(key(id), error(id, null, "internal", false));
        results.pipeInput(key(id), result(id, DEEPFAKE_DETECTION, -1.0));
        // Then
        assertThat(published()).isEmpty();
        assertThat(store().get(id).getStatus()).isEqualTo(TaskStatus.DONE);
        assertThat(store().get(id).getRevision()).isEqualTo(2L);
    }

    @Test
    void shouldIgnoreAnErrorForAnOperationThatAlreadyHasItsResult() {
        String id = taskId(15);
        requests.pipeInput(key(id), request(id, DEEPFAKE_DETECTION, REPLAY_ATTACK_DETECTION));
        results.pipeInput(key(id), result(id, DEEPFAKE_DETECTION, 1.0));
        // When
        errors.pipeInput(key(id), error(id, DEEPFAKE_DETECTION, "internal", false));
        // Then
        assertThat(last(published()).getStatus()).isEqualTo(TaskStatus.RUNNING);
    }

    @Test
    void shouldNeverPublishATaskWhoseRequestNeverCameAndDropItAfterTheTtl() {
        String id = taskId(16);
        // Given
        progress.pipeInput(key(id), started(id, 1));
        errors.pipeInput(key(id), error(id, null, "media.undecodable", false));
        assertThat(store().get(id)).isNotNull();
        // When
        driver.advanceWallClockTime(TERMINAL_TTL.plus(SWEEP));
        // Then
        assertThat(published()).isEmpty();
        assertThat(store().get(id)).isNull();
        assertThat(audio.deleted).isEmpty();
    }

    @Test
    void shouldDeleteATaskWithATombstoneAndItsAudioAndIgnoreItsLaterEvents() {
        String id = taskId(17);
        requests.pipeInput(key(id), request(id, DEEPFAKE_DETECTION));
        progress.pipeInput(key(id), started(id, 1));
        published();
        // When
        deletions.pipeInput(key(id), deleted(id));
        // Then
        List<KeyValue<TaskKey, TaskState>> out = states.readKeyValuesToList();
        assertThat(out).singleElement().satisfies(kv -> {
            assertThat(kv.key.getTaskId()).isEqualTo(id);
            assertThat(kv.value).isNull();
        });
        assertThat(audio.deleted).containsExactly(URI.create(audioUri(id)));
        assertThat(store().get(id)).isNull();
        // When: late and replayed events
        results.pipeInput(key(id), result(id, DEEPFAKE_DETECTION, 1.0));
        requests.pipeInput(key(id), request(id, DEEPFAKE_DETECTION));
        // Then
        assertThat(published()).isEmpty();
        assertThat(store().get(id)).isNull();
    }

    @Test
    void shouldIgnoreARequestThatArrivesAfterItsDeletionButRemoveItsAudio() {
        String id = taskId(18);
        deletions.pipeInput(key(id), deleted(id));
        states.readKeyValuesToList();
        // When
        requests.pipeInput(key(id), request(id, DEEPFAKE_DETECTION));
        // Then
        assertThat(published()).isEmpty();
        assertThat(audio.deleted).containsExactly(URI.create(audioUri(id)));
    }

    @Test
    void shouldExpireAFinalTaskAfterItsTtlWithATombstoneAndRemoveItsAudio() {
        String id = taskId(19);
        String running = taskId(20);
        requests.pipeInput(key(id), request(id, DEEPFAKE_DETECTION));
        results.pipeInput(key(id), result(id, DEEPFAKE_DETECTION, 1.0));
        requests.pipeInput(key(running), request(running, DEEPFAKE_DETECTION));
        published();
        // When: just before the TTL
        driver.advanceWallClockTime(TERMINAL_TTL.minus(SWEEP));
        // Then
        assertThat(states.isEmpty()).isTrue();
        assertThat(audio.deleted).isEmpty();
        // When: past it
        driver.advanceWallClockTime(SWEEP.multipliedBy(2));
        // Then: only the final task goes
        List<KeyValue<TaskKey, TaskState>> out = states.readKeyValuesToList();
        assertThat(out).singleElement().satisfies(kv -> {
            assertThat(kv.key.getTaskId()).isEqualTo(id);
            assertThat(kv.value).isNull();
        });
        assertThat(audio.deleted).containsExactly(URI.create(audioUri(id)));
        assertThat(store().get(id)).isNull();
        assertThat(store().get(running).getStatus()).isEqualTo(TaskStatus.PENDING);
        // And a duplicate request after expiry does not bring it back
        requests.pipeInput(key(id), request(id, DEEPFAKE_DETECTION));
        assertThat(published()).isEmpty();
    }

    @Test
    void shouldForgetTheMarkerOfADeletedTaskAfterTheMarkerTtl() {
        String id = taskId(21);
        deletions.pipeInput(key(id), deleted(id));
        KeyValueStore<String, Long> markers = driver.getKeyValueStore(TaskStateTopology.MARKER_STORE);
        assertThat(markers.get(id)).isEqualTo(Events.T0.toEpochMilli());
        // When
        driver.advanceWallClockTime(MARKER_TTL.minus(SWEEP));
        // Then
        assertThat(markers.get(id)).isNotNull();
        // When
        driver.advanceWallClockTime(SWEEP.multipliedBy(2));
        // Then
        assertThat(markers.get(id)).isNull();
    }

    @Test
    void shouldKeepStatusAndRevisionMonotonicWhateverTheOrderOfOneTasksEvents() {
        // Given every order of one task's five events, with a duplicate of each
        String id = taskId(22);
        List<Object[]> events = List.of(
                new Object[] {"req", request(id, DEEPFAKE_DETECTION, REPLAY_ATTACK_DETECTION)},
                new Object[] {"start", started(id, 1)},
                new Object[] {"res", result(id, DEEPFAKE_DETECTION, 1.0)},
                new Object[] {"res", result(id, REPLAY_ATTACK_DETECTION, 1.0)},
                new Object[] {"err", error(id, null, "internal", true)});
        java.util.Random random = new java.util.Random(42);
        for (int round = 0; round < 20; round++) {
            List<Object[]> order = new java.util.ArrayList<>(events);
            order.addAll(events);
            java.util.Collections.shuffle(order, random);
            String roundId = id + "-" + round;
            for (Object[] e : order) {
                pipe((String) e[0], roundId, e[1]);
            }
            List<TaskState> out = published();
            assertThat(out).isNotEmpty();
            for (int i = 1; i < out.size(); i++) {
                assertThat(out.get(i).getRevision()).isGreaterThan(out.get(i - 1).getRevision());
                assertThat(rank(out.get(i).getStatus())).isGreaterThanOrEqualTo(rank(out.get(i - 1).getStatus()));
            }
            assertThat(last(out).getStatus()).isEqualTo(TaskStatus.DONE);
        }
    }

    private void pipe(String kind, String taskId, Object template) {
        // The same event re-keyed for another task id, so that every round is its own task.
        org.apache.avro.specific.SpecificRecordBase copy = (org.apache.avro.specific.SpecificRecordBase)
                org.apache.avro.specific.SpecificData.get().deepCopy(
                        ((org.apache.avro.specific.SpecificRecordBase) template).getSchema(), template);
        copy.put("task_id", taskId);
        TestInputTopic<TaskKey, Object> topic = switch (kind) {
            case "req" -> requests;
            case "start" -> progress;
            case "res" -> results;
            default -> errors;
        };
        topic.pipeInput(key(taskId), copy);
    }

    private static int rank(TaskStatus status) {
        return status == TaskStatus.PENDING ? 0 : status == TaskStatus.RUNNING ? 1 : 2;
    }

    private static TaskState last(List<TaskState> states) {
        assertThat(states).isNotEmpty();
        return states.get(states.size() - 1);
    }
}
