package io.bonafide.schemas;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

/**
 * Creates Bonafide's topics where they are missing, each with the settings its role needs: the
 * task-state topic compacted (one record per task, tombstones remove it), the event topics with
 * time retention, the dead-letter topic kept longer. Existing topics are left as they are, so an
 * operator's own settings win. For the embedded default and for clusters without a topic
 * operator; a deployment that manages topics elsewhere never calls it.
 */
public final class TopicProvisioner {
    private static final long WEEK_MS = 7L * 24 * 3600 * 1000;

    private TopicProvisioner() {
    }

    /**
     * Creates the missing topics of {@code names} plus {@code extra} (further topics with plain
     * retention, such as a component's internal topics), with {@code partitions} partitions and
     * {@code replication} replicas; answers the names it created.
     */
    public static List<String> ensure(Admin admin, TopicNames names, List<String> extra, int partitions, short replication) {
        try {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = new ArrayList<>();
            for (String name : names.all()) {
                if (!existing.contains(name)) {
                    missing.add(new NewTopic(name, partitions, replication).configs(settings(names, name)));
                }
            }
            for (String name : extra) {
                if (!existing.contains(name)) {
                    missing.add(new NewTopic(name, partitions, replication)
                            .configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, Long.toString(WEEK_MS))));
                }
            }
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get();
            }
            return missing.stream().map(NewTopic::name).toList();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not create Bonafide's topics: " + e.getCause().getMessage(), e.getCause());
        }
    }

    private static Map<String, String> settings(TopicNames names, String name) {
        if (name.equals(names.taskState())) {
            return Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
        }
        if (name.equals(names.deadLetter())) {
            return Map.of(TopicConfig.RETENTION_MS_CONFIG, Long.toString(4 * WEEK_MS));
        }
        return Map.of(TopicConfig.RETENTION_MS_CONFIG, Long.toString(WEEK_MS));
    }
}
