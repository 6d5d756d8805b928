package io.tollgate.node.balance;

import io.tollgate.cluster.health.KeyState;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One key as this node's balancer sees it, for {@code ops keys} and the management API. Names only, never key values.
 *
 * @param name the key's name
 * @param weight its configured weight
 * @param share its fraction of this node's last {@code 1024} choices of the provider (0 to 1)
 * @param latencyMs its latency average in milliseconds, as the balancer uses it now; empty before the first sample
 * @param errorRate the share of failures among its recent outcomes on this node (0 to 1)
 * @param inFlight its requests in flight from this node
 * @param breaker its circuit on this node
 * @param breakerOpenUntil when an open circuit lets probes through
 * @param health its shared state in the cluster
 * @param quota what the upstream last said is left of the key's own limit, while that is current
 * @param requestsThisMinute this node's requests on the key in the current minute
 * @param tokensThisMinute this node's tokens on the key in the current minute
 */
public record KeyReport(String name, int weight, double share, OptionalDouble latencyMs, double errorRate,
                        int inFlight, BreakerState breaker, Optional<Instant> breakerOpenUntil, KeyState health,
                        UpstreamQuota quota, long requestsThisMinute, long tokensThisMinute) {

    public KeyReport {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(latencyMs, "latencyMs");
        Objects.requireNonNull(breaker, "breaker");
        Objects.requireNonNull(breakerOpenUntil, "breakerOpenUntil");
        Objects.requireNonNull(health, "health");
        Objects.requireNonNull(quota, "quota");
    }
}
