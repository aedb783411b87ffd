package io.bonafide.tasks.webhook.internal;

import io.bonafide.schemas.consume.EventReader;
import io.bonafide.schemas.event.TaskKey;
import io.bonafide.schemas.event.TaskState;
import io.bonafide.schemas.event.TaskStatus;
import io.bonafide.tasks.TaskDocument;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dispatcher's poll thread. Each turn it applies finished attempts, reads the next batch of
 * task states, records a delivery for every new final state (with callback or subscription URLs)
 * in the {@link RetryStore}, flushes, and only then commits the state offsets (at-least-once:
 * a crash replays states whose deliveries might not be recorded, and the store's records make
 * the replay a no-op for those that were). Then it hands due deliveries to the delivery threads,
 * at most {@code threads} at once; attempts never run on this thread, so an endpoint that is
 * down never holds the state partition back. Schedules live per state partition and move with
 * it on a rebalance.
 */
public final class DispatchLoop implements Runnable, ConsumerRebalanceListener {
    private static final Logger LOG = LoggerFactory.getLogger(DispatchLoop.class);
    private static final int FINISHED_REMEMBERED_PER_PARTITION = 100_000;
    private static final Duration DISABLED_REFRESH = Duration.ofSeconds(1);

    /** Loop settings. */
    public record Settings(Duration pollTimeout, int threads) {
    }

    private record Result(int partition, String taskId, String webhookId, AttemptOutcome outcome, Duration took) {
    }

    private final Consumer<byte[], byte[]> consumer;
    private final EventReader<TaskKey, TaskState> reader;
    private final RetryStore store;
    private final DisabledEndpoints disabled;
    private final DeliveryClient client;
    private final DeliveryPolicy policy;
    private final Function<String, Optional<byte[]>> signingKeys;
    private final Function<String, List<String>> subscriptions;
    private final WebhookMetrics metrics;
    private final Clock clock;
    private final ExecutorService pool;
    private final Settings settings;

    private final Map<Integer, Map<String, TaskDeliveries>> active = new HashMap<>();
    private final Map<Integer, Map<String, String>> finished = new HashMap<>();
    private final Set<String> inFlight = new HashSet<>();
    private final ConcurrentLinkedQueue<Result> results = new ConcurrentLinkedQueue<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean running = true;
    private long lastDisabledRefresh;

    public DispatchLoop(Consumer<byte[], byte[]> consumer, EventReader<TaskKey, TaskState> reader, RetryStore store,
                        DisabledEndpoints disabled, DeliveryClient client, DeliveryPolicy policy,
                        Function<String, Optional<byte[]>> signingKeys, Function<String, List<String>> subscriptions,
                        WebhookMetrics metrics, Clock clock, ExecutorService pool, Settings settings) {
        this.consumer = consumer;
        this.reader = reader;
        this.store = store;
        this.disabled = disabled;
        this.client = client;
        this.policy = policy;
        this.signingKeys = signingKeys;
        this.subscriptions = subscriptions;
        this.metrics = metrics;
        this.clock = clock;
        this.pool = pool;
        this.settings = settings;
    }

    @Override
    public void run() {
        try {
            while (running) {
                turn();
            }
        } catch (WakeupException e) {
            if (running) {
                throw e;
            }
        } catch (RuntimeException e) {
            LOG.error("webhook dispatch loop failed; deliveries recorded so far resume on restart", e);
            throw e;
        } finally {
            try {
                store.flush();
            } finally {
                stopped.countDown();
            }
        }
    }

