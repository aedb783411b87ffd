package io.bonafide.testkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * A single-node KRaft cluster (combined broker and controller) in this JVM, from Kafka's own
 * {@code KafkaClusterTestKit}, plus an Apicurio Registry process; both started in parallel.
 */
@SuppressWarnings("try") // close() may be interrupted like any Kafka shutdown; callers are shutdown hooks
final class EmbeddedStack implements TestStack, AutoCloseable {
    private final KafkaClusterTestKit cluster;
    private final ApicurioRegistryProcess registry;

    private EmbeddedStack(KafkaClusterTestKit cluster, ApicurioRegistryProcess registry) {
        this.cluster = cluster;
        this.registry = registry;
    }

    static EmbeddedStack start() {
        CompletableFuture<ApicurioRegistryProcess> registry =
                CompletableFuture.supplyAsync(ApicurioRegistryProcess::start);
        KafkaClusterTestKit cluster = null;
        try {
            cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                    .setCombined(true)
                    .setNumBrokerNodes(1)
                    .setNumControllerNodes(1)
                    // Under target/, not a JVM-exit-deleted temp dir that races our shutdown hook.
                    .setBaseDirectory(Files.createDirectories(Path.of("target", "kafka-testkit"))
                            .resolve(UUID.randomUUID().toString()).toAbsolutePath())
                    .build())
                    .setConfigProp("group.initial.rebalance.delay.ms", "0")
                    .setConfigProp("offsets.topic.replication.factor", "1")
                    .setConfigProp("transaction.state.log.replication.factor", "1")
                    .setConfigProp("transaction.state.log.min.isr", "1")
                    .setConfigProp("auto.create.topics.enable", "false")
                    .build();
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            return new EmbeddedStack(cluster, registry.join());
        } catch (Exception e) {
            registry.thenAccept(ApicurioRegistryProcess::close);
            if (cluster != null) {
                try {
                    cluster.close();
                } catch (Exception suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw new IllegalStateException("could not start the embedded Kafka + registry stack", e);
        }
    }

    @Override
    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    @Override
    public String registryUrl() {
        return registry.confluentApiUrl();
    }

    @Override
    public String kind() {
        return "embedded";
    }

    @Override
    public void close() throws Exception {
        try {
            registry.close();
        } finally {
            cluster.close();
        }
    }
}
