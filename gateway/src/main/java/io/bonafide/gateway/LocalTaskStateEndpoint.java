package io.bonafide.gateway;

import java.util.Optional;

/**
 * What the gateway serves at {@code GET /internal/v1/task-state/{task_id}}: the task state this
 * instance's Kafka Streams topology holds locally, encoded for another gateway instance that
 * forwards a poll for a task whose partition this instance owns. The task-state component
 * provides it (its local store lookup plus its codec) and the integrator wires it into
 * {@link GatewayServer}; the route is internal and kept out of the public API document.
 * Implementations are thread-safe.
 */
public interface LocalTaskStateEndpoint {

    /**
     * The encoded local state of {@code taskId}, or empty when this instance does not hold it.
     *
     * @throws io.bonafide.tasks.TaskStateUnavailableException when the local store cannot be read
     *         now (rebalancing, restoring): answered 503
     */
    Optional<byte[]> findLocal(String taskId);

    /** The media type of the encoded state, e.g. {@code application/vnd.bonafide.task-state+avro}. */
    default String contentType() {
        return "application/octet-stream";
    }
}
