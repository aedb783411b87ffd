/**
 * The webhook dispatcher of SPEC 5 ({@link io.bonafide.tasks.webhook.WebhookDispatcher}) and its
 * settings ({@link io.bonafide.tasks.webhook.WebhookConfig}); the machinery is in {@code internal}.
 */
package io.bonafide.tasks.webhook;
