package io.tollgate.adapters.bridge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.adapters.Json;
import io.tollgate.adapters.StreamTranslator;
import io.tollgate.adapters.translate.AnthropicToOpenAi;
import io.tollgate.adapters.translate.Usages;

/** Anthropic client, OpenAI-compatible upstream. */
final class AnthropicToOpenAiBridge implements Bridge {

    private final ObjectNode upstreamBody;
    private final Context context;

    private AnthropicToOpenAiBridge(ObjectNode upstreamBody, Context context) {
        this.upstreamBody = upstreamBody;
        this.context = context;
    }

    static AnthropicToOpenAiBridge create(ObjectNode body, Context context) {
        return new AnthropicToOpenAiBridge(AnthropicToOpenAi.request(body, context.upstreamModel(), true), context);
    }

    @Override
    public byte[] request() {
        return Json.bytes(upstreamBody);
    }

    @Override
    public Translated response(byte[] body) {
        JsonNode completion = Responses.parse(body);
        ObjectNode translated = AnthropicToOpenAi.response(completion, context.clientModel());
        return new Translated(Json.bytes(translated), Usages.fromOpenAi(completion.path("usage")));
    }

    @Override
    public StreamTranslator stream() {
        return AnthropicToOpenAi.stream(context.clientModel(), "msg_" + context.requestId());
    }
}
