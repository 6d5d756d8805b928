package io.tollgate.node.pipeline;

import io.tollgate.adapters.Operation;

/**
 * The operations that are governed like any request (virtual key, allowed models, request windows, the log) but
 * never reserve or cost anything: token counts and moderations, which the providers do not bill, and calls on
 * stored resources (files, reading a batch). A batch submission is not one of them: it reserves its lines' worst
 * case, and is billed when it ends, not when it is submitted (see {@link #deferred}).
 */
final class Unbilled {

    private Unbilled() {
    }

    /** Whether requests of this operation cost nothing. */
    static boolean is(Operation operation) {
        return operation == Operation.COUNT_TOKENS || operation == Operation.MODERATIONS
                || operation == Operation.RESOURCE;
    }

    /** Whether requests of this operation are billed later, not for the request itself (batch submissions). */
    static boolean deferred(Operation operation) {
        return operation == Operation.BATCH;
    }
}
