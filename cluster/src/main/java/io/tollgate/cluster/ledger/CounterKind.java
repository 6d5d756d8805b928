package io.tollgate.cluster.ledger;

/** What a counter counts. */
public enum CounterKind {
    /** Spend in nano-dollars against a budget. */
    BUDGET,
    /** Requests in a rate-limit window. */
    REQUESTS,
    /** Tokens (input + output) in a rate-limit window. */
    TOKENS
}
