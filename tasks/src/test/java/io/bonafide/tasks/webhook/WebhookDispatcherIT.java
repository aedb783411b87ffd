package io.bonafide.tasks.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bonafide.schemas.EventSchemas;
import io.bonafide.schemas.Topic;
import io.bonafide.schemas.TopicNames;
import io.bonafide.schemas.Topics;
import io.bonafide.schemas.event.AudioReference;
import io.bonafide.schemas.event.ChannelMode;
import io.bonafide.schemas.event.ErrorDetail;
import io.bonafide.schemas.event.Operation;
import io.bonafide.schemas.event.TaskKey;
import io.bonafide.schemas.event.TaskState;
import io.bonafide.schemas.event.TaskStatus;
import io.bonafide.schemas.event.VerificationError;
import io.bonafide.schemas.event.VerificationRequested;
import io.bonafide.testkit.TestStack;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The dispatcher against the real broker and registry, delivering to a real HTTP receiver on loopback. */
class WebhookDispatcherIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T0 = Instant.parse("2026-11-22T00:00:00Z");
    private static final String ACME_SECRET = secret(1);
    private static final String BETA_SECRET = secret(2);

    @BeforeAll
    static void trustEvents() {
        EventSchemas.trustEventClasses();
    }

    @Test
    void shouldDeliverEveryFinalStateSignedOnceTheReceiverComesBackAfterTwoMinutesDown() throws Exception {
        TestStack stack = TestStack.shared();
        String prefix = TestStack.uniquePrefix("webhooks-down");
        TopicNames names = TopicNames.prefixed(prefix);
        stack.createTopics(3, names.taskState(), names.deadLetter());
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            // Given 20 final task states of two tenants, acme with a tenant-level subscription; every fourth
            // task has no callback_url, and a running state and a tombstone that must send nothing
            Map<String, String> settings = new HashMap<>(settings(stack, prefix, "1s,2s,4s,8s"));
            settings.put(WebhookConfig.TENANT_PREFIX + "acme.urls", receiver.url("/tenant/acme"));
            List<TaskState> states = new ArrayList<>();
            Map<String, String> expectedState = new LinkedHashMap<>();
            for (int i = 0; i < 20; i++) {
                String task = "task-" + i + "-" + UUID.randomUUID();
                String tenant = i % 2 == 0 ? "acme" : "beta";
                TaskStatus status = List.of(TaskStatus.DONE, TaskStatus.FAILED, TaskStatus.REJECTED).get(i % 3);
                String callback = i % 4 == 3 ? null : receiver.url("/cb/" + task);
                states.add(state(task, tenant, status, callback));
                if (callback != null) {
                    expectedState.put("/cb/" + task, status.name().toLowerCase());
                }
            }
            Set<String> expectedPaths = new java.util.HashSet<>(expectedState.keySet());
            expectedPaths.add("/tenant/acme");
            long acmeTasks = states.stream().filter(s -> s.getTenant().equals("acme")).count();
            long expectedDeliveries = expectedState.size() + acmeTasks;
            publish(stack, names, states);
            publish(stack, names, List.of(state("running-" + UUID.randomUUID(), "acme", TaskStatus.RUNNING,
                    receiver.url("/cb/running"))));
            publishTombstone(stack, names, "deleted-" + UUID.randomUUID());

            // Some callbacks answer 500 to their first delivery, to force a repeat
            Set<String> failOnce = states.subList(0, 3).stream().map(s -> "/cb/" + s.getTaskId()).collect(Collectors.toSet());
            Set<String> failedAlready = ConcurrentHashMap.newKeySet();
            receiver.answer(r -> failOnce.contains(r.path()) && failedAlready.add(r.path())
                    ? WebhookReceiver.Answer.of(500) : WebhookReceiver.Answer.of(204));

            MeterRegistry metrics = new SimpleMeterRegistry();
            try (WebhookDispatcher dispatcher = new WebhookDispatcher(settings, Clock.systemUTC(), metrics, new Random(7))) {
                // When the dispatcher runs while the receiver's port stays closed for two minutes
                Instant downSince = Instant.now();
                dispatcher.start();
                await("two minutes of refused connections").atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(1))
                        .until(() -> count(metrics, "bonafide.webhooks.attempts", "outcome", "connect_error") >= 2 * expectedDeliveries
                                && Duration.between(downSince, Instant.now()).compareTo(Duration.ofMinutes(2)) >= 0);
                assertThat(receiver.received()).isEmpty();
                assertThat(metrics.get("bonafide.webhooks.retry.queue").gauge().value()).isEqualTo(expectedDeliveries);

                // and then comes up
                receiver.start();

                // Then every final state is delivered to its callback, and every acme task to the subscription
                await("every delivery").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(200))
                        .until(() -> count(metrics, "bonafide.webhooks.deliveries") >= expectedDeliveries);
                assertThat(receiver.deliveredPaths()).containsExactlyInAnyOrderElementsOf(expectedPaths);
                assertThat(receiver.to("/tenant/acme").stream().filter(r -> r.answered() == 204)).hasSize((int) acmeTasks);
                assertThat(count(metrics, "bonafide.webhooks.deliveries")).isEqualTo(expectedDeliveries);
            }

            // and every request verifies with the Standard Webhooks algorithm, carries the task document and
            // the correlation id
            Map<String, String> tenantOf = states.stream().collect(Collectors.toMap(TaskState::getTaskId, TaskState::getTenant));
            for (WebhookReceiver.Received r : receiver.received()) {
                JsonNode body = JSON.readTree(r.body());
                String task = body.at("/task/task_id").asText();
                String secret = tenantOf.get(task).equals("acme") ? ACME_SECRET : BETA_SECRET;
                assertThat(StandardWebhooksVerifier.verifies(secret, r.webhookId(), r.timestamp(), r.body(), r.signature()))
                        .as("signature of %s", r.path()).isTrue();
                assertThat(r.correlationId()).isEqualTo("corr-" + task);
                if (r.path().startsWith("/cb/")) {
                    assertThat(r.path()).isEqualTo("/cb/" + task);
                    assertThat(body.at("/task/state").asText()).isEqualTo(expectedState.get(r.path()));
                }
                if (!body.at("/task/state").asText().equals("done")) {
                    assertThat(body.at("/error/type").asText()).startsWith("media.");
                }
            }

            // and a repeated delivery carries the same webhook-id as the first
            for (String path : failOnce) {
                List<WebhookReceiver.Received> requests = receiver.to(path);
                assertThat(requests).hasSizeGreaterThanOrEqualTo(2);
                assertThat(requests.get(0).answered()).isEqualTo(500);
                assertThat(requests).extracting(WebhookReceiver.Received::webhookId).containsOnly(requests.get(0).webhookId());
            }
            // and distinct deliveries carry distinct ids
            assertThat(receiver.received().stream().filter(r -> r.answered() == 204).map(WebhookReceiver.Received::webhookId)
                    .distinct().count()).isEqualTo(expectedDeliveries);
            assertThat(receiver.to("/cb/running")).isEmpty();
        }
    }

    @Test
    void shouldDeliverRetriesPendingInAStoppedDispatcherFromANewOne() throws Exception {
        TestStack stack = TestStack.shared();
        String prefix = TestStack.uniquePrefix("webhooks-restart");
        TopicNames names = TopicNames.prefixed(prefix);
        stack.createTopics(2, names.taskState(), names.deadLetter());
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            // Given a receiver that throttles every request (503, Retry-After: 1)
            receiver.answer(r -> new WebhookReceiver.Answer(503, Map.of("Retry-After", "1")));
            receiver.start();
            Map<String, String> settings = settings(stack, prefix, "1s");
            List<TaskState> states = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                String task = "restart-" + i + "-" + UUID.randomUUID();
                states.add(state(task, i % 2 == 0 ? "acme" : "beta", TaskStatus.DONE, receiver.url("/cb/" + task)));
            }
            publish(stack, names, states);
            Set<String> paths = states.stream().map(s -> "/cb/" + s.getTaskId()).collect(Collectors.toSet());

            // and a first dispatcher that has attempted every delivery and holds them as pending retries
            MeterRegistry first = new SimpleMeterRegistry();
            try (WebhookDispatcher dispatcher = new WebhookDispatcher(settings, Clock.systemUTC(), first, new Random(1))) {
                dispatcher.start();
                await("every delivery throttled once").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(200))
                        .until(() -> receiver.received().stream().map(WebhookReceiver.Received::path).collect(Collectors.toSet())
                                .containsAll(paths));
                assertThat(first.get("bonafide.webhooks.retry.queue").gauge().value()).isEqualTo(6.0);
                assertThat(count(first, "bonafide.webhooks.deliveries")).isZero();
            }
            // (it committed every state it read, so a new dispatcher learns of the deliveries only from the retries topic)
            assertThat(uncommittedStates(stack, names.taskState(), "bonafide-webhooks-" + prefix)).isZero();
            Map<String, String> idsSeen = receiver.received().stream()
                    .collect(Collectors.toMap(WebhookReceiver.Received::path, WebhookReceiver.Received::webhookId, (a, b) -> a));

            // When the receiver recovers and a new dispatcher of the same group starts
            receiver.answer(r -> WebhookReceiver.Answer.of(200));
            MeterRegistry second = new SimpleMeterRegistry();
            try (WebhookDispatcher dispatcher = new WebhookDispatcher(settings, Clock.systemUTC(), second, new Random(2))) {
                dispatcher.start();

                // Then it delivers every pending retry, with the webhook-id of the first attempts
                await("pending retries delivered").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(200))
                        .until(() -> count(second, "bonafide.webhooks.deliveries") >= 6);
                assertThat(receiver.deliveredPaths()).containsExactlyInAnyOrderElementsOf(paths);
                receiver.received().stream().filter(r -> r.answered() == 200)
                        .forEach(r -> assertThat(r.webhookId()).isEqualTo(idsSeen.get(r.path())));
                assertThat(count(second, "bonafide.webhooks.duplicates")).isZero();
            }
        }
    }

    @Test
    void shouldDisableAnEndpointThatAnswersGoneAndRefuseAPrivateTarget() throws Exception {
        TestStack stack = TestStack.shared();
        String prefix = TestStack.uniquePrefix("webhooks-gone");
        TopicNames names = TopicNames.prefixed(prefix);
        stack.createTopics(1, names.taskState(), names.deadLetter());
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            // Given an endpoint that answers 410 Gone
            receiver.answer(r -> WebhookReceiver.Answer.of(r.path().equals("/gone") ? 410 : 204));
            receiver.start();
            MeterRegistry metrics = new SimpleMeterRegistry();
            try (WebhookDispatcher dispatcher = new WebhookDispatcher(settings(stack, prefix, "1s"), Clock.systemUTC(),
                    metrics, new Random(3))) {
                dispatcher.start();

                // When a task's callback is that endpoint
                publish(stack, names, List.of(state("gone-1-" + UUID.randomUUID(), "acme", TaskStatus.DONE, receiver.url("/gone"))));
                await().atMost(Duration.ofSeconds(30)).until(() -> count(metrics, "bonafide.webhooks.endpoints.disabled") == 1);

                // and later tasks name it too, or a private address that is not allowlisted
                publish(stack, names, List.of(
                        state("gone-2-" + UUID.randomUUID(), "acme", TaskStatus.DONE, receiver.url("/gone")),
                        state("private-" + UUID.randomUUID(), "acme", TaskStatus.DONE, "http://10.255.255.1/hook"),
                        state("ok-" + UUID.randomUUID(), "acme", TaskStatus.DONE, receiver.url("/ok"))));
                await().atMost(Duration.ofSeconds(30)).until(() -> count(metrics, "bonafide.webhooks.deliveries") == 1
                        && count(metrics, "bonafide.webhooks.giveups", "reason", "endpoint_disabled") == 1
                        && count(metrics, "bonafide.webhooks.giveups", "reason", "refused") == 1);

                // Then the gone endpoint got exactly one request, the private target none, the good one its delivery
                assertThat(receiver.to("/gone")).hasSize(1);
                assertThat(receiver.to("/ok")).hasSize(1);
            }
        }
    }

    private static Map<String, String> settings(TestStack stack, String prefix, String schedule) {
        Map<String, String> s = new HashMap<>();
        stack.serdeConfig().forEach((k, v) -> s.put(k, String.valueOf(v)));
        s.put(WebhookConfig.BOOTSTRAP_SERVERS, stack.bootstrapServers());
        s.put(WebhookConfig.TOPIC_PREFIX, prefix);
        s.put(WebhookConfig.GROUP_ID, "bonafide-webhooks-" + prefix);
        s.put(WebhookConfig.RETRY_SCHEDULE, schedule);
        s.put(WebhookConfig.RETRY_MAX_ATTEMPTS, "200");
        s.put(WebhookConfig.RETRY_HORIZON_MS, Long.toString(Duration.ofHours(1).toMillis()));
        s.put(WebhookConfig.POLL_TIMEOUT_MS, "100");
        s.put(WebhookConfig.DELIVERY_THREADS, "4");
        s.put(WebhookConfig.HTTP_CONNECT_TIMEOUT_MS, "1000");
        s.put(WebhookConfig.HTTP_REQUEST_TIMEOUT_MS, "5000");
        s.put(WebhookConfig.ALLOW_CIDRS, "127.0.0.1/32");
        s.put(WebhookConfig.TENANT_PREFIX + "acme.secret", ACME_SECRET);
        s.put(WebhookConfig.TENANT_PREFIX + "beta.secret", BETA_SECRET);
        s.put(WebhookConfig.CONSUMER_PREFIX + "session.timeout.ms", "10000");
        return s;
    }

    private static void publish(TestStack stack, TopicNames names, List<TaskState> states) throws Exception {
        Topic<TaskKey, TaskState> topic = Topics.create(names, stack.serdeConfig()).taskState();
        try (KafkaProducer<TaskKey, TaskState> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()),
                topic.keySerde().serializer(), topic.valueSerde().serializer())) {
            for (TaskState state : states) {
                producer.send(new ProducerRecord<>(topic.name(), new TaskKey(state.getTaskId()), state)).get();
            }
        }
    }

    private static void publishTombstone(TestStack stack, TopicNames names, String taskId) throws Exception {
        Topic<TaskKey, TaskState> topic = Topics.create(names, stack.serdeConfig()).taskState();
        try (KafkaProducer<TaskKey, TaskState> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()),
                topic.keySerde().serializer(), topic.valueSerde().serializer())) {
            producer.send(new ProducerRecord<>(topic.name(), new TaskKey(taskId), null)).get();
        }
    }

    private static long uncommittedStates(TestStack stack, String topic, String group) throws Exception {
        try (Admin admin = stack.admin()) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()
                    .forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
            long behind = 0;
            for (var end : admin.listOffsets(latest).all().get().entrySet()) {
                OffsetAndMetadata at = committed.get(end.getKey());
                behind += end.getValue().offset() - (at == null ? 0 : at.offset());
            }
            return behind;
        }
    }

    private static double count(MeterRegistry registry, String name, String... tags) {
        Counter counter = registry.find(name).tags(tags).counter();
        return counter == null ? 0 : counter.count();
    }

    private static TaskState state(String task, String tenant, TaskStatus status, String callback) {
        VerificationRequested request = VerificationRequested.newBuilder().setTaskId(task).setTenant(tenant)
                .setAudio(AudioReference.newBuilder().setUri("file:///x").setSha256("00").setSizeBytes(1).build())
                .setOperations(List.of(Operation.DEEPFAKE_DETECTION)).setChannelMode(ChannelMode.SPLIT)
                .setCallbackUrl(callback).setMeta(Map.of("case", task)).setCorrelationId("corr-" + task)
                .setRequestId("req-" + task).setSubmittedAt(T0).build();
        VerificationError error = status == TaskStatus.DONE || status == TaskStatus.RUNNING ? null
                : VerificationError.newBuilder().setTaskId(task).setTenant(tenant)
                .setErrorType(status == TaskStatus.REJECTED ? "media.undecodable" : "media.decode-failed")
                .setMessage("cannot decode").setDetails(List.<ErrorDetail>of()).setRetryable(false).setAttempt(1)
                .setOccurredAt(T0).setCorrelationId("corr-" + task).setRequestId("req-" + task).build();
        return TaskState.newBuilder().setTaskId(task).setTenant(tenant).setStatus(status).setRequest(request)
                .setError(error).setCreatedAt(T0).setUpdatedAt(T0).setRevision(3).setCorrelationId("corr-" + task).build();
    }

    private static String secret(long seed) {
        byte[] key = new byte[24];
        new Random(seed).nextBytes(key);
        return "whsec_" + Base64.getEncoder().encodeToString(key);
    }
}
