package io.tollgate.adapters.bridge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.adapters.Json;
import io.tollgate.adapters.StreamTranslator;
import io.tollgate.adapters.translate.OpenAiToAnthropic;
import io.tollgate.adapters.translate.Usages;

/** OpenAI client, Anthropic upstream. */
final class OpenAiToAnthropicBridge implements Bridge {

    private final ObjectNode upstreamBody;
    private final boolean includeUsage;
    private final Context context;

    private OpenAiToAnthropicBridge(ObjectNode upstreamBody, boolean includeUsage, Context context) {
        this.upstreamBody = upstreamBody;
        this.includeUsage = includeUsage;
        this.context = context;
    }

    static OpenAiToAnthropicBridge create(ObjectNode body, Context context) {
        boolean includeUsage = body.path("stream_options").path("include_usage").asBoolean(false);
        return new OpenAiToAnthropicBridge(
                OpenAiToAnthropic.request(body, context.upstreamModel(), context.defaultMaxTokens()),
                includeUsage, context);
    }

    @Override
    public byte[] request() {
        return Json.bytes(upstreamBody);
    }

    @Override
    public Translated response(byte[] body) {
        JsonNode message = Responses.parse(body);
        ObjectNode translated = OpenAiToAnthropic.response(message, context.clientModel(),
                "chatcmpl-" + context.requestId(), context.createdEpochSeconds());
        return new Translated(Json.bytes(translated), Usages.fromAnthropic(message.path("usage")));
    }

    @Override
    public StreamTranslator stream() {
        return OpenAiToAnthropic.stream(context.clientModel(), "chatcmpl-" + context.requestId(),
                context.createdEpochSeconds(), includeUsage);
    }
}
