package io.tollgate.node.reconcile;

/** The token types a provider bills at different rates, as the reports and the comparison name them. */
enum TokenKind {
    /** Plain (uncached) input. */
    INPUT("input"),
    /** Input read from the prompt cache. */
    CACHED_INPUT("cached_input"),
    /** Input written to the prompt cache. */
    CACHE_WRITE("cache_write"),
    /** Output, reasoning included. */
    OUTPUT("output");

    private final String label;

    TokenKind(String label) {
        this.label = label;
    }

    /** The name in answers and CSV columns. */
    String label() {
        return label;
    }
}
