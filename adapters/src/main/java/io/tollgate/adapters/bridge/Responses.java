package io.tollgate.adapters.bridge;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.adapters.GatewayException;
import io.tollgate.adapters.Json;
import java.io.IOException;

/** Parsing of upstream response bodies, whose faults are the upstream's, not the client's. */
final class Responses {

    private Responses() {
    }

    static JsonNode parse(byte[] body) {
        try {
            JsonNode node = Json.MAPPER.readTree(body);
            if (node == null || !node.isObject()) {
                throw GatewayException.upstream(502, "The upstream answered with a body that is not a JSON object.",
                        "");
            }
            return node;
        } catch (IOException e) {
            throw GatewayException.upstream(502, "The upstream answered with malformed JSON.", "");
        }
    }
}
