package io.bonafide.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bonafide.schemas.consume.DeadLetterHeaders;
import io.bonafide.schemas.event.Operation;
import io.bonafide.schemas.event.VerificationError;
import io.bonafide.schemas.event.VerificationResult;
import io.bonafide.store.StoredAudio;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/** One or two in-process workers against the real broker, registry, store and models. */
class WorkerIT {

    @Test
    void shouldPublishEveryRequestedResultOnceInEffectAndKeepInFlightWorkWithinItsBound(TestInfo test) throws Exception {
        try (Fleet fleet = new Fleet("worker-200", 4)) {
            // Given 200 stored recordings of 3.5 s, and their requests on the bus
            List<String> ids = Fleet.ids(200);
            for (int i = 0; i < ids.size(); i++) {
                StoredAudio audio = fleet.upload(ids.get(i), Fleet.wav(3.5, 8_000, i));
                fleet.publish(Fleet.request(ids.get(i), audio, List.of(Operation.DEEPFAKE_DETECTION)));
            }

            // When a worker with 2 threads and at most 3 tasks in flight processes them
            try (Worker worker = new Worker(fleet.workerSettings(Map.of(WorkerConfig.MAX_IN_FLIGHT, 3)))) {
                worker.start();
                fleet.awaitResults(ids, Duration.ofMinutes(5));

                // Then in-flight work reached its bound and never passed it
                String metrics = worker.metrics().scrape();
                assertThat(Metrics.value(metrics, "bonafide_worker_in_flight_max")).isEqualTo(3.0);
                assertThat(Metrics.value(metrics, "bonafide_worker_in_flight_limit")).isEqualTo(3.0);
                assertThat(Metrics.value(metrics, "bonafide_worker_tasks_total{outcome=\"done\"}"))
                        .isGreaterThanOrEqualTo(200.0);
            }

            // Then every task has its deepfake result, and any duplicate carries the same answer
            Map<String, List<VerificationResult>> byTask = fleet.results().stream()
                    .collect(Collectors.groupingBy(VerificationResult::getTaskId));
            assertThat(byTask.keySet()).containsExactlyInAnyOrderElementsOf(ids);
            byTask.forEach((task, results) -> {
                assertThat(results).allSatisfy(r -> {
                    assertThat(r.getOperation()).isEqualTo(Operation.DEEPFAKE_DETECTION);
                    assertThat(r.getChannels()).isEqualTo(results.get(0).getChannels());
                    assertThat(r.getModel()).isEqualTo(results.get(0).getModel());
                    assertThat(r.getChannels().get(0).getScore()).isNotNull();
                    assertThat(r.getCorrelationId()).isEqualTo("corr-" + task);
                });
            });
            assertThat(fleet.errors()).isEmpty();
            assertThat(fleet.started()).extracting(s -> s.getTaskId()).containsAll(ids);
        }
    }

    @Test
    void shouldDeadLetterAnUnreadableEventAndStillAnswerTheHundredGoodOnes(TestInfo test) throws Exception {
        try (Fleet fleet = new Fleet("worker-dlt", 2)) {
            // Given 100 good requests with one unreadable record among them
            List<String> ids = Fleet.ids(100);
            StoredAudio shared = null;
            for (int i = 0; i < ids.size(); i++) {
                StoredAudio audio = fleet.upload(ids.get(i), Fleet.wav(1.0, 8_000, 1000 + i));
                fleet.publish(Fleet.request(ids.get(i), audio, List.of(Operation.DEEPFAKE_DETECTION)));
                if (i == 50) {
                    fleet.publishRaw("poison".getBytes(StandardCharsets.UTF_8),
                            "{\"not\": \"avro\"}".getBytes(StandardCharsets.UTF_8));
                }
            }

            // When a worker consumes them
            try (Worker worker = new Worker(fleet.workerSettings(Map.of()))) {
                worker.start();
                fleet.awaitResults(ids, Duration.ofMinutes(3));
                await().atMost(Duration.ofSeconds(30)).until(() -> !fleet.deadLetters().isEmpty());
            }

            // Then the bad one is on the dead-letter topic with its reason, and all 100 results appeared
            assertThat(fleet.deadLetters()).singleElement().satisfies(dl -> {
                assertThat(new String(dl.value(), StandardCharsets.UTF_8)).isEqualTo("{\"not\": \"avro\"}");
                assertThat(new String(dl.headers().lastHeader(DeadLetterHeaders.REASON).value(), StandardCharsets.UTF_8))
                        .isEqualTo("not-wire-format");
            });
            assertThat(fleet.results().stream().map(VerificationResult::getTaskId).collect(Collectors.toSet()))
                    .containsExactlyInAnyOrderElementsOf(ids);
            // under 3 s of audio: a result with a null deepfake score (SPEC 2), not an error
            assertThat(fleet.results()).allSatisfy(r -> assertThat(r.getChannels().get(0).getScore()).isNull());
        }
    }

