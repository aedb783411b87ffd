/**
 * Webhook machinery: signing, the SSRF guard, the retry schedule and policy, the persisted
 * delivery records and the dispatch loop. Not for use outside the tasks module.
 */
package io.bonafide.tasks.webhook.internal;