    /** Asks the loop to stop after its current turn and waits until it has. */
    public void stop(Duration timeout) throws InterruptedException {
        running = false;
        consumer.wakeup();
        stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void turn() {
        long now = clock.millis();
        if (now - lastDisabledRefresh >= DISABLED_REFRESH.toMillis()) {
            disabled.refresh(Duration.ZERO);
            lastDisabledRefresh = now;
        }
        applyResults();
        List<ConsumerRecord<TaskKey, TaskState>> records = reader.poll(settings.pollTimeout());
        if (!records.isEmpty()) {
            Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
            Map<TopicPartition, Long> firstOffsets = new HashMap<>();
            List<Recorded> recorded = new ArrayList<>();
            for (ConsumerRecord<TaskKey, TaskState> record : records) {
                accept(record).ifPresent(recorded::add);
                TopicPartition tp = new TopicPartition(record.topic(), record.partition());
                offsets.put(tp, new OffsetAndMetadata(record.offset() + 1));
                firstOffsets.putIfAbsent(tp, record.offset());
            }
            store.flush();
            if (recorded.stream().anyMatch(Recorded::failed)) {
                // Not durably recorded: forget this batch's new deliveries (none was attempted yet) and read
                // the batch again, so nothing is committed that a crash could lose.
                recorded.forEach(r -> active.getOrDefault(r.partition(), Map.of()).remove(r.taskId()));
                recorded.forEach(r -> finishedOf(r.partition()).remove(r.taskId()));
                firstOffsets.forEach(consumer::seek);
                LOG.warn("could not record webhook deliveries in {}; re-reading {} state record(s)", store.topic(),
                        records.size());
            } else {
                try {
                    consumer.commitSync(offsets);
                } catch (CommitFailedException | RebalanceInProgressException e) {
                    // The partitions moved on: the new owner replays these states and finds them recorded.
                    LOG.info("state offsets not committed, partitions were reassigned: {}", e.toString());
                }
            }
        }
        startDue();
        metrics.queue(active.values().stream().mapToInt(m -> (int) m.values().stream()
                .flatMap(t -> t.deliveries.stream()).filter(d -> d.status == TaskDeliveries.Status.PENDING).count()).sum());
    }

    /** A delivery record written for a new final state, checked before the state offset is committed. */
    private record Recorded(int partition, String taskId, Future<RecordMetadata> write) {
        boolean failed() {
            try {
                write.get(0, TimeUnit.MILLISECONDS);
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return true;
            } catch (ExecutionException | TimeoutException e) {
                return true;
            }
        }
    }

    private Optional<Recorded> accept(ConsumerRecord<TaskKey, TaskState> record) {
        TaskState state = record.value();
        if (state == null || !isFinal(state.getStatus())) {
            return Optional.empty();  // tombstones and non-final states send nothing
        }
        String taskId = state.getTaskId();
        String finalState = TaskDocument.stateName(state.getStatus());
        int partition = record.partition();
        TaskDeliveries known = active.computeIfAbsent(partition, p -> new HashMap<>()).get(taskId);
        String done = finishedOf(partition).get(taskId);
        if ((known != null && known.finalState.equals(finalState)) || finalState.equals(done)) {
            metrics.duplicate();
            return Optional.empty();
        }
        Set<String> targets = new LinkedHashSet<>();
        if (state.getRequest() != null && state.getRequest().getCallbackUrl() != null
                && !state.getRequest().getCallbackUrl().isBlank()) {
            targets.add(state.getRequest().getCallbackUrl().trim());
        }
        targets.addAll(subscriptions.apply(state.getTenant()));
        if (targets.isEmpty()) {
            return Optional.empty();
        }
        byte[] body = TaskDocument.toBytes(TaskDocument.render(state));
        long now = clock.millis();
        List<TaskDeliveries.Delivery> deliveries = new ArrayList<>();
        for (String url : targets) {
            boolean off = disabled.isDisabled(url);
            deliveries.add(new TaskDeliveries.Delivery(StandardWebhookSigner.webhookId(taskId, finalState, url), url, 0, 0,
                    now, off ? TaskDeliveries.Status.DISABLED : TaskDeliveries.Status.PENDING, off ? "endpoint_disabled" : ""));
            if (off) {
                metrics.gaveUp("endpoint_disabled");
                LOG.info("webhook skipped task={} correlation={} host={}: endpoint disabled after 410", taskId,
                        state.getCorrelationId(), hostOf(url));
            }
        }
        TaskDeliveries record1 = new TaskDeliveries(taskId, state.getTenant(), finalState, state.getCorrelationId(), body,
                deliveries);
        record1.compactIfFinished();
        Future<RecordMetadata> write = store.write(partition, record1);
        if (record1.pending()) {
            active.get(partition).put(taskId, record1);
        } else {
            finishedOf(partition).put(taskId, finalState);
        }
        return Optional.of(new Recorded(partition, taskId, write));
    }

    private void startDue() {
        long now = clock.millis();
        List<Map.Entry<Integer, TaskDeliveries>> changed = new ArrayList<>();
        for (Map.Entry<Integer, Map<String, TaskDeliveries>> byPartition : active.entrySet()) {
            for (TaskDeliveries task : byPartition.getValue().values()) {
                boolean taskChanged = false;
                for (TaskDeliveries.Delivery d : task.deliveries) {
                    if (d.status != TaskDeliveries.Status.PENDING || d.dueAt > now || inFlight.contains(d.webhookId)) {
                        continue;
                    }
                    if (disabled.isDisabled(d.url)) {
                        d.status = TaskDeliveries.Status.DISABLED;
                        d.lastOutcome = "endpoint_disabled";
                        metrics.gaveUp("endpoint_disabled");
                        LOG.info("webhook dropped task={} correlation={} host={}: endpoint disabled after 410", task.taskId,
                                task.correlationId, hostOf(d.url));
                        taskChanged = true;
                        continue;
                    }
                    Optional<byte[]> key = signingKeys.apply(task.tenant);
                    if (key.isEmpty()) {
                        d.status = TaskDeliveries.Status.GAVE_UP;
                        d.lastOutcome = "no_secret";
                        metrics.gaveUp("no_secret");
                        LOG.error("webhook given up task={} correlation={} host={}: tenant {} has no signing secret",
                                task.taskId, task.correlationId, hostOf(d.url), task.tenant);
                        taskChanged = true;
                        continue;
                    }
                    if (inFlight.size() >= settings.threads()) {
                        break;
                    }
                    if (d.firstAttemptAt == 0) {
                        d.firstAttemptAt = now;
                    }
                    inFlight.add(d.webhookId);
                    submit(byPartition.getKey(), task, d, key.get());
                }
                if (taskChanged) {
                    changed.add(Map.entry(byPartition.getKey(), task));
                }
            }
        }
        changed.forEach(e -> persist(e.getKey(), e.getValue()));
    }

    private void submit(int partition, TaskDeliveries task, TaskDeliveries.Delivery d, byte[] key) {
        String url = d.url;
        String webhookId = d.webhookId;
        byte[] body = task.body();
        String taskId = task.taskId;
        String correlationId = task.correlationId;
        pool.execute(() -> {
            long started = System.nanoTime();
            AttemptOutcome outcome;
            try {
                outcome = client.attempt(url, webhookId, key, body, correlationId);
            } catch (RuntimeException e) {
                outcome = AttemptOutcome.failure(AttemptOutcome.Kind.CONNECT_ERROR, e.getClass().getSimpleName());
            }
            results.add(new Result(partition, taskId, webhookId, outcome, Duration.ofNanos(System.nanoTime() - started)));
        });
    }

    private void applyResults() {
        for (Result r = results.poll(); r != null; r = results.poll()) {
            apply(r);
        }
    }

    private void apply(Result r) {
        {
            inFlight.remove(r.webhookId());
            metrics.attempt(r.outcome(), r.took());
            TaskDeliveries task = active.getOrDefault(r.partition(), Map.of()).get(r.taskId());
            if (task == null) {
                return;  // the partition moved to another dispatcher, which resumes from the store
            }
            TaskDeliveries.Delivery d = task.deliveries.stream().filter(x -> x.webhookId.equals(r.webhookId()))
                    .findFirst().orElse(null);
            if (d == null || d.status != TaskDeliveries.Status.PENDING) {
                return;
            }
            Instant now = clock.instant();
            d.attempts++;
            AttemptOutcome outcome = r.outcome();
            DeliveryPolicy.Decision decision = policy.decide(outcome, d.attempts, Instant.ofEpochMilli(d.firstAttemptAt), now);
            d.lastOutcome = outcome.status() > 0 ? outcome.tag() + ":" + outcome.status() : outcome.tag();
            String next = "-";
            if (decision instanceof DeliveryPolicy.Delivered) {
                d.status = TaskDeliveries.Status.DELIVERED;
                metrics.delivered();
            } else if (decision instanceof DeliveryPolicy.Disable) {
                d.status = TaskDeliveries.Status.DISABLED;
                disabled.disable(d.url, hostOf(d.url), task.taskId);
                metrics.disabled();
                LOG.warn("webhook endpoint disabled host={}: it answered 410 Gone (task={}); no more attempts to it",
                        hostOf(d.url), task.taskId);
            } else if (decision instanceof DeliveryPolicy.Retry retry) {
                d.dueAt = retry.at().toEpochMilli();
                next = retry.delay().toString();
            } else if (decision instanceof DeliveryPolicy.GiveUp giveUp) {
                d.status = TaskDeliveries.Status.GAVE_UP;
                metrics.gaveUp(giveUp.reason());
                next = "gave_up:" + giveUp.reason();
            }
            LOG.info("webhook attempt task={} correlation={} webhook_id={} host={} attempt={} status={} outcome={} "
                            + "detail={} next_delay={}", task.taskId, task.correlationId, d.webhookId, hostOf(d.url),
                    d.attempts, outcome.status(), outcome.tag(), outcome.detail().isEmpty() ? "-" : outcome.detail(), next);
            persist(r.partition(), task);
        }
    }

    private void persist(int partition, TaskDeliveries task) {
        task.compactIfFinished();
        store.write(partition, task);
        if (!task.pending()) {
            Map<String, TaskDeliveries> byTask = active.get(partition);
            if (byTask != null) {
                byTask.remove(task.taskId);
            }
            finishedOf(partition).put(task.taskId, task.finalState);
        }
    }

    private Map<String, String> finishedOf(int partition) {
        // Bounded: older finished tasks are still deduplicated by the store after a restart, and by
        // the receiver through webhook-id in any case.
        return finished.computeIfAbsent(partition, p -> new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
                return size() > FINISHED_REMEMBERED_PER_PARTITION;
            }
        });
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        store.flush();
        partitions.forEach(tp -> {
            active.remove(tp.partition());
            finished.remove(tp.partition());
        });
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
        partitions.forEach(tp -> {
            active.remove(tp.partition());
            finished.remove(tp.partition());
        });
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        Map<Integer, List<TaskDeliveries>> restored = store.restore(partitions.stream().map(TopicPartition::partition).toList());
        int pending = 0;
        for (TopicPartition tp : partitions) {
            Map<String, TaskDeliveries> byTask = new HashMap<>();
            for (TaskDeliveries task : restored.getOrDefault(tp.partition(), List.of())) {
                if (task.pending() && task.body() != null) {
                    byTask.put(task.taskId, task);
                    pending++;
                } else {
                    finishedOf(tp.partition()).put(task.taskId, task.finalState);
                }
            }
            active.put(tp.partition(), byTask);
        }
        LOG.info("webhook dispatcher assigned {}; {} task(s) with pending deliveries restored from {}", partitions,
                pending, store.topic());
    }

    private static boolean isFinal(TaskStatus status) {
        return status == TaskStatus.DONE || status == TaskStatus.FAILED || status == TaskStatus.REJECTED;
    }

    /** The host of a URL for logs: never the path, query or user info, which may carry credentials. */
    static String hostOf(String url) {
        try {
            String host = new URI(url).getHost();
            return host == null ? "(none)" : host;
        } catch (java.net.URISyntaxException e) {
            return "(invalid)";
        }
    }
}
