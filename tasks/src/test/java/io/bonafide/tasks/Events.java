package io.bonafide.tasks;

import io.bonafide.schemas.EventSchemas;
import io.bonafide.schemas.event.AudioReference;
import io.bonafide.schemas.event.ChannelMedia;
import io.bonafide.schemas.event.ChannelOutput;
import io.bonafide.schemas.event.MediaFacts;
import io.bonafide.schemas.event.ModelRef;
import io.bonafide.schemas.event.Operation;
import io.bonafide.schemas.event.TaskDeleted;
import io.bonafide.schemas.event.TaskKey;
import io.bonafide.schemas.event.Timings;
import io.bonafide.schemas.event.VerificationError;
import io.bonafide.schemas.event.VerificationRequested;
import io.bonafide.schemas.event.VerificationResult;
import io.bonafide.schemas.event.VerificationStarted;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Deterministic events of one task for the task-state tests. */
final class Events {
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    static {
        EventSchemas.trustEventClasses();
    }

    private Events() {
    }

    static String taskId(int n) {
        return new UUID(0x7a5c_0000_0000_0000L, n).toString();
    }

    static TaskKey key(String taskId) {
        return TaskKey.newBuilder().setTaskId(taskId).build();
    }

    static String audioUri(String taskId) {
        return "file:///var/lib/bonafide/audio/anonymous/" + taskId;
    }

    static VerificationRequested request(String taskId, Operation... operations) {
        return VerificationRequested.newBuilder()
                .setTaskId(taskId)
                .setTenant("anonymous")
                .setAudio(AudioReference.newBuilder().setUri(audioUri(taskId)).setSha256("00".repeat(32))
                        .setSizeBytes(1234L).build())
                .setOperations(List.of(operations))
                .setMeta(Map.of("case", "A-17"))
                .setCorrelationId("corr-" + taskId)
                .setRequestId("req-" + taskId)
                .setSubmittedAt(T0)
                .build();
    }

    static VerificationStarted started(String taskId, int attempt) {
        return VerificationStarted.newBuilder()
                .setTaskId(taskId).setTenant("anonymous")
                .setOperations(List.of(Operation.DEEPFAKE_DETECTION))
                .setAttempt(attempt).setWorkerId("worker-1").setStartedAt(T0)
                .setCorrelationId("corr-" + taskId).setRequestId("req-" + taskId)
                .build();
    }

    static VerificationResult result(String taskId, Operation operation, double score) {
        return VerificationResult.newBuilder()
                .setTaskId(taskId).setTenant("anonymous").setOperation(operation)
                .setModel(ModelRef.newBuilder().setName("m").setVersion("1.0.0").build())
                .setChannels(List.of(ChannelOutput.newBuilder().setChannelNumber(0).setScore(score).build()))
                .setMedia(MediaFacts.newBuilder().setFormat("wav").setDuration(4.0).setSampleRate(16_000)
                        .setChannelCount(1)
                        .setChannels(List.of(ChannelMedia.newBuilder().setChannelNumber(0).setVoiceDuration(3.5).build()))
                        .build())
                .setTimings(Timings.newBuilder().setStartedAt(T0).setFinishedAt(T0).setDecodeMs(1).setInferenceMs(2)
                        .setAudioSeconds(4.0).build())
                .setWorkerId("worker-1").setCorrelationId("corr-" + taskId).setRequestId("req-" + taskId)
                .build();
    }

    static VerificationError error(String taskId, Operation operation, String type, boolean retryable) {
        return VerificationError.newBuilder()
                .setTaskId(taskId).setTenant("anonymous").setOperation(operation)
                .setErrorType(type).setMessage("failed: " + type).setRetryable(retryable).setAttempt(1)
                .setOccurredAt(T0).setCorrelationId("corr-" + taskId).setRequestId("req-" + taskId)
                .build();
    }

    static TaskDeleted deleted(String taskId) {
        return TaskDeleted.newBuilder().setTaskId(taskId).setTenant("anonymous").setDeletedAt(T0)
                .setCorrelationId("corr-del").setRequestId("req-del").build();
    }
}
