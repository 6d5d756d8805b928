package io.tollgate.node.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.adapters.Dialect;
import io.tollgate.adapters.Json;
import io.tollgate.config.ProviderType;

/**
 * Token counting ({@code /anthropic/v1/messages/count_tokens}, {@code /v1/responses/input_tokens}): the provider
 * answers when it offers the count in the client's own format (an {@code anthropic} provider for the Anthropic route,
 * an {@code openai} provider for the OpenAI route); otherwise the gateway answers with an estimate of about four
 * UTF-8 bytes of text per token (the rule of thumb OpenAI and Anthropic give for English), never a bound.
 * The {@value #SOURCE_HEADER} response header says which: {@code provider} or {@code estimate}. Either way the
 * request is governed like any other (key, allowed models, request windows) but reserves and costs nothing.
 */
final class TokenCounts {

    /** The response header naming where a count came from. */
    static final String SOURCE_HEADER = "x-tollgate-token-count";
    /** UTF-8 bytes of text per estimated token. */
    static final long BYTES_PER_TOKEN = 4;

    private TokenCounts() {
    }

    /** Whether the route's provider counts tokens in the client's format. */
    static boolean byProvider(Dialect client, Route route) {
        ProviderType type = route.adapter().config().type();
        Dialect upstream = route.adapter().dialect(route.model().model());
        return upstream == client && (client == Dialect.ANTHROPIC && type == ProviderType.ANTHROPIC
                || client == Dialect.OPENAI && type == ProviderType.OPENAI);
    }

    /** The gateway's estimate, in the client's response format. */
    static Exchange.Response estimate(Dialect client, JsonNode body) {
        long bytes = 0;
        for (String field : new String[] {"system", "messages", "tools", "input", "instructions"}) {
            bytes += TokenBounds.textBytes(body.path(field));
        }
        long tokens = Math.ceilDiv(bytes, BYTES_PER_TOKEN);
        ObjectNode answer = Json.object();
        if (client == Dialect.OPENAI) {
            answer.put("object", "response.input_tokens");
        }
        answer.put("input_tokens", tokens);
        return new Exchange.Response(200, "application/json", Json.bytes(answer));
    }
}
