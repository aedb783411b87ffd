package io.bonafide.worker.internal;

import io.bonafide.schemas.Topic;
import io.bonafide.schemas.Topics;
import io.bonafide.schemas.event.TaskKey;
import io.bonafide.schemas.event.VerificationError;
import io.bonafide.schemas.event.VerificationResult;
import io.bonafide.schemas.event.VerificationStarted;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;

/**
 * Publishes a task's events, keyed by task id, through one shared idempotent producer, and
 * waits until the broker acknowledged them: a request's offset is committed only after every
 * event it produced is safe.
 */
public final class EventPublisher {
    private final Producer<byte[], byte[]> producer;
    private final Topics topics;

    public EventPublisher(Producer<byte[], byte[]> producer, Topics topics) {
        this.producer = producer;
        this.topics = topics;
    }

    public void started(VerificationStarted event) {
        await(List.of(send(topics.progress(), key(event.getTaskId()), event)));
    }

    public void error(VerificationError event) {
        await(List.of(send(topics.errors(), key(event.getTaskId()), event)));
    }

    /** Publishes results and errors of one task together and waits for all of them. */
    public void outcome(List<VerificationResult> results, List<VerificationError> errors) {
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        results.forEach(r -> sent.add(send(topics.results(), key(r.getTaskId()), r)));
        errors.forEach(e -> sent.add(send(topics.errors(), key(e.getTaskId()), e)));
        await(sent);
    }

    private static TaskKey key(String taskId) {
        return TaskKey.newBuilder().setTaskId(taskId).build();
    }

    private <K, V> Future<RecordMetadata> send(Topic<K, V> topic, K key, V value) {
        byte[] k = topic.keySerde().serializer().serialize(topic.name(), key);
        byte[] v = topic.valueSerde().serializer().serialize(topic.name(), value);
        return producer.send(new ProducerRecord<>(topic.name(), k, v));
    }

    private static void await(List<Future<RecordMetadata>> sent) {
        for (Future<RecordMetadata> future : sent) {
            try {
                future.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new KafkaException("interrupted while publishing", e);
            } catch (ExecutionException e) {
                throw e.getCause() instanceof KafkaException kafka ? kafka : new KafkaException(e.getCause());
            }
        }
    }
}
