package io.tollgate.node.http;

import io.helidon.webserver.http.ServerRequest;
import io.tollgate.config.ProviderType;
import io.tollgate.config.TollgateConfig;
import java.util.Optional;

/**
 * Reads a Bedrock route's path: {@code /bedrock/model/{modelId}/converse} or {@code /converse-stream}. A model id
 * that names a gateway address ({@code bedrock/anthropic.claude-...}, sent percent-encoded and decoded into two
 * segments) is used as it is; a bare Bedrock model id goes to the one enabled {@code bedrock} provider when there is exactly one, else to
 * the gateway's usual resolution.
 *
 * @param only the one enabled {@code bedrock} provider, if there is exactly one
 * @param stream true for the {@code converse-stream} route
 */
record BedrockRoute(Optional<String> only, boolean stream) implements NativeEdge.Target {

    /** The route's reading for this configuration. */
    static BedrockRoute of(TollgateConfig config, boolean stream) {
        return new BedrockRoute(GeminiRoute.onlyProvider(config, ProviderType.BEDROCK), stream);
    }

    @Override
    public String model(ServerRequest request) {
        var parameters = request.path().pathParameters();
        String model = parameters.get("modelId");
        Optional<String> provider = parameters.first("provider").asOptional();
        if (provider.isPresent()) {
            return provider.get() + "/" + model;
        }
        return model.contains("/") || only.isEmpty() ? model : only.get() + "/" + model;
    }

    @Override
    public boolean stream(ServerRequest request) {
        return stream;
    }
}
