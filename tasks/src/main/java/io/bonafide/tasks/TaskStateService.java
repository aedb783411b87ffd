package io.bonafide.tasks;

import io.bonafide.schemas.Topics;
import io.bonafide.schemas.event.TaskKey;
import io.bonafide.schemas.event.TaskState;
import io.bonafide.store.AudioStore;
import io.bonafide.tasks.internal.OwnerForwarder;
import io.bonafide.tasks.internal.TaskKeyPartitioner;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the {@link TaskStateTopology} (exactly-once) in this JVM and answers lookups from it: a
 * task whose partition this instance owns is read from the local store, any other is asked of
 * its owner over HTTP at {@code GET http://<owner>/internal/v1/task-state/{task_id}}, which the
 * host application (the gateway) serves with {@link #internalResponse}. While the instance
 * rebalances or restores, or the owner does not answer, lookups throw the retriable
 * {@link TaskStateUnavailableException} rather than answering a wrong "unknown". Thread-safe.
 *
 * <p>Read-your-writes: state appears some milliseconds after the request event is committed.
 * A caller that must see a task it has just submitted uses {@link #awaitVisible}; the gateway
 * may instead answer the 202 at once and answer {@code pending} for a task it accepted itself
 * while the lookup is still empty.
 */
public final class TaskStateService implements TaskLookup, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TaskStateService.class);

    private final TasksConfig config;
    private final KafkaStreams streams;
    private final HostInfo self;
    private final TaskKeyPartitioner partitioner;
    private final OwnerForwarder forwarder;

    /** A service over {@code settings} (the {@code bonafide.tasks.*} keys and the serde keys); removes audio through {@code audioStore}, which the caller owns. */
    public TaskStateService(Map<String, ?> settings, AudioStore audioStore) {
        this(new TasksConfig(settings), settings, audioStore);
    }

    private TaskStateService(TasksConfig config, Map<String, ?> settings, AudioStore audioStore) {
        this.config = config;
        Topics topics = Topics.create(config.topicNames(), settings);
        String server = config.getString(TasksConfig.APPLICATION_SERVER);
        this.self = server.isEmpty() ? null : HostInfo.buildFromEndpoint(server);
        @SuppressWarnings("unchecked")
        Serializer<TaskKey> keys = topics.requests().keySerde().serializer();
        this.partitioner = new TaskKeyPartitioner(topics.requests().name(), keys);
        this.forwarder = new OwnerForwarder(Duration.ofMillis(config.getLong(TasksConfig.LOOKUP_TIMEOUT_MS)));
        this.streams = new KafkaStreams(TaskStateTopology.build(topics, config.options(), Objects.requireNonNull(audioStore, "audioStore")),
                streamsProperties(config));
        streams.setUncaughtExceptionHandler(e -> {
            LOG.error("a task-state stream thread failed; replacing it", e);
            return StreamThreadExceptionResponse.REPLACE_THREAD;
        });
    }

    static Properties streamsProperties(TasksConfig config) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, config.getString(TasksConfig.APPLICATION_ID));
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, String.join(",", config.getList(TasksConfig.BOOTSTRAP_SERVERS)));
        props.put(StreamsConfig.STATE_DIR_CONFIG, config.getString(TasksConfig.STATE_DIR));
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, config.getLong(TasksConfig.COMMIT_INTERVAL_MS));
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, config.getInt(TasksConfig.NUM_STREAM_THREADS));
        // An event no serde can read is skipped with a log line rather than stopping every task's state.
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndContinueExceptionHandler.class);
        String server = config.getString(TasksConfig.APPLICATION_SERVER);
        if (!server.isEmpty()) {
            props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, server);
        }
        props.putAll(config.streamsOverrides());
        return props;
    }

    /** Starts processing; returns at once (see {@link #isReady}). */
    public void start() {
        streams.start();
    }

    /** Whether the Streams instance is RUNNING, i.e. lookups are answered. */
    public boolean isReady() {
        return streams.state() == KafkaStreams.State.RUNNING;
    }

    /** The Streams instance's state, for health endpoints and logs. */
    public KafkaStreams.State state() {
        return streams.state();
    }

    @Override
    public Optional<TaskState> find(String taskId) {
        KeyQueryMetadata owner = owner(taskId);
        if (owner == null || owner.activeHost().equals(self)) {
            return readLocal(taskId, owner);
        }
        return forwarder.find(owner.activeHost(), taskId);
    }

    /**
     * The task's state from this instance's own store, for the internal endpoint that other
     * instances forward to. Throws {@link TaskStateUnavailableException} when this instance does
     * not (or no longer) own the task's partition, so that a forwarded lookup during a rebalance
     * never reads as "unknown".
     */
    public Optional<TaskState> findLocal(String taskId) {
        KeyQueryMetadata owner = owner(taskId);
        if (owner != null && !owner.activeHost().equals(self)) {
            throw new TaskStateUnavailableException("this instance does not own the task's partition (owner "
                    + owner.activeHost() + ")", taskId, null);
        }
        return readLocal(taskId, owner);
    }

    /** The answer of the internal endpoint for {@code taskId}: 200 with {@link TaskStateCodec} bytes, 404, or 503. */
    public InternalResponse internalResponse(String taskId) {
        try {
            return findLocal(taskId)
                    .map(s -> new InternalResponse(200, TaskStateCodec.CONTENT_TYPE, TaskStateCodec.encode(s)))
                    .orElseGet(() -> new InternalResponse(404, "text/plain", new byte[0]));
        } catch (TaskStateUnavailableException e) {
            return new InternalResponse(503, "text/plain", new byte[0]);
        }
    }

    /**
     * Waits until the task is visible (its request folded in) or {@code timeout} passes, and
     * answers what {@link #find} answers then; lookups that fail as unavailable are retried
     * within the time. For read-your-writes right after publishing a request.
     */
    public Optional<TaskState> awaitVisible(String taskId, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long pauseMs = 5;
        while (true) {
            TaskStateUnavailableException last = null;
            try {
                Optional<TaskState> found = find(taskId);
                if (found.isPresent()) {
                    return found;
                }
            } catch (TaskStateUnavailableException e) {
                last = e;
            }
            if (System.nanoTime() >= deadline) {
                if (last != null) {
                    throw last;
                }
                return Optional.empty();
            }
            try {
                Thread.sleep(pauseMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TaskStateUnavailableException("interrupted waiting for the task", taskId, e);
            }
            pauseMs = Math.min(pauseMs * 2, 100);
        }
    }

    /** Closes gracefully, waiting at most {@code bonafide.tasks.close.timeout.ms}; local state stays for the next start. */
    @Override
    public void close() {
        boolean closed = streams.close(Duration.ofMillis(config.getLong(TasksConfig.CLOSE_TIMEOUT_MS)));
        if (!closed) {
            LOG.warn("the task-state streams did not close within {} ms", config.getLong(TasksConfig.CLOSE_TIMEOUT_MS));
        }
        forwarder.close();
    }

    /** The task's owner; null for an instance without application server, which owns every partition it can read. */
    private KeyQueryMetadata owner(String taskId) {
        KafkaStreams.State state = streams.state();
        if (state != KafkaStreams.State.RUNNING) {
            throw new TaskStateUnavailableException("task state is not readable while the instance is " + state, taskId, null);
        }
        if (self == null) {
            // Streams keeps no host metadata without application.server; a single instance reads all its partitions.
            return null;
        }
        KeyQueryMetadata owner;
        try {
            owner = streams.queryMetadataForKey(TaskStateTopology.STATE_STORE, TaskKey.newBuilder().setTaskId(taskId).build(),
                    partitioner);
        } catch (RuntimeException e) {
            throw new TaskStateUnavailableException("no owner known for the task", taskId, e);
        }
        if (owner == null || owner.equals(KeyQueryMetadata.NOT_AVAILABLE)) {
            throw new TaskStateUnavailableException("no owner known for the task (rebalancing)", taskId, null);
        }
        return owner;
    }

    private Optional<TaskState> readLocal(String taskId, KeyQueryMetadata owner) {
        try {
            StoreQueryParameters<ReadOnlyKeyValueStore<String, TaskState>> query = StoreQueryParameters
                    .fromNameAndType(TaskStateTopology.STATE_STORE, QueryableStoreTypes.<String, TaskState>keyValueStore());
            ReadOnlyKeyValueStore<String, TaskState> store =
                    streams.store(owner == null ? query : query.withPartition(owner.partition()));
            TaskState state = store.get(taskId);
            // Events held before their request are not a task yet (see TaskStateTopology).
            return state == null || state.getRequest() == null ? Optional.empty() : Optional.of(state);
        } catch (InvalidStateStoreException e) {
            throw new TaskStateUnavailableException("the task's store is not readable now (" + e.getMessage() + ")", taskId, e);
        }
    }

    /**
     * One answer of the internal endpoint.
     *
     * @param status      HTTP status: 200, 404 or 503
     * @param contentType content type of {@code body}
     * @param body        the encoded state (200) or empty
     */
    public record InternalResponse(int status, String contentType, byte[] body) {
    }
}
