package io.bonafide.gateway.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.bonafide.schemas.EventSchemas;
import io.bonafide.schemas.event.AudioReference;
import io.bonafide.schemas.event.Operation;
import io.bonafide.schemas.event.TaskState;
import io.bonafide.schemas.event.TaskStatus;
import io.bonafide.schemas.event.VerificationRequested;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CapacityLedgerTest {

    private static TaskState state(String taskId, String tenant, TaskStatus status, long sizeBytes) {
        EventSchemas.trustEventClasses();
        VerificationRequested request = VerificationRequested.newBuilder().setTaskId(taskId).setTenant(tenant)
                .setAudio(AudioReference.newBuilder().setUri("file:///x").setSha256("0").setSizeBytes(sizeBytes).build())
                .setOperations(List.of(Operation.DEEPFAKE_DETECTION)).setCorrelationId("c").setRequestId("r")
                .setSubmittedAt(Instant.EPOCH).build();
        return TaskState.newBuilder().setTaskId(taskId).setTenant(tenant).setStatus(status).setRequest(request)
                .setCreatedAt(Instant.EPOCH).setUpdatedAt(Instant.EPOCH).setRevision(1).build();
    }

    @Test
    void shouldCountTheFleetsTasksInFlightPlusThisInstancesAndFreeThemWhenFinal() {
        // Given a limit of 2 tasks, one running elsewhere in the fleet and one accepted here
        CapacityLedger ledger = new CapacityLedger(new CapacityLedger.Limits(2, 0, 16_000));
        ledger.onState("fleet-1", state("fleet-1", "acme", TaskStatus.RUNNING, 0));
        Object mine = ledger.reserveTask("acme");
        ledger.accept(mine, "local-1");

        // When a third upload starts
        ApiError refused = catchThrowableOfType(ApiError.class, () -> ledger.reserveTask("acme"));

        // Then it is refused as licensing.capacity-exceeded; another tenant is not affected
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.details().get(0).type()).isEqualTo("licensing.capacity-exceeded");
        assertThat(ledger.reserveTask("globex")).isNotNull();

        // and once the local task shows up final on the topic, a slot is free again
        ledger.onState("local-1", state("local-1", "acme", TaskStatus.PENDING, 0));
        assertThat(ledger.usage("acme").tasks()).isEqualTo(2);
        ledger.onState("local-1", state("local-1", "acme", TaskStatus.DONE, 0));
        assertThat(ledger.usage("acme").tasks()).isEqualTo(1);
        assertThat(ledger.reserveTask("acme")).isNotNull();
    }

    @Test
    void shouldCountAudioSecondsFromTheHeaderHereAndFromTheSizeElsewhere() {
        CapacityLedger ledger = new CapacityLedger(new CapacityLedger.Limits(0, 100, 16_000));
        // a task of another instance: 480,000 bytes at 16,000 B/s = 30 s
        ledger.onState("fleet-1", state("fleet-1", "acme", TaskStatus.PENDING, 480_000));
        Object mine = ledger.reserveTask("acme");
        ledger.reserveSeconds(mine, 60);
        ledger.accept(mine, "local-1");
        assertThat(ledger.usage("acme").audioSeconds()).isEqualTo(90.0);

        Object next = ledger.reserveTask("acme");
        ApiError refused = catchThrowableOfType(ApiError.class, () -> ledger.reserveSeconds(next, 11));
        assertThat(refused.details().get(0).context()).containsEntry("capacity", "audio_seconds_in_flight")
                .containsEntry("in_use", "101");
        ledger.release(next);

        // a tombstone (deleted task) frees its seconds
        ledger.onState("fleet-1", null);
        assertThat(ledger.usage("acme").audioSeconds()).isEqualTo(60.0);
    }
}
