package io.bonafide.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bonafide.schemas.event.Operation;
import io.bonafide.schemas.event.TaskState;
import io.bonafide.schemas.event.TaskStatus;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class TaskStateCodecTest {

    @Test
    void shouldRoundTripAStateThroughTheInternalEndpointCodec() throws Exception {
        // Given
        String id = Events.taskId(1);
        TaskState state = TaskState.newBuilder().setTaskId(id).setTenant("anonymous").setStatus(TaskStatus.DONE)
                .setRequest(Events.request(id, Operation.DEEPFAKE_DETECTION))
                .setResults(List.of(Events.result(id, Operation.DEEPFAKE_DETECTION, 1.5)))
                .setCreatedAt(Events.T0).setUpdatedAt(Events.T0).setRevision(3L).setCorrelationId("c").build();
        // When
        byte[] bytes = TaskStateCodec.encode(state);
        // Then
        assertThat(TaskStateCodec.decode(bytes)).isEqualTo(state);
        assertThatThrownBy(() -> TaskStateCodec.decode(new byte[] {1, 2, 3})).isInstanceOf(IOException.class);
    }
}
