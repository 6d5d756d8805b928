package io.tollgate.ops;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.List;

/**
 * One {@code --provider NAME[:model1,model2]} value: the provider a key may use and, optionally, the only models it
 * may use there. Only the first colon separates, so {@code openai:regex:gpt-5.*} allows the pattern
 * {@code regex:gpt-5.*}.
 *
 * @param provider      the configured provider's name
 * @param allowedModels the allowed models; empty allows all
 */
record ProviderArg(String provider, List<String> allowedModels) {

    ProviderArg {
        if (provider.isBlank()) {
            throw new IllegalArgumentException("the provider name is empty");
        }
        allowedModels = List.copyOf(allowedModels);
    }

    /**
     * Parses {@code NAME[:model1,model2]}.
     *
     * @throws IllegalArgumentException when the name is empty
     */
    static ProviderArg parse(String text) {
        int colon = text.indexOf(':');
        if (colon < 0) {
            return new ProviderArg(text.trim(), List.of());
        }
        List<String> models = Arrays.stream(text.substring(colon + 1).split(",")).map(String::trim)
                .filter(model -> !model.isEmpty()).toList();
        return new ProviderArg(text.substring(0, colon).trim(), models);
    }

    /** The API's provider config: {@code {"provider":"openai","allowed_models":["gpt-4o-mini"]}}. */
    ObjectNode json() {
        ObjectNode node = Json.object().put("provider", provider);
        if (!allowedModels.isEmpty()) {
            ArrayNode models = node.putArray("allowed_models");
            allowedModels.forEach(models::add);
        }
        return node;
    }
}
