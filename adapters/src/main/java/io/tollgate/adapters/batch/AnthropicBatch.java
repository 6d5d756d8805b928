package io.tollgate.adapters.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.adapters.GatewayException;
import io.tollgate.adapters.Usage;
import io.tollgate.adapters.translate.Usages;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Anthropic's Message Batches: the {@code {"requests":[{"custom_id","params"}]}} body a client submits, and the
 * JSONL results of an ended batch (one {@code {"custom_id","result":{"type","message"}}} per line). Stateless.
 */
public final class AnthropicBatch {

    /** The most requests one batch may hold (Anthropic's limit). */
    public static final int MAX_REQUESTS = 100_000;

    private AnthropicBatch() {
    }

    /**
     * The requests of a batch, checked: a non-empty {@code requests} list, each with a unique {@code custom_id} and
     * {@code params} naming a {@code model} and {@code max_tokens}, none streaming.
     *
     * @throws GatewayException {@code INVALID_REQUEST} naming the first bad request (0-based) and what is wrong
     */
    public static List<BatchLine> read(ObjectNode body) {
        JsonNode requests = body.path("requests");
        if (!requests.isArray() || requests.isEmpty()) {
            throw GatewayException.invalid("requests", "requests: Field required: a list of 1 to " + MAX_REQUESTS
                    + " requests, each {\"custom_id\", \"params\"}.");
        }
        if (requests.size() > MAX_REQUESTS) {
            throw GatewayException.invalid("requests", "requests: a batch holds at most " + MAX_REQUESTS
                    + " requests, this one " + requests.size() + ".");
        }
        List<BatchLine> lines = new ArrayList<>(requests.size());
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < requests.size(); i++) {
            JsonNode request = requests.get(i);
            String at = "requests." + i;
            String customId = request.path("custom_id").asText("");
            if (!request.path("custom_id").isTextual() || customId.isEmpty() || customId.length() > 64) {
                throw GatewayException.invalid(at + ".custom_id", at + ".custom_id: a string of 1 to 64 "
                        + "characters is required.");
            }
            if (!ids.add(customId)) {
                throw GatewayException.invalid(at + ".custom_id", at + ".custom_id: '" + customId
                        + "' is used by an earlier request; custom ids must be unique in a batch.");
            }
            JsonNode params = request.path("params");
            if (!params.isObject() || !params.path("model").isTextual() || params.path("model").asText().isBlank()) {
                throw GatewayException.invalid(at + ".params.model", at + ".params.model: Field required.");
            }
            if (!params.path("max_tokens").canConvertToLong() || params.path("max_tokens").asLong() < 1) {
                throw GatewayException.invalid(at + ".params.max_tokens", at + ".params.max_tokens: a positive "
                        + "integer is required.");
            }
            if (params.path("stream").asBoolean(false)) {
                throw GatewayException.invalid(at + ".params.stream", at + ".params.stream: batch requests "
                        + "cannot stream.");
            }
            lines.add(new BatchLine(customId, params.path("model").asText(), (ObjectNode) params));
        }
        return lines;
    }

    /** The batch body with each request's model replaced by the upstream's name for it. */
    public static ObjectNode write(ObjectNode body, UnaryOperator<String> upstreamModel) {
        ObjectNode out = body.deepCopy();
        for (JsonNode request : (ArrayNode) out.path("requests")) {
            ObjectNode params = (ObjectNode) request.path("params");
            params.put("model", upstreamModel.apply(params.path("model").asText()));
        }
        return out;
    }

    /**
     * The lines of a batch's results. A line that is not JSON or has no {@code custom_id} is skipped and counted as
     * unreadable.
     */
    public static BatchResults results(byte[] jsonl) {
        return BatchResults.read(jsonl, line -> {
            JsonNode result = line.path("result");
            JsonNode message = result.path("message");
            boolean succeeded = result.path("type").asText().equals("succeeded");
            Usage usage = succeeded && message.path("usage").isObject() ? Usages.fromAnthropic(message.path("usage"))
                    : Usage.ZERO;
            Optional<String> model = message.path("model").isTextual() ? Optional.of(message.path("model").asText())
                    : Optional.empty();
            return new BatchResult(line.path("custom_id").asText(), model, succeeded ? 200 : 500, usage);
        });
    }
}
