package io.bonafide.tasks.webhook.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StandardWebhookSignerTest {

    @Test
    void shouldReproduceThePublishedStandardWebhooksTestVector() {
        // Given the test vector published with the Standard Webhooks reference implementations
        byte[] key = StandardWebhookSigner.decodeSecret("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
        byte[] body = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);

        // When it is signed
        String signature = StandardWebhookSigner.sign(key, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330L, body);

        // Then it is exactly the published signature
        assertThat(signature).isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void shouldGiveTheSameWebhookIdToEveryDeliveryOfOneFinalStateToOneEndpoint() {
        String first = StandardWebhookSigner.webhookId("task-1", "done", "https://example.com/hook");
        String again = StandardWebhookSigner.webhookId("task-1", "done", "https://example.com/hook");

        assertThat(again).isEqualTo(first).startsWith("msg_").hasSize(36);
        assertThat(StandardWebhookSigner.webhookId("task-1", "done", "https://example.com/other")).isNotEqualTo(first);
        assertThat(StandardWebhookSigner.webhookId("task-1", "failed", "https://example.com/hook")).isNotEqualTo(first);
        assertThat(StandardWebhookSigner.webhookId("task-2", "done", "https://example.com/hook")).isNotEqualTo(first);
    }

    @Test
    void shouldRefuseASecretThatIsNotBase64WithoutEchoingIt() {
        assertThatThrownBy(() -> StandardWebhookSigner.decodeSecret("whsec_not*base64!"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("not*base64!");
        assertThatThrownBy(() -> StandardWebhookSigner.decodeSecret("whsec_AAAA"))
                .hasMessageContaining("at least 16 bytes");
    }
}
