package io.bonafide.tasks.webhook.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The webhook deliveries of one task's final state, as persisted (JSON) in the retries topic
 * under the task id: the signed body once, and per endpoint its webhook-id, attempts so far, when
 * the next one is due and whether it is still pending. The record is rewritten after every
 * attempt, so that a restarted dispatcher resumes each delivery where it stood; once no delivery
 * is pending the body is dropped and the small record stays for deduplication. Mutable, owned by
 * the dispatch loop's thread only.
 */
public final class TaskDeliveries {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Where one delivery stands. */
    public enum Status { PENDING, DELIVERED, DISABLED, GAVE_UP }

    /** One endpoint's delivery. */
    public static final class Delivery {
        public final String webhookId;
        public final String url;
        public int attempts;
        public long firstAttemptAt;
        public long dueAt;
        public Status status;
        public String lastOutcome;

        public Delivery(String webhookId, String url, int attempts, long firstAttemptAt, long dueAt, Status status,
                        String lastOutcome) {
            this.webhookId = webhookId;
            this.url = url;
            this.attempts = attempts;
            this.firstAttemptAt = firstAttemptAt;
            this.dueAt = dueAt;
            this.status = status;
            this.lastOutcome = lastOutcome;
        }
    }

    public final String taskId;
    public final String tenant;
    public final String finalState;
    public final String correlationId;
    private byte[] body;
    public final List<Delivery> deliveries;

    public TaskDeliveries(String taskId, String tenant, String finalState, String correlationId, byte[] body,
                          List<Delivery> deliveries) {
        this.taskId = taskId;
        this.tenant = tenant;
        this.finalState = finalState;
        this.correlationId = correlationId;
        this.body = body;
        this.deliveries = deliveries;
    }

    /** The webhook body; null once every delivery is finished. */
    public byte[] body() {
        return body;
    }

    public boolean pending() {
        return deliveries.stream().anyMatch(d -> d.status == Status.PENDING);
    }

    /** Drops the body when nothing is pending any more, so the record kept for deduplication stays small. */
    public void compactIfFinished() {
        if (!pending()) {
            body = null;
        }
    }

    public byte[] toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("task_id", taskId).put("tenant", tenant).put("state", finalState);
        if (correlationId != null) {
            root.put("correlation_id", correlationId);
        }
        if (body != null) {
            root.put("body", Base64.getEncoder().encodeToString(body));
        }
        ArrayNode list = root.putArray("deliveries");
        for (Delivery d : deliveries) {
            list.addObject().put("webhook_id", d.webhookId).put("url", d.url).put("attempts", d.attempts)
                    .put("first_attempt_at", d.firstAttemptAt).put("due_at", d.dueAt)
                    .put("status", d.status.name()).put("last_outcome", d.lastOutcome);
        }
        try {
            return JSON.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new IllegalStateException("a tree of plain nodes always serialises", e);
        }
    }

    /** Reads a persisted record; throws {@link IllegalArgumentException} when it is not one. */
    public static TaskDeliveries fromJson(byte[] json) {
        try {
            JsonNode root = JSON.readTree(json);
            List<Delivery> deliveries = new ArrayList<>();
            for (JsonNode d : root.withArray("deliveries")) {
                deliveries.add(new Delivery(d.get("webhook_id").asText(), d.get("url").asText(), d.get("attempts").asInt(),
                        d.get("first_attempt_at").asLong(), d.get("due_at").asLong(),
                        Status.valueOf(d.get("status").asText()), d.path("last_outcome").asText("")));
            }
            return new TaskDeliveries(root.get("task_id").asText(), root.get("tenant").asText(),
                    root.get("state").asText(), root.hasNonNull("correlation_id") ? root.get("correlation_id").asText() : null,
                    root.hasNonNull("body") ? Base64.getDecoder().decode(root.get("body").asText()) : null, deliveries);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not a webhook delivery record: " + e.getClass().getSimpleName(), e);
        }
    }
}
