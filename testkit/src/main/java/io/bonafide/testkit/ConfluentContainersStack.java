package io.bonafide.testkit;

import java.time.Duration;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.kafka.ConfluentKafkaContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * Confluent Platform in containers: cp-kafka and Confluent's own Schema Registry, so that the
 * same integration tests prove the serde against Confluent's registry. Needs a Docker engine;
 * {@link #whyUnavailable()} says why it cannot run where there is none.
 */
final class ConfluentContainersStack implements TestStack, AutoCloseable {
    static final String CONFLUENT_VERSION = System.getProperty("bonafide.it.confluent.version", "7.9.2");

    private final Network network;
    private final ConfluentKafkaContainer kafka;
    private final GenericContainer<?> registry;

    private ConfluentContainersStack(Network network, ConfluentKafkaContainer kafka, GenericContainer<?> registry) {
        this.network = network;
        this.kafka = kafka;
        this.registry = registry;
    }

    /** Null when a Docker engine answers, else the reason the containers cannot start. */
    static String whyUnavailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable()
                    ? null
                    : "no Docker engine answers (checked by Testcontainers' DockerClientFactory)";
        } catch (RuntimeException | LinkageError e) {
            return "no Docker engine answers: " + e;
        }
    }

    @SuppressWarnings("resource")
    static ConfluentContainersStack start() {
        Network network = Network.newNetwork();
        ConfluentKafkaContainer kafka = new ConfluentKafkaContainer(
                DockerImageName.parse("confluentinc/cp-kafka:" + CONFLUENT_VERSION))
                .withNetwork(network)
                .withListener("kafka:19092");
        kafka.start();
        GenericContainer<?> registry = new GenericContainer<>(
                DockerImageName.parse("confluentinc/cp-schema-registry:" + CONFLUENT_VERSION))
                .withNetwork(network)
                .withExposedPorts(8081)
                .withEnv("SCHEMA_REGISTRY_HOST_NAME", "schema-registry")
                .withEnv("SCHEMA_REGISTRY_LISTENERS", "http://0.0.0.0:8081")
                .withEnv("SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS", "PLAINTEXT://kafka:19092")
                .waitingFor(Wait.forHttp("/subjects").forStatusCode(200).withStartupTimeout(Duration.ofMinutes(2)));
        registry.start();
        return new ConfluentContainersStack(network, kafka, registry);
    }

    @Override
    public String bootstrapServers() {
        return kafka.getBootstrapServers();
    }

    @Override
    public String registryUrl() {
        return "http://" + registry.getHost() + ":" + registry.getMappedPort(8081);
    }

    @Override
    public String kind() {
        return "confluent";
    }

    @Override
    public void close() {
        registry.stop();
        kafka.stop();
        network.close();
    }
}
