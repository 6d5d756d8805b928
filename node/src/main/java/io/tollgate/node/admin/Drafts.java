package io.tollgate.node.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.adapters.GatewayException;
import io.tollgate.cluster.governance.Customer;
import io.tollgate.cluster.governance.CustomerDraft;
import io.tollgate.cluster.governance.Team;
import io.tollgate.cluster.governance.TeamDraft;
import io.tollgate.cluster.governance.EndUserLimits;
import io.tollgate.cluster.governance.VirtualKey;
import io.tollgate.cluster.governance.VirtualKeyDraft;
import io.tollgate.config.GovernanceSpecs;
import io.tollgate.config.ProviderConfig;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads management request bodies into drafts. A create needs every required field; an update changes only the
 * fields present and keeps the rest. Bifrost's single {@code budget} object is accepted for {@code budgets}.
 * Unknown fields are refused, naming them.
 */
final class Drafts {

    private static final Set<String> CUSTOMER_FIELDS = Set.of("name", "budgets", "budget", "plan",
            "reset_budget_usage");
    private static final Set<String> TEAM_FIELDS = Set.of("name", "customer_id", "budgets", "budget",
            "plan", "reset_budget_usage");
    private static final Set<String> KEY_FIELDS = Set.of("name", "is_active", "expires_at", "team_id", "customer_id",
            "provider_configs", "budgets", "budget", "rate_limit", "fallbacks", "reset_budget_usage", "description",
            "end_user_budgets", "end_user_budget", "end_user_rate_limit");
    private static final Set<String> END_USER_FIELDS = Set.of("budgets", "budget", "rate_limit");

    private final Map<String, ProviderConfig> providers;

    Drafts(Map<String, ProviderConfig> providers) {
        this.providers = providers;
    }

    CustomerDraft customer(ObjectNode body, Optional<Customer> existing) {
        check(body, CUSTOMER_FIELDS);
        return new CustomerDraft(name(body, existing.map(Customer::name)),
                body.has("budgets") ? GovernanceSpecs.budgets(body) : existing.map(Customer::budgets)
                        .orElse(java.util.List.of()),
                body.has("plan") ? GovernanceSpecs.plan(body) : existing.flatMap(Customer::plan));
    }

    TeamDraft team(ObjectNode body, Optional<Team> existing) {
        check(body, TEAM_FIELDS);
        return new TeamDraft(name(body, existing.map(Team::name)),
                body.has("customer_id") ? optionalText(body, "customer_id") : existing.flatMap(Team::customerId),
                body.has("budgets") ? GovernanceSpecs.budgets(body) : existing.map(Team::budgets)
                        .orElse(java.util.List.of()),
                body.has("plan") ? GovernanceSpecs.plan(body) : existing.flatMap(Team::plan));
    }

    VirtualKeyDraft key(ObjectNode body, Optional<VirtualKey> existing) {
        check(body, KEY_FIELDS);
        boolean active = body.has("is_active") ? bool(body, "is_active") : existing.map(VirtualKey::active).orElse(true);
        return new VirtualKeyDraft(name(body, existing.map(VirtualKey::name)), active,
                body.has("expires_at") ? GovernanceSpecs.instant(body, "expires_at") : existing.flatMap(VirtualKey::expiresAt),
                body.has("team_id") ? optionalText(body, "team_id") : existing.flatMap(VirtualKey::teamId),
                body.has("customer_id") ? optionalText(body, "customer_id") : existing.flatMap(VirtualKey::customerId),
                body.has("provider_configs") ? GovernanceSpecs.providerConfigs(body, providers)
                        : existing.map(VirtualKey::providerConfigs).orElse(java.util.List.of()),
                body.has("budgets") ? GovernanceSpecs.budgets(body) : existing.map(VirtualKey::budgets)
                        .orElse(java.util.List.of()),
                body.has("rate_limit") ? GovernanceSpecs.rateLimit(body) : existing.flatMap(VirtualKey::rateLimit),
                body.has("fallbacks") ? GovernanceSpecs.fallbacks(body, providers)
                        : existing.map(VirtualKey::fallbacks).orElse(java.util.List.of()),
                new EndUserLimits(body.has("end_user_budgets") ? GovernanceSpecs.budgets(body, "end_user_budgets")
                        : existing.map(key -> key.endUsers().budgets()).orElse(java.util.List.of()),
                        body.has("end_user_rate_limit") ? GovernanceSpecs.rateLimit(body, "end_user_rate_limit")
                                : existing.flatMap(key -> key.endUsers().rateLimit())),
                existing.map(VirtualKey::endUserOverrides).orElse(Map.of()));
    }

    /** An end user's own limits ({@code {"budgets", "rate_limit"}}), replacing the key's for that end user. */
    static EndUserLimits endUser(ObjectNode body) {
        check(body, END_USER_FIELDS);
        return new EndUserLimits(GovernanceSpecs.budgets(body), GovernanceSpecs.rateLimit(body));
    }

    /** True when the body asks to reset the owner's budget usage. */
    static boolean resetUsage(ObjectNode body) {
        return body.path("reset_budget_usage").asBoolean(false);
    }

    private static void check(ObjectNode body, Set<String> allowed) {
        for (String prefix : new String[] {"", "end_user_"}) {
            if (body.has(prefix + "budget") && !body.has(prefix + "budgets")) {
                JsonNode single = body.remove(prefix + "budget");
                if (!single.isNull()) {
                    body.putArray(prefix + "budgets").add(single);
                }
            }
        }
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw GatewayException.invalid(name, "Unknown field '" + name + "'; allowed: "
                        + String.join(", ", allowed.stream().sorted().toList()) + ".");
            }
        }
    }

    private static String name(ObjectNode body, Optional<String> existing) {
        JsonNode name = body.get("name");
        if (name == null || name.isNull()) {
            return existing.orElseThrow(() -> GatewayException.invalid("name", "'name' is required."));
        }
        if (!name.isTextual()) {
            throw GatewayException.invalid("name", "'name' must be a string.");
        }
        return name.asText();
    }

    private static Optional<String> optionalText(ObjectNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull() || (value.isTextual() && value.asText().isEmpty())) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw GatewayException.invalid(field, "'" + field + "' must be a string or null.");
        }
        return Optional.of(value.asText());
    }

    private static boolean bool(ObjectNode body, String field) {
        JsonNode value = body.get(field);
        if (!value.isBoolean()) {
            throw GatewayException.invalid(field, "'" + field + "' must be true or false.");
        }
        return value.asBoolean();
    }
}