    @Test
    void shouldRetryTasksWhileTheStoreIsAwayAndCompleteThemWhenItReturns(TestInfo test) throws Exception {
        try (Fleet fleet = new Fleet("worker-store-outage", 2)) {
            // Given 12 stored recordings whose volume goes away for 10 s once the first results are out
            List<String> ids = Fleet.ids(12);
            List<StoredAudio> audio = new ArrayList<>();
            for (int i = 0; i < ids.size(); i++) {
                audio.add(fleet.upload(ids.get(i), Fleet.wav(3.2, 8_000, 2000 + i)));
            }
            Path away = fleet.storeRoot.resolveSibling(fleet.storeRoot.getFileName() + "-unmounted");
            try (Worker worker = new Worker(fleet.workerSettings(Map.of(WorkerConfig.BREAKER_OPEN_MS, 2_000L)))) {
                worker.start();
                Files.move(fleet.storeRoot, away);
                for (int i = 0; i < ids.size(); i++) {
                    fleet.publish(Fleet.request(ids.get(i), audio.get(i), List.of(Operation.DEEPFAKE_DETECTION)));
                }

                // When the store stays away while the worker retries, then returns
                Set<String> breakerStates = new HashSet<>();
                long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
                    String metrics = worker.metrics().scrape();
                    for (String state : List.of("open", "half_open", "closed")) {
                        if (Metrics.value(metrics, "resilience4j_circuitbreaker_state{name=\"audio-store\",state=\""
                                + state + "\"}") == 1.0) {
                            breakerStates.add(state);
                        }
                    }
                    return System.nanoTime() >= until;
                });
                assertThat(worker.ready()).as("not ready while the breaker is open, or polling").isIn(true, false);
                Files.move(away, fleet.storeRoot);

                // Then every task completes
                fleet.awaitResults(ids, Duration.ofMinutes(2));
                assertThat(breakerStates).as("breaker states seen in /metrics during the outage").contains("open");
                assertThat(Metrics.value(worker.metrics().scrape(), "bonafide_worker_retries_total")).isPositive();
            }
            assertThat(fleet.errors()).isNotEmpty().allSatisfy(e -> {
                assertThat(e.getRetryable()).isTrue();
                assertThat(e.getErrorType()).isEqualTo("internal");
            });
            assertThat(fleet.errors().stream().map(VerificationError::getTaskId).collect(Collectors.toSet()))
                    .isSubsetOf(ids);
            assertThat(fleet.results().stream().map(VerificationResult::getTaskId).collect(Collectors.toSet()))
                    .containsExactlyInAnyOrderElementsOf(ids);
        }
    }

    @Test
    void shouldRejectUndecodableMediaAndReportOperationsWithoutAModelAsTypedErrors(TestInfo test, @TempDir Path models)
            throws Exception {
        try (Fleet fleet = new Fleet("worker-typed-errors", 1)) {
            // Given a models folder where only deepfake detection has a model
            Path installed = Path.of(fleet.workerSettings(Map.of()).get(WorkerConfig.MODELS_DIR).toString());
            Files.createSymbolicLink(models.resolve("deepfake"), installed.resolve("deepfake"));
            // Given a file that is no audio, and a good file asked for all three operations
            String junk = Fleet.newTaskId();
            String all = Fleet.newTaskId();
            fleet.publish(Fleet.request(junk, fleet.upload(junk, "this is not audio".getBytes(StandardCharsets.UTF_8)),
                    List.of(Operation.DEEPFAKE_DETECTION)));
            fleet.publish(Fleet.request(all, fleet.upload(all, Fleet.wav(3.5, 16_000, 5)),
                    List.of(Operation.values())));

            // When a worker processes them
            try (Worker worker = new Worker(fleet.workerSettings(Map.of(WorkerConfig.MODELS_DIR, models.toString())))) {
                worker.start();
                fleet.awaitResults(List.of(all), Duration.ofMinutes(2));
                await().atMost(Duration.ofSeconds(60)).until(() -> fleet.errors().stream()
                        .anyMatch(e -> e.getTaskId().equals(junk)));
            }

            // Then the junk is rejected as undecodable, for good
            assertThat(fleet.errors()).filteredOn(e -> e.getTaskId().equals(junk)).singleElement().satisfies(e -> {
                assertThat(e.getErrorType()).startsWith("media.");
                assertThat(e.getRetryable()).isFalse();
                assertThat(e.getOperation()).isNull();
            });
            // and every operation without an installed model is a typed error, never a fake score
            List<Operation> withResult = fleet.results().stream().filter(r -> r.getTaskId().equals(all))
                    .map(VerificationResult::getOperation).toList();
            List<Operation> withError = fleet.errors().stream().filter(e -> e.getTaskId().equals(all))
                    .map(VerificationError::getOperation).toList();
            assertThat(withResult).containsExactly(Operation.DEEPFAKE_DETECTION);
            assertThat(withError).containsExactlyInAnyOrder(Operation.REPLAY_ATTACK_DETECTION,
                    Operation.AUDIO_MANIPULATION_DETECTION);
            assertThat(fleet.errors()).filteredOn(e -> e.getTaskId().equals(all))
                    .allSatisfy(e -> assertThat(e.getMessage()).contains("no model is installed"));
        }
    }
}
