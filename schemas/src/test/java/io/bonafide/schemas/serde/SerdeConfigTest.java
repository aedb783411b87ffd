package io.bonafide.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bonafide.schemas.Topics;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class SerdeConfigTest {

    @Test
    void shouldNameTheKeyWhenTheRegistryUrlIsMissing() {
        assertThatThrownBy(() -> new SerdeConfig(Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(SerdeConfig.SCHEMA_REGISTRY_URL);
    }

    @Test
    void shouldKeepAutoRegistrationOffByDefault() {
        assertThat(new SerdeConfig(Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, "http://127.0.0.1:1"))
                .getBoolean(SerdeConfig.AUTO_REGISTER_SCHEMAS)).isFalse();
    }

    @Test
    void shouldRefuseASerializerClassThatIsNotASerializer() {
        assertThatThrownBy(() -> new SerdeConfig(Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, "http://127.0.0.1:1",
                SerdeConfig.VALUE_SERIALIZER, String.class.getName())))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(SerdeConfig.VALUE_SERIALIZER);
    }

    @Test
    void shouldBuildTopicsWithTheSerializerClassesTheConfigurationSelects() {
        // Given a deployment that plugs in another value serializer (as it would Confluent's)
        Map<String, Object> config = Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, "http://127.0.0.1:1",
                SerdeConfig.VALUE_SERIALIZER, RecordingSerializer.class.getName());

        // When
        Topics topics = Topics.create(config);

        // Then values use it, keys keep the default, and it was configured as a value serializer
        Serializer<?> values = topics.results().valueSerde().serializer();
        assertThat(values).isInstanceOf(RecordingSerializer.class);
        assertThat(((RecordingSerializer) values).configuredAsKey).isFalse();
        assertThat(((RecordingSerializer) values).registryUrl).isEqualTo("http://127.0.0.1:1");
        assertThat(topics.results().keySerde().serializer()).isInstanceOf(WireFormatSerializer.class);
    }

    /** Stands in for a plugged-in serializer class; records how it was configured. */
    public static final class RecordingSerializer extends StringSerializer {
        Boolean configuredAsKey;
        Object registryUrl;

        @Override
        public void configure(Map<String, ?> configs, boolean isKey) {
            configuredAsKey = isKey;
            registryUrl = configs.get(SerdeConfig.SCHEMA_REGISTRY_URL);
        }
    }
}
