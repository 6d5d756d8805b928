package io.tollgate.adapters.bridge;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.adapters.Json;
import io.tollgate.adapters.StreamTranslator;
import io.tollgate.adapters.translate.OpenAiRelay;
import io.tollgate.adapters.translate.Usages;

/** OpenAI client, OpenAI-compatible upstream: the model renamed, usage always requested for streams. */
final class OpenAiPassThrough implements Bridge {

    private final OpenAiRelay.Prepared prepared;

    private OpenAiPassThrough(OpenAiRelay.Prepared prepared) {
        this.prepared = prepared;
    }

    static OpenAiPassThrough create(ObjectNode body, Context context) {
        return new OpenAiPassThrough(OpenAiRelay.prepareRequest(body, context.upstreamModel()));
    }

    @Override
    public byte[] request() {
        return Json.bytes(prepared.body());
    }

    @Override
    public Translated response(byte[] upstreamBody) {
        return new Translated(upstreamBody, Usages.fromOpenAi(Responses.parse(upstreamBody).path("usage")));
    }

    @Override
    public StreamTranslator stream() {
        return OpenAiRelay.stream(prepared.clientAskedUsage());
    }
}
