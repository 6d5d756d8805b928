package io.tollgate.adapters.bridge;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.adapters.Json;
import io.tollgate.adapters.StreamTranslator;
import io.tollgate.adapters.responses.ResponsesRelay;
import io.tollgate.adapters.translate.Usages;

/** Responses client, upstream with the Responses API (OpenAI): the model renamed, the usage read. */
final class ResponsesPassThrough implements Bridge {

    private final ObjectNode body;

    private ResponsesPassThrough(ObjectNode body) {
        this.body = body;
    }

    static ResponsesPassThrough create(ObjectNode body, Context context) {
        return new ResponsesPassThrough(body.deepCopy().put("model", context.upstreamModel()));
    }

    @Override
    public byte[] request() {
        return Json.bytes(body);
    }

    @Override
    public Translated response(byte[] upstreamBody) {
        return new Translated(upstreamBody, Usages.fromResponses(Responses.parse(upstreamBody).path("usage")));
    }

    @Override
    public StreamTranslator stream() {
        return new ResponsesRelay();
    }
}
