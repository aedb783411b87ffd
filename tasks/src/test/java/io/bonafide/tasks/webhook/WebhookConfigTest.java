package io.bonafide.tasks.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WebhookConfigTest {
    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    @Test
    void shouldReadPerTenantSecretsAndSubscriptionsFromKeysAndTheSecretsFile(@TempDir Path dir) throws Exception {
        // Given a secrets file for tenant beta and keys for tenant acme
        Path file = dir.resolve("secrets.properties");
        Files.writeString(file, "beta=" + SECRET + "\n");
        Map<String, Object> settings = base();
        settings.put(WebhookConfig.SECRETS_FILE, file.toString());
        settings.put("bonafide.webhooks.tenant.acme.secret", SECRET);
        settings.put("bonafide.webhooks.tenant.acme.urls", "https://a.example/1, https://a.example/2");

        // When the config is read
        WebhookConfig config = new WebhookConfig(settings);

        // Then both tenants sign, acme has its subscriptions, and an unknown tenant has neither
        assertThat(config.signingKey("acme")).isPresent();
        assertThat(config.signingKey("beta")).isPresent();
        assertThat(config.signingKey("gamma")).isEmpty();
        assertThat(config.subscriptions("acme")).containsExactly("https://a.example/1", "https://a.example/2");
        assertThat(config.subscriptions("beta")).isEmpty();
    }

    @Test
    void shouldFailOnABadSecretNamingTheKeyButNeverTheValue() {
        Map<String, Object> settings = base();
        settings.put("bonafide.webhooks.tenant.acme.secret", "whsec_leaked*value");

        assertThatThrownBy(() -> new WebhookConfig(settings)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("bonafide.webhooks.tenant.acme.secret").hasMessageNotContaining("leaked");
    }

    @Test
    void shouldFailOnABadScheduleOrCidrNamingTheKey() {
        Map<String, Object> schedule = base();
        schedule.put(WebhookConfig.RETRY_SCHEDULE, "5s,soon");
        Map<String, Object> cidr = base();
        cidr.put(WebhookConfig.ALLOW_CIDRS, List.of("10.0.0.0/40"));

        assertThatThrownBy(() -> new WebhookConfig(schedule)).hasMessageContaining(WebhookConfig.RETRY_SCHEDULE);
        assertThatThrownBy(() -> new WebhookConfig(cidr)).hasMessageContaining(WebhookConfig.ALLOW_CIDRS);
    }

    @Test
    void shouldPrefixTheInternalTopicsLikeTheSpecTopics() {
        Map<String, Object> settings = base();
        settings.put(WebhookConfig.TOPIC_PREFIX, "t1");
        WebhookConfig config = new WebhookConfig(settings);

        assertThat(config.internalTopic(WebhookConfig.RETRIES_TOPIC)).isEqualTo("t1.bonafide.webhook.retries");
        assertThat(config.topicNames().taskState()).isEqualTo("t1.bonafide.task.state");
    }

    private static Map<String, Object> base() {
        Map<String, Object> settings = new HashMap<>();
        settings.put(WebhookConfig.BOOTSTRAP_SERVERS, "localhost:9092");
        return settings;
    }
}
