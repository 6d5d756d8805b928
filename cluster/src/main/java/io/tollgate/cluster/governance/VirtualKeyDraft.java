package io.tollgate.cluster.governance;

import io.tollgate.config.BudgetSpec;
import io.tollgate.config.Fallbacks;
import io.tollgate.config.KeyProviderSpec;
import io.tollgate.config.RateLimitSpec;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the management API sends to create a virtual key or replace its definition. The value is never part of
 * a draft: creating generates one, {@link GovernanceRegistry#rotate} replaces it.
 *
 * @param name unique among keys
 * @param active false blocks it
 * @param expiresAt when it stops working, if ever
 * @param teamId its team, if any (must exist)
 * @param customerId its customer, if any (must exist; never together with a team)
 * @param providerConfigs the providers it may use, one per configured provider; empty allows all
 * @param budgets at most one per reset duration
 * @param rateLimit its request and token limits, if any
 * @param fallbacks model addresses ({@code provider/model}, providers configured) tried in order when the requested
 *     model fails; at most {@link Fallbacks#MAX}, empty for none
 * @param endUsers the limits of each of its end users without an override
 * @param endUserOverrides the limits of named end users
 * @throws GovernanceException of kind INVALID naming the field
 */
public record VirtualKeyDraft(String name, boolean active, Optional<Instant> expiresAt, Optional<String> teamId,
                              Optional<String> customerId, List<KeyProviderSpec> providerConfigs,
                              List<BudgetSpec> budgets, Optional<RateLimitSpec> rateLimit, List<String> fallbacks,
                              EndUserLimits endUsers, Map<String, EndUserLimits> endUserOverrides) {

    public VirtualKeyDraft {
        DefinitionChecks.name(name);
        Objects.requireNonNull(expiresAt, "expiresAt");
        DefinitionChecks.owner(teamId, customerId);
        providerConfigs = DefinitionChecks.providerConfigs(providerConfigs);
        budgets = DefinitionChecks.budgets(budgets, "budgets");
        Objects.requireNonNull(rateLimit, "rateLimit");
        fallbacks = DefinitionChecks.fallbacks(fallbacks);
        Objects.requireNonNull(endUsers, "endUsers");
        endUserOverrides = DefinitionChecks.endUserOverrides(endUserOverrides);
    }

    /** This draft with these end-user overrides (seeds keep the overrides made through the API). */
    public VirtualKeyDraft withEndUserOverrides(Map<String, EndUserLimits> overrides) {
        return new VirtualKeyDraft(name, active, expiresAt, teamId, customerId, providerConfigs, budgets, rateLimit,
                fallbacks, endUsers, overrides);
    }

    /** A draft without end-user limits. */
    public VirtualKeyDraft(String name, boolean active, Optional<Instant> expiresAt, Optional<String> teamId,
                           Optional<String> customerId, List<KeyProviderSpec> providerConfigs,
                           List<BudgetSpec> budgets, Optional<RateLimitSpec> rateLimit, List<String> fallbacks) {
        this(name, active, expiresAt, teamId, customerId, providerConfigs, budgets, rateLimit, fallbacks,
                EndUserLimits.NONE, Map.of());
    }

    /** A draft without fallbacks. */
    public VirtualKeyDraft(String name, boolean active, Optional<Instant> expiresAt, Optional<String> teamId,
                           Optional<String> customerId, List<KeyProviderSpec> providerConfigs,
                           List<BudgetSpec> budgets, Optional<RateLimitSpec> rateLimit) {
        this(name, active, expiresAt, teamId, customerId, providerConfigs, budgets, rateLimit, List.of());
    }
}
