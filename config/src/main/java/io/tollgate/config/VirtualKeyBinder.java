package io.tollgate.config;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Binds {@code governance.virtual_keys}. A key's value is a secret: an unset variable in it is an error (a seed
 * key cannot be disabled the way a provider can), and no message or warning ever shows the value.
 */
final class VirtualKeyBinder {

    /** Keys allowed in one element of {@code virtual_keys}. */
    static final Set<String> VIRTUAL_KEY_KEYS = Set.of("name", "value", "is_active", "expires_at", "team",
            "customer", "budgets", "rate_limit", "provider_configs", "fallbacks", "end_user_budgets",
            "end_user_rate_limit");
    /** Keys allowed in one element of a virtual key's {@code provider_configs}. */
    static final Set<String> PROVIDER_CONFIG_KEYS = Set.of("provider", "weight", "allowed_models",
            "blocked_models", "key_ids", "budgets", "rate_limit");

    /** The prefix of a model entry that is a regular expression rather than a name. */
    static final String REGEX_PREFIX = "regex:";

    private VirtualKeyBinder() {
    }

    /**
     * What a virtual key may refer to.
     *
     * @param customers the declared customers
     * @param teams the declared teams
     * @param providers the configured providers, enabled or not
     */
    record Names(Set<String> customers, Set<String> teams, Map<String, ProviderConfig> providers) {
    }

    /** Binds every element; names and values are unique, references must name declared customers and teams. */
    static List<VirtualKeySeed> bind(List<ConfigNode> elements, Names names) {
        List<VirtualKeySeed> keys = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        Map<String, String> nameByValue = new HashMap<>();
        for (ConfigNode element : elements) {
            element.requireKeys(VIRTUAL_KEY_KEYS);
            String name = GovernanceBinder.uniqueName(element, "virtual key", seen);
            ConfigNode valueNode = element.required("value");
            Secret value = valueNode.optionalSecret("must not be blank")
                    .orElseThrow(() -> valueNode.error("must not be blank"));
            String holder = nameByValue.putIfAbsent(value.reveal(), name);
            if (holder != null) {
                throw valueNode.error("duplicate value: virtual key '" + holder + "' has the same value");
            }
            boolean active = element.boolOr("is_active", true);
            Optional<Instant> expiresAt = element.field("expires_at").map(VirtualKeyBinder::instant);
            Optional<String> team = GovernanceBinder.reference(element, "team", "team", names.teams());
            Optional<String> customer = GovernanceBinder.reference(element, "customer", "customer", names.customers());
            List<KeyProviderSpec> providerConfigs = providerConfigs(element, names.providers());
            List<BudgetSpec> budgets = LimitBinder.budgets(element);
            Optional<RateLimitSpec> rateLimit = LimitBinder.rateLimit(element);
            List<String> fallbacks = fallbacks(element, names.providers());
            List<BudgetSpec> endUserBudgets = LimitBinder.budgets(element, "end_user_budgets");
            Optional<RateLimitSpec> endUserRateLimit = LimitBinder.rateLimit(element, "end_user_rate_limit");
            keys.add(element.build(VIRTUAL_KEY_KEYS, () -> new VirtualKeySeed(name, value, active, expiresAt, team,
                    customer, providerConfigs, budgets, rateLimit, fallbacks, endUserBudgets, endUserRateLimit)));
        }
        return keys;
    }

    static Instant instant(ConfigNode node) {
        String text = node.string();
        try {
            return Instant.parse(text.strip());
        } catch (DateTimeParseException invalid) {
            throw node.error("must be an ISO-8601 instant such as 2027-01-01T00:00:00Z, was " + ProblemText.quote(text));
        }
    }

    static List<KeyProviderSpec> providerConfigs(ConfigNode key, Map<String, ProviderConfig> providers) {
        List<KeyProviderSpec> specs = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (ConfigNode element : key.field("provider_configs").map(ConfigNode::list).orElse(List.of())) {
            element.requireKeys(PROVIDER_CONFIG_KEYS);
            ConfigNode providerNode = element.required("provider");
            String provider = providerNode.string();
            if (!providers.containsKey(provider)) {
                throw providerNode.error(ProblemText.unknownName("provider", provider, providers.keySet(),
                        "configured"));
            }
            if (!seen.add(provider)) {
                throw providerNode.error("duplicate provider '" + provider + "'");
            }
            int weight = element.intOr("weight", 1);
            List<String> allowedModels = models(element, "allowed_models");
            List<String> blockedModels = models(element, "blocked_models");
            List<String> keyIds = keyIds(element, providers.get(provider));
            List<BudgetSpec> budgets = LimitBinder.budgets(element);
            Optional<RateLimitSpec> rateLimit = LimitBinder.rateLimit(element);
            specs.add(element.build(PROVIDER_CONFIG_KEYS, () -> new KeyProviderSpec(provider, weight, allowedModels,
                    blockedModels, keyIds, budgets, rateLimit)));
        }
        return specs;
    }

    /**
     * The key's {@code fallbacks}: at most {@value Fallbacks#MAX} distinct {@code provider/model} addresses whose
     * providers are configured (enabled or not).
     */
    static List<String> fallbacks(ConfigNode key, Map<String, ProviderConfig> providers) {
        List<ConfigNode> entries = key.field("fallbacks").map(ConfigNode::list).orElse(List.of());
        List<String> fallbacks = Fallbacks.check(entries.stream().map(ConfigNode::string).toList(), key::errorAt);
        for (int i = 0; i < fallbacks.size(); i++) {
            String provider = Fallbacks.provider(fallbacks.get(i));
            if (!providers.containsKey(provider)) {
                throw entries.get(i).error(ProblemText.unknownName("provider", provider, providers.keySet(),
                        "configured"));
            }
        }
        return fallbacks;
    }

    /** Model entries: {@code *}, a model name, or {@code regex:<java.util.regex pattern>} that must compile. */
    private static List<String> models(ConfigNode element, String key) {
        List<String> models = new ArrayList<>();
        for (ConfigNode entry : element.field(key).map(ConfigNode::list).orElse(List.of())) {
            String model = entry.nonBlankString();
            if (model.startsWith(REGEX_PREFIX)) {
                compile(entry, model.substring(REGEX_PREFIX.length()));
            }
            models.add(model);
        }
        return models;
    }

    private static void compile(ConfigNode entry, String regex) {
        if (regex.isEmpty()) {
            throw entry.error("has no pattern after '" + REGEX_PREFIX + "'");
        }
        try {
            Pattern.compile(regex);
        } catch (PatternSyntaxException invalid) {
            throw entry.error("invalid regular expression " + ProblemText.quote(regex) + ": "
                    + invalid.getDescription() + (invalid.getIndex() >= 0 ? " near index " + invalid.getIndex() : ""));
        }
    }

    /**
     * Names of the provider's API keys, checked against its keys when it is enabled. A disabled provider keeps no
     * keys to check against, and serves nothing until its variable is set, when the check runs.
     */
    private static List<String> keyIds(ConfigNode element, ProviderConfig provider) {
        List<String> keyIds = new ArrayList<>();
        Set<String> known = new LinkedHashSet<>(provider.keys().stream().map(ProviderKey::name).toList());
        for (ConfigNode entry : element.field("key_ids").map(ConfigNode::list).orElse(List.of())) {
            String keyId = entry.string();
            if (provider.enabled() && !known.contains(keyId)) {
                throw entry.error(ProblemText.unknownName("API key", keyId, known, "configured"));
            }
            keyIds.add(keyId);
        }
        return keyIds;
    }
}
