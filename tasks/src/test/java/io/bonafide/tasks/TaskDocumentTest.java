package io.bonafide.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bonafide.schemas.event.AudioReference;
import io.bonafide.schemas.event.ChannelMedia;
import io.bonafide.schemas.event.ChannelMode;
import io.bonafide.schemas.event.ChannelOutput;
import io.bonafide.schemas.event.ErrorDetail;
import io.bonafide.schemas.event.MediaFacts;
import io.bonafide.schemas.event.ModelRef;
import io.bonafide.schemas.event.Operation;
import io.bonafide.schemas.event.Segment;
import io.bonafide.schemas.event.TaskState;
import io.bonafide.schemas.event.TaskStatus;
import io.bonafide.schemas.event.Timings;
import io.bonafide.schemas.event.VerificationError;
import io.bonafide.schemas.event.VerificationRequested;
import io.bonafide.schemas.event.VerificationResult;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import io.bonafide.schemas.EventSchemas;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TaskDocumentTest {
    private static final String TASK = "6f1c1f4e-8d0a-4d55-9a57-1f0f3c1d2e3a";
    private static final Instant T0 = Instant.parse("2026-11-22T00:00:00Z");

    @BeforeAll
    static void trustEvents() {
        EventSchemas.trustEventClasses();
    }

    @Test
    void shouldRenderDoneTaskWithResultsInSpecOrderMediaAndMeta() {
        // Given a done task whose manipulation result arrived before its deepfake result
        TaskState state = state(TaskStatus.DONE, List.of(
                result(Operation.AUDIO_MANIPULATION_DETECTION, ChannelOutput.newBuilder().setChannelNumber(0)
                        .setSegments(List.of(new Segment(3.2, 4.0, -1.7))).build()),
                result(Operation.DEEPFAKE_DETECTION, ChannelOutput.newBuilder().setChannelNumber(0).setScore(6.49).build())),
                null);

        // When it is rendered
        ObjectNode document = TaskDocument.render(state);

        // Then the document has the SPEC 2 shape
        assertThat(document.toString()).isEqualTo("{\"task\":{\"task_id\":\"" + TASK + "\",\"state\":\"done\"},"
                + "\"result\":{\"deepfake_detection\":{\"model\":\"m:1.0.0\",\"channels\":[{\"channel_number\":0,\"score\":6.49}]},"
                + "\"audio_manipulation_detection\":{\"model\":\"m:1.0.0\",\"channels\":[{\"channel_number\":0,"
                + "\"segments\":[{\"start_time\":3.2,\"end_time\":4.0,\"score\":-1.7}]}]}},"
                + "\"media\":{\"format\":\"flac\",\"duration\":12.48,\"sample_rate\":44100,\"channel_count\":1,"
                + "\"channels\":[{\"channel_number\":0,\"voice_duration\":9.7}]},\"meta\":{\"case\":\"A-17\"}}");
    }

    @Test
    void shouldRenderNullScoreForShortChannel() {
        TaskState state = state(TaskStatus.DONE, List.of(
                result(Operation.DEEPFAKE_DETECTION, ChannelOutput.newBuilder().setChannelNumber(1).build())), null);

        assertThat(TaskDocument.render(state).at("/result/deepfake_detection/channels/0").toString())
                .isEqualTo("{\"channel_number\":1,\"score\":null}");
    }

    @Test
    void shouldCarryErrorBodyWhenRejected() {
        VerificationError error = VerificationError.newBuilder().setTaskId(TASK).setTenant("t")
                .setErrorType("media.channel-out-of-range").setMessage("channel 3 is out of range")
                .setDetails(List.of(ErrorDetail.newBuilder().setLocation(List.of("query", "channels"))
                        .setMessage("channel 3 is out of range").setType("media.channel-out-of-range")
                        .setContext(Map.of("channel_count", "1")).build()))
                .setRetryable(false).setAttempt(1).setOccurredAt(T0).setCorrelationId("c").setRequestId("r").build();

        ObjectNode document = TaskDocument.render(state(TaskStatus.REJECTED, List.of(), error));

        assertThat(document.at("/task/state").asText()).isEqualTo("rejected");
        assertThat(document.has("result")).isFalse();
        assertThat(document.get("error").toString()).isEqualTo("{\"type\":\"media.channel-out-of-range\","
                + "\"message\":\"channel 3 is out of range\",\"detail\":[{\"location\":[\"query\",\"channels\"],"
                + "\"message\":\"channel 3 is out of range\",\"type\":\"media.channel-out-of-range\","
                + "\"context\":{\"channel_count\":\"1\"}}]}");
    }

    @Test
    void shouldRenderPendingTaskWithTaskOnly() {
        assertThat(TaskDocument.pending(TASK).toString())
                .isEqualTo("{\"task\":{\"task_id\":\"" + TASK + "\",\"state\":\"pending\"}}");
    }

    private static TaskState state(TaskStatus status, List<VerificationResult> results, VerificationError error) {
        return TaskState.newBuilder().setTaskId(TASK).setTenant("t").setStatus(status).setRequest(request())
                .setResults(results).setError(error).setCreatedAt(T0).setUpdatedAt(T0).setRevision(3).build();
    }

    private static VerificationRequested request() {
        return VerificationRequested.newBuilder().setTaskId(TASK).setTenant("t")
                .setAudio(AudioReference.newBuilder().setUri("file:///x").setSha256("00").setSizeBytes(1).build())
                .setOperations(List.of(Operation.DEEPFAKE_DETECTION)).setChannelMode(ChannelMode.SPLIT)
                .setMeta(Map.of("case", "A-17")).setCorrelationId("c").setRequestId("r").setSubmittedAt(T0).build();
    }

    private static VerificationResult result(Operation operation, ChannelOutput channel) {
        return VerificationResult.newBuilder().setTaskId(TASK).setTenant("t").setOperation(operation)
                .setModel(new ModelRef("m", "1.0.0")).setChannels(List.of(channel))
                .setMedia(MediaFacts.newBuilder().setFormat("flac").setDuration(12.48).setSampleRate(44100)
                        .setChannelCount(1).setChannels(List.of(new ChannelMedia(0, 9.7))).build())
                .setTimings(Timings.newBuilder().setStartedAt(T0).setFinishedAt(T0).setDecodeMs(1).setInferenceMs(1)
                        .setAudioSeconds(12.48).build())
                .setWorkerId("w").setCorrelationId("c").setRequestId("r").build();
    }
}
