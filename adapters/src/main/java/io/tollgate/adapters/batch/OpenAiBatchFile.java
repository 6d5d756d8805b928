package io.tollgate.adapters.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.adapters.GatewayException;
import io.tollgate.adapters.Json;
import io.tollgate.adapters.Usage;
import io.tollgate.adapters.translate.Usages;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * OpenAI's batch files: the JSONL input file a client uploads with {@code purpose=batch} (one
 * {@code {"custom_id","method":"POST","url","body"}} per line) and the output and error files of an ended batch
 * (one {@code {"custom_id","response":{"status_code","body"},"error"}} per line). Stateless.
 */
public final class OpenAiBatchFile {

    /** The most lines one input file may hold (OpenAI's limit). */
    public static final int MAX_LINES = 50_000;
    /** The endpoints a batch line may call. */
    public static final Set<String> ENDPOINTS = Set.of("/v1/chat/completions", "/v1/embeddings", "/v1/completions",
            "/v1/responses");

    private OpenAiBatchFile() {
    }

    /**
     * The lines of an input file, checked: each a JSON object with a unique {@code custom_id}, {@code method}
     * {@code POST}, a {@code url} among {@link #ENDPOINTS}, the same for every line, and a {@code body} naming a
     * {@code model}.
     *
     * @throws GatewayException {@code INVALID_REQUEST} naming the first bad line (1-based) and what is wrong
     */
    public static Input read(byte[] jsonl) {
        List<BatchLine> lines = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        String endpoint = null;
        int number = 0;
        for (String text : new String(jsonl, StandardCharsets.UTF_8).split("\n", -1)) {
            number++;
            if (text.isBlank()) {
                continue;
            }
            if (lines.size() == MAX_LINES) {
                throw invalid(number, "the file has more than " + MAX_LINES + " requests; split it");
            }
            JsonNode line;
            try {
                line = Json.MAPPER.readTree(text);
            } catch (java.io.IOException e) {
                throw invalid(number, "is not valid JSON");
            }
            if (!line.isObject()) {
                throw invalid(number, "must be a JSON object");
            }
            String customId = line.path("custom_id").asText("");
            if (!line.path("custom_id").isTextual() || customId.isBlank() || customId.length() > 512) {
                throw invalid(number, "needs a custom_id: a string of 1 to 512 characters");
            }
            if (!ids.add(customId)) {
                throw invalid(number, "repeats custom_id '" + customId + "'");
            }
            if (!"POST".equals(line.path("method").asText())) {
                throw invalid(number, "method must be POST");
            }
            String url = line.path("url").asText("");
            if (!ENDPOINTS.contains(url)) {
                throw invalid(number, "url must be one of " + String.join(", ", ENDPOINTS.stream().sorted()
                        .toList()) + ", was '" + url + "'");
            }
            if (endpoint != null && !endpoint.equals(url)) {
                throw invalid(number, "calls " + url + " but the lines before call " + endpoint
                        + "; a batch calls one endpoint");
            }
            endpoint = url;
            JsonNode body = line.path("body");
            if (!body.isObject() || !body.path("model").isTextual() || body.path("model").asText().isBlank()) {
                throw invalid(number, "needs a body with a model");
            }
            if (body.path("stream").asBoolean(false)) {
                throw invalid(number, "asks to stream; batch requests cannot stream");
            }
            lines.add(new BatchLine(customId, body.path("model").asText(), (ObjectNode) body));
        }
        if (lines.isEmpty()) {
            throw GatewayException.invalid("file", "The batch input file holds no requests.");
        }
        return new Input(endpoint, lines);
    }

    /**
     * The input file, each line's model replaced ({@code openai/gpt-4o-mini} to the upstream's {@code gpt-4o-mini}),
     * one JSON object per line.
     */
    public static byte[] write(Input input, UnaryOperator<String> upstreamModel) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (BatchLine line : input.lines()) {
            ObjectNode body = line.body().deepCopy();
            body.put("model", upstreamModel.apply(line.model()));
            ObjectNode written = Json.object();
            written.put("custom_id", line.customId());
            written.put("method", "POST");
            written.put("url", input.endpoint());
            written.set("body", body);
            out.writeBytes(Json.bytes(written));
            out.write('\n');
        }
        return out.toByteArray();
    }

    /**
     * The lines of an output or error file. A line that is not JSON or has no {@code custom_id} is skipped and
     * counted in {@link BatchResults#unreadable()}: the rest still settle.
     */
    public static BatchResults results(byte[] jsonl) {
        return BatchResults.read(jsonl, line -> {
            JsonNode response = line.path("response");
            int status = response.path("status_code").asInt(response.isObject() ? 200 : 500);
            JsonNode body = response.path("body");
            Usage usage = body.path("usage").isObject()
                    ? (body.path("object").asText().equals("response") ? Usages.fromResponses(body.path("usage"))
                            : Usages.fromOpenAi(body.path("usage")))
                    : Usage.ZERO;
            Optional<String> model = body.path("model").isTextual() ? Optional.of(body.path("model").asText())
                    : Optional.empty();
            return new BatchResult(line.path("custom_id").asText(), model, status, usage);
        });
    }

    /**
     * A checked input file.
     *
     * @param endpoint the endpoint every line calls ({@code /v1/chat/completions})
     * @param lines the requests, in file order
     */
    public record Input(String endpoint, List<BatchLine> lines) {

        public Input {
            lines = List.copyOf(lines);
        }
    }

    private static GatewayException invalid(int line, String problem) {
        return GatewayException.invalid("file", "Line " + line + " of the batch input file " + problem + ".");
    }
}
