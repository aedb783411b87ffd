package io.bonafide.tasks.webhook.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TaskDeliveriesTest {

    @Test
    void shouldRestoreWhatItPersistedAndDropTheBodyOnceNothingIsPending() {
        // Given a task with one pending and one delivered endpoint
        List<TaskDeliveries.Delivery> deliveries = new ArrayList<>(List.of(
                new TaskDeliveries.Delivery("msg_a", "https://a.example/x", 2, 1000, 5000, TaskDeliveries.Status.PENDING, "server_error:502"),
                new TaskDeliveries.Delivery("msg_b", "https://b.example/y", 1, 1000, 1000, TaskDeliveries.Status.DELIVERED, "success:204")));
        TaskDeliveries task = new TaskDeliveries("t1", "acme", "done", "corr-1", "{\"task\":{}}".getBytes(StandardCharsets.UTF_8),
                deliveries);

        // When it is persisted and read back
        TaskDeliveries back = TaskDeliveries.fromJson(task.toJson());

        // Then the schedule and body survive
        assertThat(back.pending()).isTrue();
        assertThat(new String(back.body(), StandardCharsets.UTF_8)).isEqualTo("{\"task\":{}}");
        assertThat(back.correlationId).isEqualTo("corr-1");
        assertThat(back.deliveries.get(0).attempts).isEqualTo(2);
        assertThat(back.deliveries.get(0).dueAt).isEqualTo(5000);
        assertThat(back.deliveries.get(1).status).isEqualTo(TaskDeliveries.Status.DELIVERED);

        // and once the last one is finished the kept record has no body
        back.deliveries.get(0).status = TaskDeliveries.Status.GAVE_UP;
        back.compactIfFinished();
        assertThat(TaskDeliveries.fromJson(back.toJson()).body()).isNull();
    }

    @Test
    void shouldRefuseARecordThatIsNotOne() {
        assertThatThrownBy(() -> TaskDeliveries.fromJson("{\"x\":1}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
