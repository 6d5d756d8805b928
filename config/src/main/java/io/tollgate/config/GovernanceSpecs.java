package io.tollgate.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads budgets, rate limits, provider configs and fallbacks from a JSON object sent to the management API, with
 * exactly the rules and messages of the configuration file (so a budget valid in YAML is valid over HTTP and the
 * reverse). No environment substitution happens: an API client cannot read the node's environment. Failures are
 * {@link ConfigException}s whose {@link ConfigException#path()} names the field ({@code budgets[1].max_limit}).
 */
public final class GovernanceSpecs {

    private static final String SOURCE = "request";
    private static final EnvSubstitution NO_ENVIRONMENT = new EnvSubstitution(Map.of());

    private GovernanceSpecs() {
    }

    /** The object's {@code budgets} list; empty when absent. */
    public static List<BudgetSpec> budgets(JsonNode owner) {
        return LimitBinder.budgets(root(owner));
    }

    /** The object's {@code plan} (what a customer or team pays); empty when absent or null. */
    public static Optional<PlanSpec> plan(JsonNode owner) {
        return PlanBinder.plan(root(owner));
    }

    /** The budgets in the object's {@code field} (for example {@code end_user_budgets}). */
    public static List<BudgetSpec> budgets(JsonNode owner, String field) {
        return LimitBinder.budgets(root(owner), field);
    }

    /** The rate limit in the object's {@code field} (for example {@code end_user_rate_limit}). */
    public static Optional<RateLimitSpec> rateLimit(JsonNode owner, String field) {
        return LimitBinder.rateLimit(root(owner), field);
    }

    /** The object's {@code rate_limit}; empty when absent or when it sets no limit. */
    public static Optional<RateLimitSpec> rateLimit(JsonNode owner) {
        return LimitBinder.rateLimit(root(owner));
    }

    /** The object's {@code provider_configs}, checked against the configured providers. */
    public static List<KeyProviderSpec> providerConfigs(JsonNode owner, Map<String, ProviderConfig> providers) {
        return VirtualKeyBinder.providerConfigs(root(owner), providers);
    }

    /** The object's {@code fallbacks}, whose providers must be configured; empty when absent. */
    public static List<String> fallbacks(JsonNode owner, Map<String, ProviderConfig> providers) {
        return VirtualKeyBinder.fallbacks(root(owner), providers);
    }

    /** The object's {@code field} as an ISO-8601 instant, if present and not null. */
    public static Optional<Instant> instant(JsonNode owner, String field) {
        return root(owner).field(field).map(VirtualKeyBinder::instant);
    }

    private static ConfigNode root(JsonNode owner) {
        return ConfigNode.root(owner, SOURCE, NO_ENVIRONMENT);
    }
}
