package io.bonafide.testkit;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * The broker and schema registry that integration tests run against: one per test JVM, started
 * on first use and stopped when the JVM exits. System property {@code bonafide.it.stack} picks
 * it: {@code embedded} (default: an in-process KRaft cluster from {@code KafkaClusterTestKit}
 * plus a real Apicurio Registry process) or {@code confluent} (Confluent Platform containers
 * through Testcontainers; every test is skipped, with the reason, where no Docker engine answers).
 * Tests share the stack and isolate themselves with {@link #uniqueTopics}.
 */
public interface TestStack {

    /** Kafka bootstrap servers. */
    String bootstrapServers();

    /** Base URL of the registry's Confluent-compatible REST API. */
    String registryUrl();

    /** Which stack this is, for messages: {@code embedded} or {@code confluent}. */
    String kind();

    /** The shared stack of this JVM, starting it on first call. */
    static TestStack shared() {
        return SharedStack.get();
    }

    /** Serde settings for this stack's registry, with auto-registration on as tests need it. */
    default Map<String, Object> serdeConfig() {
        return Map.of("schema.registry.url", registryUrl(), "auto.register.schemas", true);
    }

    /** An admin client for this stack; the caller closes it. */
    default Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()));
    }

    /** A prefix no other test of any JVM on this stack uses, e.g. for {@code TopicNames.prefixed}. */
    static String uniquePrefix(String testName) {
        return testName + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Creates the named topics with {@code partitions} partitions each and waits until they exist. */
    default void createTopics(int partitions, String... names) {
        createTopics(partitions, Arrays.asList(names));
    }

    /** Creates the named topics with {@code partitions} partitions each and waits until they exist. */
    default void createTopics(int partitions, List<String> names) {
        try (Admin admin = admin()) {
            admin.createTopics(names.stream().map(n -> new NewTopic(n, partitions, (short) 1)).toList()).all().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted creating topics " + names, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not create topics " + names, e.getCause());
        }
    }

    /** Unique topic names for one test: each base name gets the same unique prefix. */
    static List<String> uniqueTopics(String testName, String... baseNames) {
        String prefix = uniquePrefix(testName);
        return Arrays.stream(baseNames).map(base -> prefix + "." + base).toList();
    }
}
