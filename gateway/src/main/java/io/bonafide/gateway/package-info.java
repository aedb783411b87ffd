/**
 * The HTTP task API of SPEC 2: {@link io.bonafide.gateway.GatewayServer} (built from
 * {@link io.bonafide.gateway.GatewayConfig} and its collaborators), {@link io.bonafide.gateway.GatewayMain}
 * to run it alone, and {@link io.bonafide.gateway.LocalTaskStateEndpoint}, the hook the task-state
 * topology plugs into for instance-to-instance polls. The machinery is in {@code internal}.
 */
package io.bonafide.gateway;
