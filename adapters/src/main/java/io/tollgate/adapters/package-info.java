/**
 * The provider adapter SPI and the canonical records every stage shares: {@link io.tollgate.adapters.ModelRef},
 * {@link io.tollgate.adapters.Usage}, {@link io.tollgate.adapters.SseEvent}, and the one exception type
 * {@link io.tollgate.adapters.GatewayException} with its {@link io.tollgate.adapters.ErrorKind}. Knows nothing of
 * clusters, caches or HTTP servers.
 */
package io.tollgate.adapters;
