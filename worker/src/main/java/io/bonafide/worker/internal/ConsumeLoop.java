package io.bonafide.worker.internal;

import io.bonafide.schemas.consume.EventReader;
import io.bonafide.schemas.event.TaskKey;
import io.bonafide.schemas.event.VerificationRequested;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The poll thread of a worker. It never waits on processing: records go to the processing
 * executor, completions come back through a queue, and the loop keeps polling (so
 * {@code max.poll.interval.ms} holds however long a file takes). Backpressure: once in-flight
 * work reaches its bound, every assigned partition is paused, and resumed when work drains;
 * records one poll fetched beyond the bound wait in memory (tracked, so never committed) until
 * there is room. Nothing is ever fetched twice by this worker, so a poison record is
 * dead-lettered once. Commits go only up to the lowest unfinished
 * offset of each partition. Revoked partitions get a short chance to finish and are committed;
 * lost ones are forgotten. Shutdown pauses fetching, waits up to the grace period for in-flight
 * work, commits what finished and leaves the group; unfinished work is handed back uncommitted.
 */
public final class ConsumeLoop implements Runnable, ConsumerRebalanceListener {
    private static final Logger LOG = LoggerFactory.getLogger(ConsumeLoop.class);

    /** Timing settings of the loop. */
    public record Settings(int maxInFlight, Duration pollTimeout, Duration commitInterval, Duration shutdownGrace,
                           Duration revokeGrace) {
    }

    /** A fetched record waiting for room under the in-flight bound (at most one poll's worth). */
    private record Waiting(OffsetTracker.Ticket ticket, VerificationRequested request) {
    }

    private final org.apache.kafka.clients.consumer.Consumer<byte[], byte[]> consumer;
    private final EventReader<TaskKey, VerificationRequested> reader;
    private final ExecutorService processing;
    private final Consumer<VerificationRequested> processor;
    private final WorkerMetrics metrics;
    private final Settings settings;
    private final OffsetTracker offsets = new OffsetTracker();
    private final ConcurrentLinkedQueue<OffsetTracker.Ticket> completions = new ConcurrentLinkedQueue<>();
    private final Set<TopicPartition> pausedForCapacity = new HashSet<>();
    private final java.util.ArrayDeque<Waiting> waiting = new java.util.ArrayDeque<>();
    private final Object drained = new Object();
    private volatile boolean running = true;
    private volatile boolean polling;
    private int active;
    private long lastCommitNanos = System.nanoTime();

    public ConsumeLoop(org.apache.kafka.clients.consumer.Consumer<byte[], byte[]> consumer,
                       EventReader<TaskKey, VerificationRequested> reader, ExecutorService processing,
                       Consumer<VerificationRequested> processor, WorkerMetrics metrics, Settings settings) {
        this.consumer = consumer;
        this.reader = reader;
        this.processing = processing;
        this.processor = processor;
        this.metrics = metrics;
        this.settings = settings;
    }

    /** Asks the loop to stop; {@link #run()} then shuts down gracefully and returns. */
    public void stop() {
        running = false;
        consumer.wakeup();
    }

    /** Whether the loop is polling (joined its group, not shutting down). */
    public boolean polling() {
        return polling;
    }

    @Override
    public void run() {
        try {
            while (running) {
                drainCompletions();
                applyBackpressure();
                List<ConsumerRecord<TaskKey, VerificationRequested>> records;
                try {
                    records = reader.poll(settings.pollTimeout());
                } catch (WakeupException e) {
                    continue; // stop() woke us; the loop condition decides
                }
                polling = true;
                accept(records);
                metrics.deadLettered(reader.deadLettered());
                commitIfDue();
            }
        } catch (RuntimeException e) {
            LOG.error("the poll loop failed; shutting down so that another worker takes the partitions", e);
        } finally {
            polling = false;
            shutdown();
        }
    }

    private void accept(List<ConsumerRecord<TaskKey, VerificationRequested>> records) {
        for (ConsumerRecord<TaskKey, VerificationRequested> record : records) {
            if (record.value() == null) {
                continue; // a tombstone requests nothing; the position moves past it
            }
            TopicPartition partition = new TopicPartition(record.topic(), record.partition());
            // Tracked from now on, so no commit passes it while it waits for room.
            waiting.add(new Waiting(offsets.started(partition, record.offset()), record.value()));
        }
        submitWaiting();
    }

    /** Hands waiting records to the processing threads while in-flight work is under its bound. */
    private void submitWaiting() {
        while (!waiting.isEmpty() && active < settings.maxInFlight()) {
            Waiting next = waiting.peekFirst();
            VerificationRequested request = next.request();
            OffsetTracker.Ticket ticket = next.ticket();
            try {
                processing.execute(() -> {
                    try {
                        processor.accept(request);
                    } catch (RuntimeException e) {
                        // Publishing the outcome failed for good: stop without committing it, so
                        // that another worker processes the task again.
                        LOG.error("could not publish the outcome of task {}; stopping this worker", request.getTaskId(), e);
                        stop();
                        return;
                    }
                    completions.add(ticket);
                    synchronized (drained) {
                        drained.notifyAll();
                    }
                });
            } catch (RejectedExecutionException e) {
                return; // shutting down: it stays unfinished and uncommitted
            }
            waiting.pollFirst();
            active++;
            metrics.inFlight(active);
        }
    }

