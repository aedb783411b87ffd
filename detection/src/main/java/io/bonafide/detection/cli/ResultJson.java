package io.bonafide.detection.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bonafide.audio.FrontEndResult;
import io.bonafide.core.BonafideException;
import io.bonafide.detection.AnalysisResult;
import io.bonafide.detection.ChannelOutcome;
import io.bonafide.detection.Operation;
import java.util.Map;
import java.util.TreeMap;

/**
 * Renders analysis results and errors as the JSON of SPEC 2: the {@code result} object per
 * operation, the {@code media} facts, the client's {@code meta}, and the error body
 * ({@code type}, {@code message}, {@code detail}). Shared by the CLI and, later, the gateway.
 */
public final class ResultJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ResultJson() {
    }

    /** {@code {"result": {...}, "media": {...}, "meta": {...}}} for one analysed file. */
    public static ObjectNode render(AnalysisResult analysis, Map<String, String> meta) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode result = root.putObject("result");
        for (AnalysisResult.OperationResult operation : analysis.operations()) {
            ObjectNode node = result.putObject(operation.operation().apiName());
            node.put("model", operation.modelName() + ":" + operation.modelVersion());
            ArrayNode channels = node.putArray("channels");
            for (ChannelOutcome outcome : operation.channels()) {
                channels.add(channel(outcome, operation.operation()));
            }
        }
        root.set("media", media(analysis.media()));
        ObjectNode metaNode = root.putObject("meta");
        new TreeMap<>(meta).forEach(metaNode::put);
        return root;
    }

    /** The SPEC error body for {@code failure}. */
    public static ObjectNode error(BonafideException failure) {
        ObjectNode root = JSON.createObjectNode();
        root.put("type", failure.type().wireName());
        String message = failure.plainMessage();
        root.put("message", message);
        ArrayNode detail = root.putArray("detail");
        ObjectNode entry = detail.addObject();
        ArrayNode location = entry.putArray("location");
        String where = failure.context().get("location");
        if (where != null) {
            for (String part : where.split("\\.")) {
                location.add(part);
            }
        }
        entry.put("message", message);
        entry.put("type", failure.type().wireName());
        ObjectNode context = entry.putObject("context");
        new TreeMap<>(failure.context()).forEach((key, value) -> {
            if (!key.equals("location")) {
                context.put(key, value);
            }
        });
        return root;
    }

    private static ObjectNode channel(ChannelOutcome outcome, Operation operation) {
        ObjectNode node = JSON.createObjectNode();
        node.put("channel_number", outcome.channelNumber());
        if (operation == Operation.AUDIO_MANIPULATION_DETECTION) {
            ArrayNode segments = node.putArray("segments");
            for (ChannelOutcome.Segment segment : outcome.segments()) {
                segments.addObject().put("start_time", segment.startTime()).put("end_time", segment.endTime())
                        .put("score", segment.score());
            }
        } else if (outcome.score() == null) {
            node.putNull("score");
        } else {
            node.put("score", outcome.score());
        }
        if (outcome.embedding() != null) {
            ArrayNode embedding = node.putArray("embedding");
            for (float value : outcome.embedding()) {
                embedding.add(value);
            }
        }
        return node;
    }

    private static ObjectNode media(FrontEndResult media) {
        ObjectNode node = JSON.createObjectNode();
        node.put("format", media.info().format().wireName());
        node.put("duration", media.durationSeconds());
        node.put("sample_rate", media.info().sampleRate());
        node.put("channel_count", media.info().channelCount());
        ArrayNode channels = node.putArray("channels");
        for (FrontEndResult.ChannelReport channel : media.channels()) {
            channels.addObject().put("channel_number", channel.channelNumber())
                    .put("voice_duration", channel.voicedSeconds());
        }
        return node;
    }
}
