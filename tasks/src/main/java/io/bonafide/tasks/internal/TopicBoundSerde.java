package io.bonafide.tasks.internal;

import java.util.Objects;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A serde that always (de)serializes as if for one named topic, whatever topic it is called
 * for. A state store's changelog then reuses the registry subject of that topic
 * ({@code <topic>-value}) instead of asking the registry for a subject of its own, which a
 * production registry without auto-registration would refuse.
 */
public final class TopicBoundSerde<T> implements Serde<T> {
    private final String topic;
    private final Serde<T> inner;

    public TopicBoundSerde(String topic, Serde<T> inner) {
        this.topic = Objects.requireNonNull(topic, "topic");
        this.inner = Objects.requireNonNull(inner, "inner");
    }

    @Override
    public Serializer<T> serializer() {
        Serializer<T> serializer = inner.serializer();
        return (ignored, data) -> serializer.serialize(topic, data);
    }

    @Override
    public Deserializer<T> deserializer() {
        Deserializer<T> deserializer = inner.deserializer();
        return (ignored, data) -> deserializer.deserialize(topic, data);
    }
}
