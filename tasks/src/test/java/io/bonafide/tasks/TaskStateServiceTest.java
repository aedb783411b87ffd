package io.bonafide.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaskStateServiceTest {
    @TempDir
    Path stateDir;

    private TaskStateService notStarted() {
        Map<String, Object> settings = new HashMap<>(InMemoryRegistry.serdeConfig());
        settings.put(TasksConfig.BOOTSTRAP_SERVERS, "127.0.0.1:9");
        settings.put(TasksConfig.STATE_DIR, stateDir.toString());
        settings.put(TasksConfig.APPLICATION_SERVER, "127.0.0.1:8080");
        return new TaskStateService(settings, new RecordingAudioStore());
    }

    @Test
    void shouldAnswerUnavailableRatherThanUnknownBeforeTheStreamsRun() {
        // Given an instance that was never started
        try (TaskStateService service = notStarted()) {
            // Then
            assertThat(service.isReady()).isFalse();
            assertThatThrownBy(() -> service.find(Events.taskId(1))).hasMessageContaining("CREATED")
                    .isInstanceOfSatisfying(TaskStateUnavailableException.class, e -> assertThat(e.retriable()).isTrue());
            assertThatThrownBy(() -> service.findLocal(Events.taskId(1))).isInstanceOf(TaskStateUnavailableException.class);
            assertThat(service.internalResponse(Events.taskId(1)).status()).isEqualTo(503);
        }
    }
}
