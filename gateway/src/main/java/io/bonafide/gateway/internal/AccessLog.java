package io.bonafide.gateway.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One structured JSON line per request on logger {@code io.bonafide.gateway.access}: method,
 * path (never the query string, which may carry secrets), status, duration, tenant, task id,
 * correlation and request ids, uploaded bytes. API keys and other headers are never written.
 */
public final class AccessLog {
    private static final Logger LOG = LoggerFactory.getLogger("io.bonafide.gateway.access");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Clock clock;

    public AccessLog(Clock clock) {
        this.clock = clock;
    }

    public void write(String method, String path, int status, double durationMillis, String tenant, String taskId,
                      RequestIds ids, long uploadBytes) {
        if (!LOG.isInfoEnabled()) {
            return;
        }
        ObjectNode line = JsonNodeFactory.instance.objectNode();
        line.put("time", clock.instant().toString());
        line.put("method", ApiHandler.clip(method));
        line.put("path", ApiHandler.clip(path));
        line.put("status", status);
        line.put("duration_ms", Math.round(durationMillis * 10) / 10.0);
        if (tenant != null) {
            line.put("tenant", tenant);
        }
        if (taskId != null) {
            line.put("task_id", taskId);
        }
        line.put("correlation_id", ids.correlationId());
        line.put("request_id", ids.requestId());
        if (uploadBytes >= 0) {
            line.put("upload_bytes", uploadBytes);
        }
        try {
            LOG.info(JSON.writeValueAsString(line));
        } catch (JsonProcessingException e) {
            LOG.warn("could not render an access log line: {}", e.toString());
        }
    }
}
