package io.tollgate.node.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.tollgate.adapters.Dialect;
import io.tollgate.adapters.GatewayException;
import io.tollgate.adapters.Json;
import io.tollgate.adapters.Operation;
import io.tollgate.node.pipeline.ClientChannel;
import java.util.Map;

/**
 * The edge of a native route ({@code /genai/...}): the client's own format outside, the same pipeline inside —
 * authentication, budgets and rate limits, the cache, routing, accounting and logging — as an OpenAI chat exchange,
 * answered through a {@link TranslatingChannel}. The virtual key may come as a bearer token, as {@code x-api-key}
 * or, for Google's SDKs, as {@code x-goog-api-key}.
 *
 * @param format the client's format
 * @param target where the route's path puts the model and the streaming choice
 */
record NativeEdge(NativeFormat format, Target target) implements ApiHandler.Edge {

    /** Where the model and the streaming choice are in the route. */
    interface Target {
        /** The model the client asked for. */
        String model(ServerRequest request);

        /** True for the streaming variant of the route. */
        boolean stream(ServerRequest request);
    }

    @Override
    public ObjectNode body(ServerRequest request, byte[] raw) {
        ObjectNode body = format.toOpenAi(Json.parseObject(raw), target.model(request), target.stream(request));
        RequestChecks.check(Dialect.OPENAI, Operation.CHAT, body);
        return body;
    }

    @Override
    public ClientChannel channel(HelidonChannel channel, ServerRequest request, String id) {
        return new TranslatingChannel(channel, format, target.model(request), id);
    }

    @Override
    public byte[] error(GatewayException error) {
        return format.error(error);
    }

    @Override
    public Map<String, String> errorHeaders(GatewayException error) {
        return format.errorHeaders(error);
    }

    @Override
    public void keep(ServerRequest request, Map<String, String> kept) {
        request.headers().first(HeaderNames.create("x-goog-api-key"))
                .ifPresent(value -> kept.putIfAbsent("x-api-key", value));
    }
}
