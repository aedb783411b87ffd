package io.bonafide.tasks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bonafide.schemas.event.ChannelMedia;
import io.bonafide.schemas.event.ChannelOutput;
import io.bonafide.schemas.event.ErrorDetail;
import io.bonafide.schemas.event.MediaFacts;
import io.bonafide.schemas.event.Operation;
import io.bonafide.schemas.event.Segment;
import io.bonafide.schemas.event.TaskState;
import io.bonafide.schemas.event.TaskStatus;
import io.bonafide.schemas.event.VerificationError;
import io.bonafide.schemas.event.VerificationResult;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;

/**
 * The task document of SPEC 2: what {@code GET …/authenticity-verification/{task_id}} answers and
 * what a webhook carries. {@code {"task": {"task_id", "state"}, "result": {operation: {"model",
 * "channels"}}, "media": {...}, "meta": {...}}}; a {@code failed} or {@code rejected} task also
 * carries {@code "error"} with the SPEC error body. Results appear as operations finish, ordered
 * as SPEC 2 lists the operations; {@code media} comes from the first result and {@code meta}
 * from the request. Rendering is deterministic: the same state always gives the same bytes,
 * so a repeated webhook delivery carries the same body.
 */
public final class TaskDocument {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper JSON = new ObjectMapper();

    private TaskDocument() {
    }

    /** The document for {@code state}. */
    public static ObjectNode render(TaskState state) {
        ObjectNode root = pending(state.getTaskId());
        ((ObjectNode) root.get("task")).put("state", stateName(state.getStatus()));
        List<VerificationResult> results = state.getResults().stream()
                .sorted(Comparator.comparing(VerificationResult::getOperation)).toList();
        if (!results.isEmpty()) {
            ObjectNode result = root.putObject("result");
            for (VerificationResult r : results) {
                ObjectNode operation = result.putObject(apiName(r.getOperation()));
                operation.put("model", r.getModel().getName() + ":" + r.getModel().getVersion());
                ArrayNode channels = operation.putArray("channels");
                r.getChannels().forEach(c -> channels.add(channel(c, r.getOperation())));
            }
            root.set("media", media(results.get(0).getMedia()));
        }
        if (state.getRequest() != null) {
            ObjectNode meta = root.putObject("meta");
            new TreeMap<>(state.getRequest().getMeta()).forEach(meta::put);
        }
        if (state.getError() != null
                && (state.getStatus() == TaskStatus.FAILED || state.getStatus() == TaskStatus.REJECTED)) {
            root.set("error", error(state.getError()));
        }
        return root;
    }

    /** The document of a task that was just accepted: {@code {"task": {"task_id", "state": "pending"}}}. */
    public static ObjectNode pending(String taskId) {
        ObjectNode root = NODES.objectNode();
        root.putObject("task").put("task_id", taskId).put("state", "pending");
        return root;
    }

    /** The SPEC error body ({@code type}, {@code message}, {@code detail}) of an error event. */
    public static ObjectNode error(VerificationError error) {
        ObjectNode body = NODES.objectNode();
        body.put("type", error.getErrorType());
        body.put("message", error.getMessage());
        ArrayNode detail = body.putArray("detail");
        for (ErrorDetail d : error.getDetails()) {
            ObjectNode entry = detail.addObject();
            ArrayNode location = entry.putArray("location");
            d.getLocation().forEach(location::add);
            entry.put("message", d.getMessage());
            entry.put("type", d.getType());
            ObjectNode context = entry.putObject("context");
            new TreeMap<>(d.getContext()).forEach(context::put);
        }
        if (error.getOperation() != null) {
            body.put("operation", apiName(error.getOperation()));
        }
        return body;
    }

    /** The document as compact JSON bytes (UTF-8). */
    public static byte[] toBytes(ObjectNode document) {
        try {
            return JSON.writeValueAsBytes(document);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a tree of plain nodes always serialises", e);
        }
    }

    /** The SPEC 2 state name: pending, running, done, failed, rejected. */
    public static String stateName(TaskStatus status) {
        return status.name().toLowerCase(Locale.ROOT);
    }

    /** The SPEC 2 operation name: deepfake_detection, replay_attack_detection, audio_manipulation_detection. */
    public static String apiName(Operation operation) {
        return operation.name().toLowerCase(Locale.ROOT);
    }

    private static ObjectNode channel(ChannelOutput output, Operation operation) {
        ObjectNode node = NODES.objectNode();
        node.put("channel_number", output.getChannelNumber());
        if (operation == Operation.AUDIO_MANIPULATION_DETECTION) {
            ArrayNode segments = node.putArray("segments");
            for (Segment s : output.getSegments()) {
                segments.addObject().put("start_time", s.getStartTime()).put("end_time", s.getEndTime())
                        .put("score", s.getScore());
            }
        } else if (output.getScore() == null) {
            node.putNull("score");
        } else {
            node.put("score", output.getScore());
        }
        if (output.getEmbedding() != null) {
            ArrayNode embedding = node.putArray("embedding");
            output.getEmbedding().forEach(embedding::add);
        }
        return node;
    }

    private static ObjectNode media(MediaFacts media) {
        ObjectNode node = NODES.objectNode();
        node.put("format", media.getFormat());
        node.put("duration", media.getDuration());
        node.put("sample_rate", media.getSampleRate());
        node.put("channel_count", media.getChannelCount());
        ArrayNode channels = node.putArray("channels");
        for (ChannelMedia c : media.getChannels()) {
            channels.addObject().put("channel_number", c.getChannelNumber()).put("voice_duration", c.getVoiceDuration());
        }
        return node;
    }
}
