package io.tollgate.node.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.tollgate.adapters.Json;
import io.tollgate.adapters.pricing.PricingCatalog;
import io.tollgate.config.ProviderConfig;
import io.tollgate.config.ProviderType;
import io.tollgate.config.TollgateConfig;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * {@code GET /v1/models}: every model the enabled providers can be asked for by name, addressed as
 * {@code provider/model}: the catalog's models of each provider's type and the configuration's priced models. The
 * list is computed once at start.
 */
final class ModelsHandler implements Handler {

    private final byte[] body;

    ModelsHandler(TollgateConfig config, PricingCatalog catalog) {
        Set<String> ids = new LinkedHashSet<>();
        for (ProviderConfig provider : config.providers().values()) {
            if (!provider.enabled()) {
                continue;
            }
            if (provider.type() == ProviderType.MOCK) {
                ids.add(provider.name() + "/echo");
            } else if (provider.name().equals(provider.type().configName()) || provider.apiVersion().isPresent()) {
                catalog.models(provider.type()).forEach(model -> ids.add(provider.name() + "/" + model));
            }
            config.pricing().keySet().stream().filter(key -> key.startsWith(provider.name() + "/")).forEach(ids::add);
        }
        ObjectNode list = Json.object();
        list.put("object", "list");
        ArrayNode data = list.putArray("data");
        for (String id : ids) {
            ObjectNode model = data.addObject();
            model.put("id", id);
            model.put("object", "model");
            model.put("created", 0);
            model.put("owned_by", id.substring(0, id.indexOf('/')));
        }
        this.body = Json.bytes(list);
    }

    @Override
    public void handle(ServerRequest request, ServerResponse response) {
        response.header(HeaderNames.CONTENT_TYPE, "application/json");
        response.send(body);
    }
}
