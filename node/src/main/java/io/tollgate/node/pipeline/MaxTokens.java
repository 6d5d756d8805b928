package io.tollgate.node.pipeline;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.adapters.Dialect;

/** Sets a request's output limit in the field its dialect (and the client's own choice of field) uses. */
final class MaxTokens {

    private MaxTokens() {
    }

    static void set(Exchange exchange, long tokens) {
        ObjectNode body = exchange.body().deepCopy();
        if (exchange.operation() == io.tollgate.adapters.Operation.RESPONSES) {
            body.put("max_output_tokens", tokens);
        } else if (exchange.dialect() == Dialect.OPENAI && body.has("max_completion_tokens")) {
            body.put("max_completion_tokens", tokens);
        } else {
            body.put("max_tokens", tokens);
        }
        exchange.replaceBody(body);
    }
}
