package io.tollgate.node.pipeline;

import io.tollgate.cluster.governance.VirtualKey;
import java.util.Objects;

/**
 * The governance side of one request: who it belongs to and, once admitted, the guard that lets a stream grow
 * its reservation. Confined to the request's thread.
 */
public final class Governed {

    private final VirtualKey key;
    private final java.util.Optional<String> customerId;
    private OutputGuard guard = OutputGuard.UNLIMITED;

    private Governed(VirtualKey key, java.util.Optional<String> customerId) {
        this.key = key;
        this.customerId = customerId;
    }

    /** The state of a request authenticated with this key, which belongs to no customer or directly to one. */
    public static Governed of(VirtualKey key) {
        return new Governed(Objects.requireNonNull(key, "key"), key.customerId());
    }

    /**
     * The state of a request authenticated with this key, attributed to {@code customerId}: the key's own customer,
     * or its team's.
     */
    public static Governed of(VirtualKey key, java.util.Optional<String> customerId) {
        return new Governed(Objects.requireNonNull(key, "key"), Objects.requireNonNull(customerId, "customerId"));
    }

    /** The customer the request is attributed to: the key's own, or its team's; empty when neither has one. */
    public java.util.Optional<String> customerId() {
        return customerId;
    }

    /** The virtual key the request came with. */
    public VirtualKey key() {
        return key;
    }

    /** The guard a stream consults as its output grows. */
    public OutputGuard guard() {
        return guard;
    }

    public void guard(OutputGuard installed) {
        this.guard = Objects.requireNonNull(installed, "guard");
    }

    /** Decides whether a stream may produce more output. */
    @FunctionalInterface
    public interface OutputGuard {

        /** A guard that never stops a stream. */
        OutputGuard UNLIMITED = tokens -> java.util.Optional.empty();

        /**
         * Called as output arrives.
         *
         * @param outputTokens an upper bound of the output tokens produced so far
         * @return empty to go on, or the reason the budget cannot pay for more (the stream then ends)
         */
        java.util.Optional<io.tollgate.adapters.GatewayException> onOutput(long outputTokens);

        /**
         * The usage to bill when the stream ended without the upstream reporting it (cut by the budget or the
         * client): the bounds of what was sent and produced; empty for a guard that does not meter.
         */
        default java.util.Optional<io.tollgate.adapters.Usage> estimate() {
            return java.util.Optional.empty();
        }
    }
}
