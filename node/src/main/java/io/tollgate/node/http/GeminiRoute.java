package io.tollgate.node.http;

import io.helidon.webserver.http.ServerRequest;
import io.tollgate.adapters.ErrorKind;
import io.tollgate.adapters.GatewayException;
import io.tollgate.config.ProviderConfig;
import io.tollgate.config.ProviderType;
import io.tollgate.config.TollgateConfig;
import java.util.List;
import java.util.Optional;

/**
 * Reads a Gemini route's path: {@code models/{model}:generateContent} or {@code :streamGenerateContent}, the model
 * either a gateway address split over two segments ({@code models/gemini/gemini-2.5-flash:...}) or one name, which
 * goes to the one enabled {@code gemini} provider when there is exactly one (Google's SDKs send bare model names),
 * else to the gateway's usual resolution.
 *
 * @param only the one enabled {@code gemini} provider, if there is exactly one
 */
record GeminiRoute(Optional<String> only) implements NativeEdge.Target {

    /** The route's reading for this configuration. */
    static GeminiRoute of(TollgateConfig config) {
        return new GeminiRoute(onlyProvider(config, ProviderType.GEMINI));
    }

    /** The one enabled provider of this type, when there is exactly one (a bare model name goes to it). */
    static Optional<String> onlyProvider(TollgateConfig config, ProviderType type) {
        List<String> names = config.providers().values().stream()
                .filter(p -> p.type() == type && p.enabled()).map(ProviderConfig::name).toList();
        return names.size() == 1 ? Optional.of(names.get(0)) : Optional.empty();
    }

    @Override
    public String model(ServerRequest request) {
        var parameters = request.path().pathParameters();
        String action = parameters.get("action");
        int colon = action.lastIndexOf(':');
        String method = colon < 0 ? "" : action.substring(colon + 1);
        if (!method.equals("generateContent") && !method.equals("streamGenerateContent")) {
            throw GatewayException.of(ErrorKind.NOT_FOUND, "Unknown method '" + method + "': this gateway serves "
                    + "models/{model}:generateContent and :streamGenerateContent.");
        }
        String model = action.substring(0, colon);
        return parameters.first("provider").map(provider -> provider + "/" + model)
                .orElseGet(() -> only.map(provider -> provider + "/" + model).orElse(model));
    }

    @Override
    public boolean stream(ServerRequest request) {
        return request.path().pathParameters().get("action").endsWith(":streamGenerateContent");
    }
}
