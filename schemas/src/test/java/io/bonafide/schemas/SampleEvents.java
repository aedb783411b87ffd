package io.bonafide.schemas;

import io.bonafide.core.ErrorType;
import io.bonafide.schemas.event.AudioReference;
import io.bonafide.schemas.event.ChannelMedia;
import io.bonafide.schemas.event.ChannelMode;
import io.bonafide.schemas.event.ChannelOutput;
import io.bonafide.schemas.event.ErrorDetail;
import io.bonafide.schemas.event.MediaFacts;
import io.bonafide.schemas.event.ModelRef;
import io.bonafide.schemas.event.Operation;
import io.bonafide.schemas.event.Segment;
import io.bonafide.schemas.event.TaskKey;
import io.bonafide.schemas.event.TaskState;
import io.bonafide.schemas.event.TaskStatus;
import io.bonafide.schemas.event.Timings;
import io.bonafide.schemas.event.VerificationError;
import io.bonafide.schemas.event.VerificationRequested;
import io.bonafide.schemas.event.VerificationResult;
import io.bonafide.schemas.event.VerificationStarted;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Deterministic, fully populated events for serde and broker tests. */
public final class SampleEvents {
    private static final Instant T0 = Instant.ofEpochMilli(1_795_000_000_000L);

    private SampleEvents() {
    }

    public static String taskId(int n) {
        return new UUID(0x5eed_0000_0000_0000L, n).toString();
    }

    public static TaskKey key(int n) {
        return TaskKey.newBuilder().setTaskId(taskId(n)).build();
    }

    public static VerificationRequested requested(int n) {
        return VerificationRequested.newBuilder()
                .setTaskId(taskId(n))
                .setTenant("anonymous")
                .setAudio(AudioReference.newBuilder()
                        .setUri("file:///var/lib/bonafide/audio/" + taskId(n))
                        .setSha256("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")
                        .setSizeBytes(441_044L + n)
                        .setContentType("audio/flac")
                        .setOriginalName("call-" + n + ".flac")
                        .build())
                .setOperations(List.of(Operation.DEEPFAKE_DETECTION, Operation.REPLAY_ATTACK_DETECTION,
                        Operation.AUDIO_MANIPULATION_DETECTION))
                .setChannelMode(ChannelMode.SPLIT)
                .setChannels(List.of(0, 1))
                .setStartTime(1.5)
                .setEndTime(null)
                .setRawSegmentation(false)
                .setEmbeddings(true)
                .setCallbackUrl("https://hooks.example.com/bonafide")
                .setMeta(Map.of("case", "A-" + n))
                .setCorrelationId("corr-" + n)
                .setRequestId("req-" + n)
                .setSubmittedAt(T0.plusMillis(n))
                .build();
    }

    public static VerificationResult result(int n) {
        return VerificationResult.newBuilder()
                .setTaskId(taskId(n))
                .setTenant("anonymous")
                .setOperation(Operation.AUDIO_MANIPULATION_DETECTION)
                .setModel(ModelRef.newBuilder().setName("bonafide-manipulation").setVersion("1.0.0").build())
                .setChannels(List.of(ChannelOutput.newBuilder()
                        .setChannelNumber(0)
                        .setScore(null)
                        .setSegments(List.of(Segment.newBuilder().setStartTime(3.2).setEndTime(4.0).setScore(-1.7).build()))
                        .setEmbedding(List.of(0.25f, -1.5f))
                        .build()))
                .setMedia(MediaFacts.newBuilder()
                        .setFormat("flac")
                        .setDuration(12.48)
                        .setSampleRate(44_100)
                        .setChannelCount(2)
                        .setChannels(List.of(ChannelMedia.newBuilder().setChannelNumber(0).setVoiceDuration(9.7).build()))
                        .build())
                .setTimings(Timings.newBuilder()
                        .setStartedAt(T0.plusSeconds(1))
                        .setFinishedAt(T0.plusSeconds(2))
                        .setDecodeMs(40)
                        .setInferenceMs(310)
                        .setAudioSeconds(24.96)
                        .build())
                .setWorkerId("worker-0")
                .setCorrelationId("corr-" + n)
                .setRequestId("req-" + n)
                .build();
    }

    public static VerificationError error(int n) {
        return VerificationError.newBuilder()
                .setTaskId(taskId(n))
                .setTenant("anonymous")
                .setOperation(null)
                .setErrorType(ErrorType.MEDIA_CHANNEL_OUT_OF_RANGE.wireName())
                .setMessage("channel 3 requested, the file has 2")
                .setDetails(List.of(ErrorDetail.newBuilder()
                        .setLocation(List.of("query", "channels"))
                        .setMessage("channel out of range")
                        .setType(ErrorType.MEDIA_CHANNEL_OUT_OF_RANGE.wireName())
                        .setContext(Map.of("channel_count", "2"))
                        .build()))
                .setRetryable(false)
                .setAttempt(1)
                .setWorkerId("worker-1")
                .setOccurredAt(T0.plusSeconds(3))
                .setCorrelationId("corr-" + n)
                .setRequestId("req-" + n)
                .build();
    }

    public static VerificationStarted started(int n) {
        return VerificationStarted.newBuilder()
                .setTaskId(taskId(n))
                .setTenant("anonymous")
                .setOperations(List.of(Operation.DEEPFAKE_DETECTION, Operation.AUDIO_MANIPULATION_DETECTION))
                .setAttempt(1)
                .setWorkerId("worker-1")
                .setStartedAt(T0.plusSeconds(1))
                .setCorrelationId("corr-" + n)
                .setRequestId("req-" + n)
                .build();
    }

    public static TaskState state(int n) {
        return TaskState.newBuilder()
                .setTaskId(taskId(n))
                .setTenant("anonymous")
                .setStatus(TaskStatus.REJECTED)
                .setRequest(requested(n))
                .setResults(List.of(result(n)))
                .setError(error(n))
                .setCreatedAt(T0)
                .setUpdatedAt(T0.plusSeconds(3))
                .setRevision(3)
                .setCorrelationId("corr-" + n)
                .build();
    }
}
