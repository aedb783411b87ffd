package io.bonafide.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * /openapi.json documents exactly what the gateway implements: every route, method and status
 * the handler can answer (SPEC 2 and the ops endpoints), nothing else, and never the internal
 * route. {@code GatewayApiIT} checks in turn that every answer it observed is documented.
 */
class OpenApiDocumentTest {
    static final Set<String> IMPLEMENTED = Set.of(
            "POST /api/technology/experimental/authenticity-verification 202",
            "POST /api/technology/experimental/authenticity-verification 400",
            "POST /api/technology/experimental/authenticity-verification 401",
            "POST /api/technology/experimental/authenticity-verification 403",
            "POST /api/technology/experimental/authenticity-verification 405",
            "POST /api/technology/experimental/authenticity-verification 413",
            "POST /api/technology/experimental/authenticity-verification 422",
            "POST /api/technology/experimental/authenticity-verification 429",
            "POST /api/technology/experimental/authenticity-verification 500",
            "POST /api/technology/experimental/authenticity-verification 503",
            "POST /api/technology/experimental/authenticity-verification 507",
            "GET /api/technology/experimental/authenticity-verification/{task_id} 200",
            "GET /api/technology/experimental/authenticity-verification/{task_id} 401",
            "GET /api/technology/experimental/authenticity-verification/{task_id} 404",
            "GET /api/technology/experimental/authenticity-verification/{task_id} 405",
            "GET /api/technology/experimental/authenticity-verification/{task_id} 429",
            "GET /api/technology/experimental/authenticity-verification/{task_id} 500",
            "GET /api/technology/experimental/authenticity-verification/{task_id} 503",
            "DELETE /api/technology/experimental/authenticity-verification/{task_id} 204",
            "DELETE /api/technology/experimental/authenticity-verification/{task_id} 401",
            "DELETE /api/technology/experimental/authenticity-verification/{task_id} 404",
            "DELETE /api/technology/experimental/authenticity-verification/{task_id} 405",
            "DELETE /api/technology/experimental/authenticity-verification/{task_id} 429",
            "DELETE /api/technology/experimental/authenticity-verification/{task_id} 500",
            "DELETE /api/technology/experimental/authenticity-verification/{task_id} 503",
            "GET /openapi.json 200",
            "GET /healthz 200",
            "GET /readyz 200",
            "GET /readyz 503",
            "GET /metrics 200");

    /** Every "METHOD path status" the document lists. */
    static Set<String> documented() throws Exception {
        JsonNode doc;
        try (InputStream in = GatewayServer.class.getResourceAsStream("openapi.json")) {
            doc = new ObjectMapper().readTree(in);
        }
        Set<String> out = new TreeSet<>();
        for (Map.Entry<String, JsonNode> path : doc.get("paths").properties()) {
            for (Map.Entry<String, JsonNode> op : path.getValue().properties()) {
                if (op.getKey().equals("parameters")) {
                    continue;
                }
                op.getValue().get("responses").fieldNames().forEachRemaining(status ->
                        out.add(op.getKey().toUpperCase(java.util.Locale.ROOT) + " " + path.getKey() + " " + status));
            }
        }
        return out;
    }

    @Test
    void shouldDocumentExactlyTheImplementedRoutesAndStatuses() throws Exception {
        assertThat(documented()).containsExactlyInAnyOrderElementsOf(IMPLEMENTED);
    }

    @Test
    void shouldKeepTheInternalRouteOutOfThePublicDocument() throws Exception {
        assertThat(documented()).noneMatch(s -> s.contains("/internal/"));
    }
}
