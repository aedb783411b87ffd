package io.bonafide.gateway.internal;

import io.bonafide.core.BonafideRetriableException;
import io.bonafide.core.ErrorType;
import io.bonafide.schemas.Topic;
import io.bonafide.schemas.Topics;
import io.bonafide.schemas.event.TaskDeleted;
import io.bonafide.schemas.event.TaskKey;
import io.bonafide.schemas.event.VerificationRequested;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Publishes the gateway's events keyed by task id (VerificationRequested on the requests topic,
 * TaskDeleted on the deletions topic) and waits for the broker's acknowledgement, so that a
 * 202 or 204 is only answered once the event is safe. A broker that does not acknowledge in
 * time is a retriable failure (answered 503).
 */
public final class GatewayEvents {
    private final Producer<byte[], byte[]> producer;
    private final Topics topics;
    private final Duration timeout;

    public GatewayEvents(Producer<byte[], byte[]> producer, Topics topics, Duration timeout) {
        this.producer = producer;
        this.topics = topics;
        this.timeout = timeout;
    }

    public void requested(VerificationRequested event) {
        send(topics.requests(), event.getTaskId(), event);
    }

    public void deleted(TaskDeleted event) {
        send(topics.deletions(), event.getTaskId(), event);
    }

    private <V> void send(Topic<TaskKey, V> topic, String taskId, V value) {
        TaskKey key = TaskKey.newBuilder().setTaskId(taskId).build();
        byte[] k;
        byte[] v;
        try {
            k = topic.keySerde().serializer().serialize(topic.name(), key);
            v = topic.valueSerde().serializer().serialize(topic.name(), value);
            producer.send(new ProducerRecord<>(topic.name(), k, v)).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failed(topic, taskId, e);
        } catch (ExecutionException e) {
            throw failed(topic, taskId, e.getCause());
        } catch (TimeoutException | RuntimeException e) {
            throw failed(topic, taskId, e);
        }
    }

    private static BonafideRetriableException failed(Topic<?, ?> topic, String taskId, Throwable cause) {
        return new BonafideRetriableException(ErrorType.INTERNAL, "could not publish to " + topic.name(),
                Map.of("topic", topic.name(), "task_id", taskId), cause);
    }
}
