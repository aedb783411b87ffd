package io.bonafide.gateway.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bonafide.schemas.event.ChannelMode;
import io.bonafide.schemas.event.Operation;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The SPEC 2 parameters of one upload, validated: query parameters ({@code channel_mode},
 * {@code channels}, {@code start_time}, {@code end_time}, {@code raw_segmentation},
 * repeatable {@code operations}) and the optional JSON {@code config} part ({@code operations},
 * {@code callback_url}, {@code meta}, {@code embeddings}). A bad value is a 422 whose location
 * names it ({@code ["query","channels"]}, {@code ["body","config","operations"]}); a config
 * part that is not a JSON object is a 400. Operations named in the query win over the config's;
 * none anywhere means all three.
 */
public record VerificationParameters(List<Operation> operations, ChannelMode channelMode, List<Integer> channels,
                                     Double startTime, Double endTime, boolean rawSegmentation, boolean embeddings,
                                     String callbackUrl, Map<String, String> meta) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CHANNELS = Pattern.compile("[0-9]{1,4}(,[0-9]{1,4})*");
    private static final int MAX_META_ENTRIES = 64;
    private static final int MAX_META_TEXT = 1024;
    private static final int MAX_CHANNEL = 1023;

    /** Query parameters as received: each name with all its values in order. */
    public interface Query {
        List<String> values(String name);
    }

    /** Validates the query's parameters, before the body is read (so a bad request costs no upload). */
    public static VerificationParameters fromQuery(Query query) {
        ChannelMode mode = ChannelMode.SPLIT;
        Optional<String> modeValue = single(query, "channel_mode");
        if (modeValue.isPresent()) {
            mode = switch (modeValue.get()) {
                case "split" -> ChannelMode.SPLIT;
                case "mix" -> ChannelMode.MIX;
                default -> throw ApiError.validation("channel_mode must be 'split' or 'mix'", "query", "channel_mode");
            };
        }
        List<Integer> channels = new ArrayList<>();
        Optional<String> channelsValue = single(query, "channels");
        if (channelsValue.isPresent() && !channelsValue.get().isEmpty()) {
            if (!CHANNELS.matcher(channelsValue.get()).matches()) {
                throw ApiError.validation("channels must be 0-based indices separated by commas, without spaces "
                        + "(e.g. 0,2)", "query", "channels");
            }
            Set<Integer> seen = new LinkedHashSet<>();
            for (String c : channelsValue.get().split(",")) {
                int channel = Integer.parseInt(c);
                if (channel > MAX_CHANNEL) {
                    throw ApiError.validation("channel indices go up to " + MAX_CHANNEL, "query", "channels");
                }
                if (!seen.add(channel)) {
                    throw ApiError.validation("channel " + channel + " is named twice", "query", "channels");
                }
            }
            channels.addAll(seen);
        }
        Double start = time(query, "start_time");
        Double end = time(query, "end_time");
        if (start != null && end != null && !(start < end)) {
            throw ApiError.validation("start_time must be before end_time", "query", "end_time");
        }
        boolean raw = single(query, "raw_segmentation").map(v -> bool(v, "raw_segmentation")).orElse(false);
        List<Operation> operations = new ArrayList<>();
        for (String value : query.values("operations")) {
            for (String name : value.split(",", -1)) {
                Operation op = operation(name).orElseThrow(() -> ApiError.validation(
                        "unknown operation '" + clip(name) + "'; one of deepfake_detection, replay_attack_detection, "
                                + "audio_manipulation_detection", "query", "operations"));
                if (!operations.contains(op)) {
                    operations.add(op);
                }
            }
        }
        return new VerificationParameters(operations, mode, channels, start, end, raw, false, null, Map.of());
    }

    /** These parameters completed by the {@code config} part's JSON. */
    public VerificationParameters withConfig(byte[] json) {
        JsonNode config;
        try {
            config = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw ApiError.invalid("the config part is not valid JSON", "body", "config");
        } catch (java.io.IOException e) {
            throw ApiError.invalid("the config part could not be read", "body", "config");
        }
        if (config == null || !config.isObject()) {
            throw ApiError.invalid("the config part must be a JSON object", "body", "config");
        }
        List<Operation> ops = operations;
        if (config.has("operations") && !config.get("operations").isNull()) {
            JsonNode list = config.get("operations");
            if (!list.isArray()) {
                throw ApiError.validation("operations must be a list of operation names", "body", "config", "operations");
            }
            List<Operation> fromConfig = new ArrayList<>();
            for (JsonNode item : list) {
                Operation op = (item.isTextual() ? operation(item.asText()) : Optional.<Operation>empty())
                        .orElseThrow(() -> ApiError.validation("unknown operation " + clip(item.toString())
                                + "; one of deepfake_detection, replay_attack_detection, audio_manipulation_detection",
                                "body", "config", "operations"));
                if (!fromConfig.contains(op)) {
                    fromConfig.add(op);
                }
            }
            if (ops.isEmpty()) {
                ops = fromConfig;
            }
        }
        String callback = null;
        if (config.has("callback_url") && !config.get("callback_url").isNull()) {
            JsonNode url = config.get("callback_url");
            if (!url.isTextual() || !isHttpUrl(url.asText())) {
                throw ApiError.validation("callback_url must be an absolute http or https URL", "body", "config",
                        "callback_url");
            }
            callback = url.asText();
        }
        Map<String, String> metaMap = new LinkedHashMap<>();
        if (config.has("meta") && !config.get("meta").isNull()) {
            JsonNode m = config.get("meta");
            if (!m.isObject() || m.size() > MAX_META_ENTRIES) {
                throw ApiError.validation("meta must be an object of at most " + MAX_META_ENTRIES + " string values",
                        "body", "config", "meta");
            }
            for (Map.Entry<String, JsonNode> e : m.properties()) {
                if (!e.getValue().isTextual() || e.getKey().length() > MAX_META_TEXT
                        || e.getValue().asText().length() > MAX_META_TEXT) {
                    throw ApiError.validation("meta values must be strings of at most " + MAX_META_TEXT + " characters",
                            "body", "config", "meta", clip(e.getKey()));
                }
                metaMap.put(e.getKey(), e.getValue().asText());
            }
        }
        boolean emb = embeddings;
        if (config.has("embeddings") && !config.get("embeddings").isNull()) {
            if (!config.get("embeddings").isBoolean()) {
                throw ApiError.validation("embeddings must be true or false", "body", "config", "embeddings");
            }
            emb = config.get("embeddings").asBoolean();
        }
        return new VerificationParameters(ops, channelMode, channels, startTime, endTime, rawSegmentation, emb,
                callback, metaMap);
    }

    /** The operations to run: the ones asked for, or all three. */
    public List<Operation> effectiveOperations() {
        return operations.isEmpty() ? List.of(Operation.values()) : operations;
    }

    private static Optional<String> single(Query query, String name) {
        List<String> values = query.values(name);
        if (values.size() > 1) {
            throw ApiError.validation(name + " may be given once", "query", name);
        }
        return values.stream().findFirst();
    }

    private static Double time(Query query, String name) {
        Optional<String> value = single(query, name);
        if (value.isEmpty() || value.get().isEmpty()) {
            return null;
        }
        double seconds;
        try {
            seconds = Double.parseDouble(value.get());
        } catch (NumberFormatException e) {
            throw ApiError.validation(name + " must be a number of seconds", "query", name);
        }
        if (!Double.isFinite(seconds) || seconds < 0) {
            throw ApiError.validation(name + " must be a finite number of seconds >= 0", "query", name);
        }
        return seconds;
    }

    private static boolean bool(String value, String name) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "1" -> true;
            case "false", "0" -> false;
            default -> throw ApiError.validation(name + " must be true or false", "query", name);
        };
    }

    private static Optional<Operation> operation(String name) {
        for (Operation op : Operation.values()) {
            if (op.name().toLowerCase(Locale.ROOT).equals(name)) {
                return Optional.of(op);
            }
        }
        return Optional.empty();
    }

    private static boolean isHttpUrl(String text) {
        try {
            URI uri = new URI(text);
            return uri.isAbsolute() && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                    && uri.getHost() != null && text.length() <= 2048;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static String clip(String text) {
        String safe = text.replaceAll("[^\\x20-\\x7e]", "?");
        return safe.length() > 64 ? safe.substring(0, 64) + "…" : safe;
    }
}
