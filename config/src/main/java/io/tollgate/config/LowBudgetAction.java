package io.tollgate.config;

/** What a hard budget does with a non-streaming request whose worst case it cannot pay for. */
public enum LowBudgetAction {
    /** Answer 402 (the default). */
    REJECT,
    /** Lower {@code max_tokens} to what the budget can pay for, and say so in a response header. */
    CLAMP
}
