package io.bonafide.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bonafide.schemas.TopicNames;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class TasksConfigTest {

    private static Map<String, Object> minimal() {
        Map<String, Object> settings = new HashMap<>();
        settings.put(TasksConfig.BOOTSTRAP_SERVERS, "broker:9092");
        return settings;
    }

    @Test
    void shouldRunExactlyOnceWithTheDefaultsAndPassStreamsSettingsThrough() {
        // Given
        Map<String, Object> settings = minimal();
        settings.put(TasksConfig.STREAMS_PREFIX + "replication.factor", "3");
        settings.put(TasksConfig.APPLICATION_SERVER, "gateway-0.gateway:8080");
        // When
        Properties props = TaskStateService.streamsProperties(new TasksConfig(settings));
        // Then
        assertThat(props.get(StreamsConfig.APPLICATION_ID_CONFIG)).isEqualTo("bonafide-tasks");
        assertThat(props.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)).isEqualTo(StreamsConfig.EXACTLY_ONCE_V2);
        assertThat(props.get(StreamsConfig.APPLICATION_SERVER_CONFIG)).isEqualTo("gateway-0.gateway:8080");
        assertThat(props.get("replication.factor")).isEqualTo("3");
    }

    @Test
    void shouldRejectAnApplicationServerThatIsNotHostAndPortNamingTheKey() {
        Map<String, Object> settings = minimal();
        settings.put(TasksConfig.APPLICATION_SERVER, "http://gateway:8080/");
        assertThatThrownBy(() -> new TasksConfig(settings))
                .isInstanceOf(ConfigException.class).hasMessageContaining(TasksConfig.APPLICATION_SERVER);
    }

    @Test
    void shouldRejectAZeroTtlNamingTheKey() {
        Map<String, Object> settings = minimal();
        settings.put(TasksConfig.TERMINAL_TTL_MS, 0L);
        assertThatThrownBy(() -> new TasksConfig(settings))
                .isInstanceOf(ConfigException.class).hasMessageContaining(TasksConfig.TERMINAL_TTL_MS);
    }

    @Test
    void shouldPrefixTopicNamesAndCarryTheTtls() {
        Map<String, Object> settings = minimal();
        settings.put(TasksConfig.TOPIC_PREFIX, "acme");
        settings.put(TasksConfig.TERMINAL_TTL_MS, 60_000L);
        TasksConfig config = new TasksConfig(settings);
        assertThat(config.topicNames()).isEqualTo(TopicNames.prefixed("acme"));
        assertThat(config.options().terminalTtl()).isEqualTo(Duration.ofMinutes(1));
        assertThat(config.options().deletedMarkerTtl()).isEqualTo(Duration.ofDays(1));
    }
}
