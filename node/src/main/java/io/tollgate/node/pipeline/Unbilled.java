package io.tollgate.node.pipeline;

import io.tollgate.adapters.Operation;

/**
 * The operations that are governed like any request (virtual key, allowed models, request windows, the log) but
 * never reserve or cost anything: token counts and moderations, which the providers do not bill.
 */
final class Unbilled {

    private Unbilled() {
    }

    /** Whether requests of this operation cost nothing. */
    static boolean is(Operation operation) {
        return operation == Operation.COUNT_TOKENS || operation == Operation.MODERATIONS;
    }
}
