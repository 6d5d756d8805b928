package io.tollgate.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Binds a provider's {@code keys} list. A key value whose variable is unset or empty disables the provider
 * instead of failing the file; the values themselves never reach a message.
 */
final class KeyListBinder {

    /** Keys allowed in one element of {@code keys}. */
    static final Set<String> KEY_KEYS = Set.of("name", "value", "weight", "models", "rpm", "tpm", "access_key_id",
            "session_token");

    /** The key a mock provider gets when it lists none. */
    static final ProviderKey MOCK_DEFAULT_KEY = new ProviderKey("default", new Secret("mock"), 1);
    /** The key of a local server configured without keys (sent as a bearer token it ignores). */
    static final ProviderKey KEYLESS = new ProviderKey("none", new Secret("none"), 1);

    /** Stands in for an unresolved value so the rest of the key is still validated; never kept. */
    private static final Secret PLACEHOLDER = new Secret("unset");

    private KeyListBinder() {
    }

    /**
     * The bound keys.
     *
     * @param keys the keys; empty when the provider is disabled, so no partial set of secrets is kept
     * @param unsetVariable the first key variable that was unset or empty, which disables the provider
     */
    record Keys(List<ProviderKey> keys, Optional<String> unsetVariable) {
    }

    /**
     * Binds {@code keys}; absent or empty gives a mock provider its default key and a local server that needs none
     * (Ollama, vLLM) a key named {@code none}, so it is balanced like any other.
     */
    static Keys bind(Optional<ConfigNode> keysNode, ProviderType type) {
        List<ConfigNode> elements = keysNode.map(ConfigNode::list).orElse(List.of());
        if (elements.isEmpty() && type == ProviderType.MOCK) {
            return new Keys(List.of(MOCK_DEFAULT_KEY), Optional.empty());
        }
        if (elements.isEmpty() && !type.keyRequired()) {
            return new Keys(List.of(KEYLESS), Optional.empty());
        }
        List<ProviderKey> keys = new ArrayList<>();
        Set<String> names = new HashSet<>();
        Optional<String> unsetVariable = Optional.empty();
        for (ConfigNode element : elements) {
            element.requireKeys(KEY_KEYS);
            ConfigNode nameNode = element.required("name");
            String name = nameNode.string();
            if (!names.add(name)) {
                throw nameNode.error("duplicate key name '" + name + "'");
            }
            int weight = element.intOr("weight", 1);
            List<String> models = models(element);
            OptionalLong rpm = optionalLong(element, "rpm");
            OptionalLong tpm = optionalLong(element, "tpm");
            ConfigNode valueNode = element.required("value");
            EnvSubstitution.Result value = valueNode.secret();
            Optional<String> unset = unset(value);
            if (unset.isEmpty() && value.text().isBlank()) {
                throw valueNode.error("must not be blank");
            }
            if (unset.isEmpty() && type == ProviderType.VERTEX) {
                ServiceAccountKeys.check(valueNode, value.text());
            }
            Secret secret = unset.isPresent() ? PLACEHOLDER : new Secret(value.text());
            if (type != ProviderType.BEDROCK) {
                for (String awsOnly : List.of("access_key_id", "session_token")) {
                    if (element.field(awsOnly).isPresent()) {
                        throw element.errorAt(awsOnly, "is only allowed for type bedrock");
                    }
                }
            }
            // like the value, an access key id or session token from an unset variable disables the provider
            Optional<EnvSubstitution.Result> idValue = element.field("access_key_id").map(ConfigNode::secret);
            Optional<EnvSubstitution.Result> tokenValue = element.field("session_token").map(ConfigNode::secret);
            Optional<String> unsetAws = idValue.flatMap(KeyListBinder::unset).or(() -> tokenValue
                    .flatMap(KeyListBinder::unset));
            Optional<String> accessKeyId = idValue.map(EnvSubstitution.Result::text).filter(text -> !text.isBlank());
            Optional<Secret> sessionToken = tokenValue.map(EnvSubstitution.Result::text).filter(text -> !text.isBlank())
                    .map(Secret::new);
            if (idValue.isPresent() && accessKeyId.isEmpty() && unsetAws.isEmpty()) {
                throw element.errorAt("access_key_id", "must not be blank");
            }
            if (sessionToken.isPresent() && accessKeyId.isEmpty() && unsetAws.isEmpty()) {
                throw element.errorAt("session_token", "needs access_key_id (a session token signs with access keys)");
            }
            keys.add(element.build(KEY_KEYS, () -> new ProviderKey(name, secret, weight, models, rpm, tpm,
                    accessKeyId, sessionToken)));
            unsetVariable = unsetVariable.or(() -> unset).or(() -> unsetAws);
        }
        return new Keys(unsetVariable.isPresent() ? List.of() : keys, unsetVariable);
    }

    /** The first variable of a value that was unset (or left it blank), if any. */
    private static Optional<String> unset(EnvSubstitution.Result value) {
        return value.unset().stream().findFirst()
                .or(() -> value.text().isBlank() ? value.variables().stream().findFirst() : Optional.empty());
    }

    /** The key's {@code models}: names, each at most once; absent or empty serves every model. */
    private static List<String> models(ConfigNode element) {
        List<String> models = new ArrayList<>();
        for (ConfigNode entry : element.field("models").map(ConfigNode::list).orElse(List.of())) {
            String model = entry.nonBlankString();
            if (models.contains(model)) {
                throw entry.error("duplicate model '" + model + "'");
            }
            models.add(model);
        }
        return models;
    }

    /** A whole number at {@code key}, if present; the record checks its range so the message names the key. */
    private static OptionalLong optionalLong(ConfigNode element, String key) {
        return element.field(key).map(node -> OptionalLong.of(node.integer(Long.MIN_VALUE, Long.MAX_VALUE)))
                .orElse(OptionalLong.empty());
    }
}
