package io.tollgate.node.balance;

/** A key's circuit breaker on this node. */
public enum BreakerState {
    /** Serving; failures are counted. */
    CLOSED,
    /** Refusing traffic until its open period ends. */
    OPEN,
    /** The open period ended: a few probes may go through; a success closes it, a failure opens it again. */
    HALF_OPEN
}
