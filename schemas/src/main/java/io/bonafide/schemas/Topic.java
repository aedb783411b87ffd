package io.bonafide.schemas;

import java.util.Objects;
import org.apache.kafka.common.serialization.Serde;

/**
 * A topic name paired with the serdes of its keys and values, so that no producer or consumer
 * can pair a topic with the wrong types. Immutable; obtained from {@link Topics}.
 *
 * @param name       the topic name
 * @param keySerde   serde of the record keys
 * @param valueSerde serde of the record values
 */
public record Topic<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde) {
    public Topic {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(keySerde, "keySerde");
        Objects.requireNonNull(valueSerde, "valueSerde");
    }
}
