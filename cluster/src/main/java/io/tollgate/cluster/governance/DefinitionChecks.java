package io.tollgate.cluster.governance;

import io.tollgate.config.BudgetSpec;
import io.tollgate.config.Fallbacks;
import io.tollgate.config.KeyProviderSpec;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** The checks the definition records and drafts share; each failure names the input field. */
final class DefinitionChecks {

    /** Names are claimed cluster-wide as map keys; keep them short enough to show and store. */
    static final int MAX_NAME_LENGTH = 200;

    private DefinitionChecks() {
    }

    static void id(String id, String prefix) {
        Objects.requireNonNull(id, "id");
        if (!id.startsWith(prefix) || id.length() == prefix.length()) {
            throw GovernanceException.invalid("id", "must start with '" + prefix + "', was '" + id + "'");
        }
    }

    static void name(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw GovernanceException.invalid("name", "must not be blank");
        }
        if (!name.equals(name.strip())) {
            throw GovernanceException.invalid("name", "must not start or end with spaces, was '" + name + "'");
        }
        if (name.length() > MAX_NAME_LENGTH) {
            throw GovernanceException.invalid("name", "must be at most " + MAX_NAME_LENGTH + " characters, was "
                    + name.length());
        }
    }

    static void reference(Optional<String> id, String field) {
        Objects.requireNonNull(id, field);
        if (id.isPresent() && id.get().isBlank()) {
            throw GovernanceException.invalid(field, "must not be blank when given");
        }
    }

    static void owner(Optional<String> teamId, Optional<String> customerId) {
        reference(teamId, "team_id");
        reference(customerId, "customer_id");
        if (teamId.isPresent() && customerId.isPresent()) {
            throw GovernanceException.invalid("customer_id", "a virtual key belongs to a team or a customer, not both"
                    + " (team_id '" + teamId.get() + "', customer_id '" + customerId.get() + "')");
        }
    }

    /** A copy of the budgets, at most one per reset duration (the duration names the budget's counter). */
    /** A copy of the overrides, each end user's id usable (see {@link io.tollgate.config.TagsConfig#valueProblem}). */
    static java.util.Map<String, EndUserLimits> endUserOverrides(java.util.Map<String, EndUserLimits> overrides) {
        if (overrides.size() > VirtualKey.MAX_END_USER_OVERRIDES) {
            throw GovernanceException.invalid("end_user_overrides", "at most " + VirtualKey.MAX_END_USER_OVERRIDES
                    + " end users may have overrides; this key would have " + overrides.size());
        }
        overrides.keySet().forEach(user -> io.tollgate.config.TagsConfig.valueProblem(user).ifPresent(problem -> {
            throw GovernanceException.invalid("end_user", "the end user's id " + problem);
        }));
        return java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(overrides));
    }

    static List<BudgetSpec> budgets(List<BudgetSpec> budgets, String field) {
        List<BudgetSpec> copy = List.copyOf(budgets);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < copy.size(); i++) {
            String duration = copy.get(i).resetDuration().toString();
            if (!seen.add(duration)) {
                throw GovernanceException.invalid(field + "[" + i + "].reset_duration",
                        "one budget per reset_duration; " + duration + " appears twice");
            }
        }
        return copy;
    }

    /** A copy of the provider configs: one per provider, with model patterns that compile. */
    static List<KeyProviderSpec> providerConfigs(List<KeyProviderSpec> configs) {
        List<KeyProviderSpec> copy = List.copyOf(configs);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < copy.size(); i++) {
            KeyProviderSpec config = copy.get(i);
            String field = "provider_configs[" + i + "]";
            if (!seen.add(config.provider())) {
                throw GovernanceException.invalid(field + ".provider",
                        "one provider config per provider; '" + config.provider() + "' appears twice");
            }
            ModelRules.check(config.allowedModels(), field + ".allowed_models");
            ModelRules.check(config.blockedModels(), field + ".blocked_models");
        }
        return copy;
    }

    /** A copy of the fallbacks: at most {@link Fallbacks#MAX} distinct {@code provider/model} addresses. */
    static List<String> fallbacks(List<String> fallbacks) {
        return Fallbacks.check(fallbacks, GovernanceException::invalid);
    }

    static void valueHash(String hash) {
        Objects.requireNonNull(hash, "valueHash");
        boolean hex = hash.chars().allMatch(c -> HexFormat.isHexDigit(c) && !Character.isUpperCase(c));
        if (hash.length() != 64 || !hex) {
            throw GovernanceException.invalid("value_hash", "must be 64 lowercase hex digits (SHA-256)");
        }
    }
}
