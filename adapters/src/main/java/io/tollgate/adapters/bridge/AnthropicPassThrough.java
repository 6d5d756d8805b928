package io.tollgate.adapters.bridge;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.adapters.Json;
import io.tollgate.adapters.StreamTranslator;
import io.tollgate.adapters.translate.AnthropicRelay;
import io.tollgate.adapters.translate.Usages;

/** Anthropic client, Anthropic upstream: the model renamed, everything else as sent. */
final class AnthropicPassThrough implements Bridge {

    private final ObjectNode body;

    private AnthropicPassThrough(ObjectNode body) {
        this.body = body;
    }

    static AnthropicPassThrough create(ObjectNode body, Context context) {
        return new AnthropicPassThrough(AnthropicRelay.prepareRequest(body, context.upstreamModel()));
    }

    @Override
    public byte[] request() {
        return Json.bytes(body);
    }

    @Override
    public Translated response(byte[] upstreamBody) {
        return new Translated(upstreamBody, Usages.fromAnthropic(Responses.parse(upstreamBody).path("usage")));
    }

    @Override
    public StreamTranslator stream() {
        return AnthropicRelay.stream();
    }
}
