package io.bonafide.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bonafide.schemas.event.Operation;
import io.bonafide.schemas.event.VerificationResult;
import io.bonafide.store.StoredAudio;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The fleet's failure modes: a worker killed mid-run, and a file that takes longer than max.poll.interval.ms. */
class WorkerFleetIT {

    @Test
    void shouldCompleteEveryTaskWhenOneOfTwoWorkersIsKilledMidRun() throws Exception {
        try (Fleet fleet = new Fleet("fleet-halt", 4)) {
            // Given 60 requests, and two worker JVMs in one group, each rate-limited so the run takes a while
            List<String> ids = Fleet.ids(60);
            for (int i = 0; i < ids.size(); i++) {
                StoredAudio audio = fleet.upload(ids.get(i), Fleet.wav(3.5, 8_000, 3000 + i));
                fleet.publish(Fleet.request(ids.get(i), audio, List.of(Operation.DEEPFAKE_DETECTION)));
            }
            Map<String, Object> limited = Map.of(WorkerConfig.RATE_AUDIO_SECONDS_PER_SECOND, 12.0,
                    WorkerConfig.HTTP_PORT, -1);
            try (WorkerProcess doomed = WorkerProcess.start(fleet.prefix + "-a", fleet.workerSettings(limited));
                 WorkerProcess survivor = WorkerProcess.start(fleet.prefix + "-b", fleet.workerSettings(limited))) {
                // When the first worker is killed without warning once some results are out
                await().atMost(Duration.ofMinutes(2)).until(() -> fleet.results().size() >= 10
                        && doomed.output().contains("done:") && survivor.output().contains("assigned"));
                doomed.halt();
                int atHalt = fleet.results().size();

                // Then every task completes, the killed worker's unfinished ones on the survivor
                fleet.awaitResults(ids, Duration.ofMinutes(3));
                assertThat(atHalt).isLessThan(ids.size());

                // and the survivor stops cleanly on SIGTERM (0, or 128 + 15 when the signal ends the JVM first)
                assertThat(survivor.terminate()).isIn(0, 143);
                assertThat(survivor.output()).contains("worker stopped");
            }
            Map<String, List<VerificationResult>> byTask = fleet.results().stream()
                    .collect(Collectors.groupingBy(VerificationResult::getTaskId));
            assertThat(byTask.keySet()).containsExactlyInAnyOrderElementsOf(ids);
            byTask.values().forEach(results -> assertThat(results)
                    .allSatisfy(r -> assertThat(r.getChannels()).isEqualTo(results.get(0).getChannels())));
        }
    }

    @Test
    void shouldNeitherRebalanceNorRepeatWorkOnATwentyMinuteFileWithAThirtySecondPollInterval() throws Exception {
        try (Fleet fleet = new Fleet("fleet-long-file", 1)) {
            // Given a 20-minute recording, and a worker whose rate limit alone makes it take well over 30 s
            String id = Fleet.newTaskId();
            StoredAudio audio = fleet.upload(id, Fleet.wav(20 * 60, 8_000, 42));
            try (Worker worker = new Worker(fleet.workerSettings(Map.of(
                    WorkerConfig.MAX_POLL_INTERVAL_MS, 30_000,
                    WorkerConfig.SESSION_TIMEOUT_MS, 10_000,
                    WorkerConfig.RATE_AUDIO_SECONDS_PER_SECOND, 30.0)))) {
                worker.start();
                await().atMost(Duration.ofSeconds(60)).until(worker::ready);

                // When it is processed
                fleet.publish(Fleet.request(id, audio, List.of(Operation.DEEPFAKE_DETECTION)));
                fleet.awaitResults(List.of(id), Duration.ofMinutes(5));
                String metrics = worker.metrics().scrape();

                // Then it took longer than max.poll.interval.ms, yet the worker was assigned its partition once
                assertThat(Metrics.value(metrics, "bonafide_worker_processing_seconds_max{outcome=\"done\"}"))
                        .isGreaterThan(30.0);
                assertThat(Metrics.value(metrics, "bonafide_worker_partitions_assigned_total")).isEqualTo(1.0);
                assertThat(Metrics.value(metrics, "bonafide_worker_rate_limit_wait_seconds_count")).isEqualTo(1.0);
            }
            // and the task was started once and answered once
            assertThat(fleet.started()).singleElement().satisfies(s -> assertThat(s.getTaskId()).isEqualTo(id));
            assertThat(fleet.results()).singleElement().satisfies(r -> {
                assertThat(r.getMedia().getDuration()).isEqualTo(1200.0);
                assertThat(r.getChannels().get(0).getScore()).isNotNull();
            });
        }
    }
}
