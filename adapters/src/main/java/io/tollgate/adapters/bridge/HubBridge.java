package io.tollgate.adapters.bridge;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.adapters.Dialect;
import io.tollgate.adapters.Json;
import io.tollgate.adapters.StreamTranslator;
import io.tollgate.adapters.Usage;
import io.tollgate.adapters.gemini.Translation;
import io.tollgate.adapters.translate.AnthropicToOpenAi;

/**
 * A client of OpenAI's or Anthropic's format and an upstream of a third (Gemini, Bedrock), through OpenAI's Chat
 * Completions format: an OpenAI client's request goes to the upstream's translation as it is; an Anthropic
 * client's is first turned into an OpenAI request, and the answer (whole, or each stream event) comes back the same
 * way, the upstream's usage read by the first translation.
 */
final class HubBridge implements Bridge {

    private final ObjectNode upstreamBody;
    private final HubUpstream upstream;
    private final boolean anthropicClient;
    private final boolean includeUsage;
    private final Context context;

    private HubBridge(ObjectNode upstreamBody, HubUpstream upstream, boolean anthropicClient, boolean includeUsage,
                      Context context) {
        this.upstreamBody = upstreamBody;
        this.upstream = upstream;
        this.anthropicClient = anthropicClient;
        this.includeUsage = includeUsage;
        this.context = context;
    }

    static HubBridge create(Dialect client, Dialect upstreamDialect, ObjectNode body, Context context) {
        HubUpstream upstream = HubUpstream.of(upstreamDialect);
        boolean anthropic = client == Dialect.ANTHROPIC;
        ObjectNode openAi = anthropic ? AnthropicToOpenAi.request(body, context.upstreamModel(), true)
                : body.deepCopy().put("model", context.upstreamModel());
        boolean includeUsage = anthropic || body.path("stream_options").path("include_usage").asBoolean(false);
        return new HubBridge(upstream.request(openAi), upstream, anthropic, includeUsage, context);
    }

    @Override
    public byte[] request() {
        return Json.bytes(upstreamBody);
    }

    @Override
    public Translated response(byte[] body) {
        Translation completion = upstream.response(Responses.parse(body), context.clientModel(),
                "chatcmpl-" + context.requestId(), context.createdEpochSeconds());
        ObjectNode out = anthropicClient ? AnthropicToOpenAi.response(completion.body(), context.clientModel())
                : completion.body();
        return new Translated(Json.bytes(out), completion.usage());
    }

    @Override
    public StreamTranslator stream() {
        StreamTranslator first = upstream.stream(context.clientModel(), "chatcmpl-" + context.requestId(),
                context.createdEpochSeconds(), includeUsage);
        return anthropicClient ? new ChainedTranslator(first, AnthropicToOpenAi.stream(context.clientModel(),
                "msg_" + context.requestId())) : first;
    }
}