    private void drainCompletions() {
        for (OffsetTracker.Ticket ticket; (ticket = completions.poll()) != null; ) {
            offsets.finished(ticket);
            active--;
        }
        submitWaiting();
        metrics.inFlight(active);
    }

    private void applyBackpressure() {
        Set<TopicPartition> assigned = consumer.assignment();
        pausedForCapacity.retainAll(assigned);
        if (active >= settings.maxInFlight() || !waiting.isEmpty()) {
            Set<TopicPartition> toPause = new HashSet<>(assigned);
            toPause.removeAll(pausedForCapacity);
            if (!toPause.isEmpty()) {
                consumer.pause(toPause);
                pausedForCapacity.addAll(toPause);
            }
        } else if (!pausedForCapacity.isEmpty()) {
            consumer.resume(pausedForCapacity);
            pausedForCapacity.clear();
        }
        metrics.pausedPartitions(pausedForCapacity.size());
    }

    private void commitIfDue() {
        if (System.nanoTime() - lastCommitNanos < settings.commitInterval().toNanos()) {
            return;
        }
        lastCommitNanos = System.nanoTime();
        commit(new ArrayList<>(offsets.held()), false);
    }

    private void commit(Collection<TopicPartition> partitions, boolean sync) {
        Map<TopicPartition, OffsetAndMetadata> due = offsets.committable(partitions, consumer::position);
        if (due.isEmpty()) {
            return;
        }
        if (sync) {
            consumer.commitSync(due);
            offsets.committed(due);
        } else {
            consumer.commitAsync(due, (committed, failure) -> {
                if (failure == null) {
                    offsets.committed(committed);
                } else {
                    LOG.warn("async commit failed; the next commit covers it: {}", failure.toString());
                }
            });
        }
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        metrics.assigned();
        partitions.forEach(offsets::assigned);
        LOG.info("assigned {}", partitions);
        if (active >= settings.maxInFlight() || !waiting.isEmpty()) {
            consumer.pause(partitions);
            pausedForCapacity.addAll(partitions);
        }
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        // Give the revoked partitions' running work a short chance to finish, so that the new
        // owner does not repeat it; what does not finish in time is processed again there.
        waiting.removeIf(w -> partitions.contains(w.ticket().partition()));
        awaitDrained(() -> offsets.inFlight(partitions) == 0, settings.revokeGrace());
        try {
            commit(partitions, true);
        } catch (KafkaException e) {
            LOG.warn("commit on revocation failed; the new owner may repeat some work: {}", e.toString());
        }
        offsets.forget(partitions);
        pausedForCapacity.removeAll(partitions);
        LOG.info("revoked {}", partitions);
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
        waiting.removeIf(w -> partitions.contains(w.ticket().partition()));
        offsets.forget(partitions);
        pausedForCapacity.removeAll(partitions);
        LOG.warn("lost {} (no commit: another worker owns them already)", partitions);
    }

    private void awaitDrained(java.util.function.BooleanSupplier done, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        drainCompletions();
        while (!done.getAsBoolean() && System.nanoTime() < deadline) {
            synchronized (drained) {
                if (completions.isEmpty()) {
                    try {
                        drained.wait(Math.max(1, Math.min(100, (deadline - System.nanoTime()) / 1_000_000)));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
            drainCompletions();
        }
    }

    private void shutdown() {
        try {
            Set<TopicPartition> assigned = consumer.assignment();
            consumer.pause(assigned);
            long deadline = System.nanoTime() + settings.shutdownGrace().toNanos();
            LOG.info("shutting down: {} task(s) in flight, grace {}", active, settings.shutdownGrace());
            while (active > 0 && System.nanoTime() < deadline) {
                awaitDrained(() -> active == 0, Duration.ofMillis(Math.min(500,
                        Math.max(1, (deadline - System.nanoTime()) / 1_000_000))));
                try {
                    consumer.poll(Duration.ZERO); // stay in the group while work finishes (fetching is paused)
                } catch (WakeupException ignored) {
                    // a second stop()
                }
            }
            waiting.clear(); // never started: left unfinished, so the commit stops before them
            processing.shutdownNow();
            processing.awaitTermination(5, TimeUnit.SECONDS);
            drainCompletions();
            commit(new ArrayList<>(offsets.held()), true);
            if (active > 0) {
                LOG.warn("{} task(s) did not finish within the grace period; handed back uncommitted", active);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warn("final commit failed; another worker may repeat finished work: {}", e.toString());
        } finally {
            consumer.close(); // leaves the group, so the partitions move at once
        }
    }
}
