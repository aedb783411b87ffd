package io.bonafide.schemas.serde.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bonafide.schemas.serde.SchemaRegistryUnavailableException;
import io.bonafide.schemas.serde.SerdeConfig;
import io.bonafide.schemas.serde.WireFormatException;
import io.bonafide.schemas.serde.WireFormatException.Reason;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.avro.Schema;

/**
 * The three calls of the Confluent Schema Registry REST API that the serde needs (register,
 * look up, fetch by id), with their caches. Served alike by Confluent's registry, Apicurio's
 * ccompat API, Karapace and Redpanda. Thread-safe.
 */
public final class SchemaRegistryRestClient implements SchemaLookup {
    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Confluent's error codes for "subject not found" and "schema not found". */
    private static final int SUBJECT_NOT_FOUND = 40401;
    private static final int SCHEMA_NOT_FOUND = 40403;

    private final List<URI> baseUrls;
    private final Optional<String> authorization;
    private final Duration timeout;
    private final HttpClient http;
    private final BoundedCache<Integer, Schema> schemasById;
    private final BoundedCache<SubjectSchema, Integer> idsBySubjectSchema;

    private record SubjectSchema(String subject, Schema schema) {
    }

    public SchemaRegistryRestClient(List<String> baseUrls, Optional<String> basicAuthUserInfo,
                                    Duration timeout, int cacheCapacity) {
        if (baseUrls.isEmpty()) {
            throw new IllegalArgumentException("at least one registry URL is required");
        }
        this.baseUrls = baseUrls.stream()
                .map(u -> URI.create(u.endsWith("/") ? u.substring(0, u.length() - 1) : u))
                .toList();
        this.authorization = basicAuthUserInfo.map(info ->
                "Basic " + Base64.getEncoder().encodeToString(info.getBytes(StandardCharsets.UTF_8)));
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
        this.schemasById = new BoundedCache<>(cacheCapacity);
        this.idsBySubjectSchema = new BoundedCache<>(cacheCapacity);
    }

    /** The writer schema with this id ({@code GET /schemas/ids/{id}}). */
    @Override
    public Schema schemaById(int id) {
        return schemasById.computeIfAbsent(id, key -> {
            JsonNode body = call("GET", "/schemas/ids/" + key, null, Map.of("schema_id", String.valueOf(key)))
                    .orElseThrow(() -> new WireFormatException(Reason.UNKNOWN_SCHEMA_ID,
                            "schema id not found in the registry", Map.of("schema_id", String.valueOf(key))));
            try {
                return new Schema.Parser().parse(body.path("schema").asText());
            } catch (RuntimeException e) {
                throw new WireFormatException(Reason.UNKNOWN_SCHEMA_ID,
                        "registry returned a schema that is not Avro", Map.of("schema_id", String.valueOf(key)), e);
            }
        });
    }

    /**
     * The id of {@code schema} under {@code subject}: looked up ({@code POST /subjects/{subject}}),
     * or registered ({@code POST /subjects/{subject}/versions}) when {@code register} is true.
     */
    @Override
    public int idFor(String subject, Schema schema, boolean register) {
        return idsBySubjectSchema.computeIfAbsent(new SubjectSchema(subject, schema), key -> {
            Map<String, String> context = Map.of("subject", subject, "schema", schema.getFullName());
            String body = schemaRequestBody(schema);
            String path = "/subjects/" + URLEncoder.encode(subject, StandardCharsets.UTF_8);
            Optional<JsonNode> answer;
            if (register) {
                try {
                    answer = call("POST", path + "/versions", body, context);
                } catch (WireFormatException refused) {
                    // Two writers registering the same new schema at once: Apicurio refuses the second
                    // with 409 "already exists". If the schema is there now, that is the answer.
                    answer = call("POST", path, body, context);
                    if (answer.isEmpty()) {
                        throw refused;
                    }
                }
            } else {
                answer = call("POST", path, body, context);
            }
            int id = answer.map(node -> node.path("id"))
                    .filter(JsonNode::isInt)
                    .map(JsonNode::asInt)
                    .orElseThrow(() -> new WireFormatException(Reason.SCHEMA_NOT_REGISTERED,
                            "schema is not registered under its subject and auto.register.schemas is off",
                            context));
            schemasById.putIfAbsent(id, schema);
            return id;
        });
    }

    /** A client for the registry that {@code config} names. */
    public static SchemaRegistryRestClient from(SerdeConfig config) {
        return new SchemaRegistryRestClient(
                config.getList(SerdeConfig.SCHEMA_REGISTRY_URL),
                Optional.ofNullable(config.getPassword(SerdeConfig.BASIC_AUTH_USER_INFO)).map(p -> p.value()),
                Duration.ofMillis(config.getInt(SerdeConfig.REGISTRY_TIMEOUT_MS)),
                config.getInt(SerdeConfig.SCHEMA_CACHE_CAPACITY));
    }

    private static String schemaRequestBody(Schema schema) {
        try {
            return JSON.writeValueAsString(Map.of("schema", schema.toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * One call, trying each base URL in turn while they fail to answer. Empty for "not found";
     * throws for other client errors (permanent) and for unreachable or failing registries
     * (retriable).
     */
    private Optional<JsonNode> call(String method, String path, String body, Map<String, String> context) {
        IOException lastFailure = null;
        for (URI base : baseUrls) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                    .timeout(timeout)
                    .header("Accept", CONTENT_TYPE + ", application/json");
            authorization.ifPresent(value -> request.header("Authorization", value));
            if (body == null) {
                request.GET();
            } else {
                request.header("Content-Type", CONTENT_TYPE)
                        .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
            }
            HttpResponse<String> response;
            try {
                response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (IOException e) {
                lastFailure = e;
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SchemaRegistryUnavailableException("interrupted while calling the schema registry",
                        context, e);
            }
            return interpret(response, context);
        }
        throw new SchemaRegistryUnavailableException("schema registry unreachable at " + baseUrls, context,
                lastFailure);
    }

    private static Optional<JsonNode> interpret(HttpResponse<String> response, Map<String, String> context) {
        int status = response.statusCode();
        JsonNode json = parse(response.body());
        if (status / 100 == 2) {
            return Optional.of(json);
        }
        int errorCode = json.path("error_code").asInt(status);
        String message = json.path("message").asText(response.body());
        if (status == 404 && (errorCode == SUBJECT_NOT_FOUND || errorCode == SCHEMA_NOT_FOUND || errorCode == 404)) {
            return Optional.empty();
        }
        if (status >= 500 || status == 408 || status == 429) {
            throw new SchemaRegistryUnavailableException(
                    "schema registry answered " + status + " (" + errorCode + "): " + message, context, null);
        }
        throw new WireFormatException(Reason.SCHEMA_REFUSED,
                "schema registry refused the request with " + status + " (" + errorCode + "): " + message, context);
    }

    private static JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }
}
