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
 * A virtual key as stored: its value only as a SHA-256 hash and a hint; it belongs to a team, a customer, or
 * neither.
 *
 * @param id {@code vk_} and 16 random characters
 * @param name unique among keys
 * @param valueHash SHA-256 of the value, 64 lowercase hex digits
 * @param valueHint {@code tg-…} and the value's last 4 characters, to recognise a key without revealing it
 * @param active false blocks it
 * @param expiresAt when it stops working, if ever
 * @param teamId its team, if any
 * @param customerId its customer, if any (never together with a team)
 * @param providerConfigs the providers it may use, one per provider; empty allows every provider and model
 * @param budgets at most one per reset duration
 * @param rateLimit its request and token limits, if any
 * @param fallbacks model addresses ({@code provider/model}) the pipeline tries in order when the requested model
 *     fails and the request names no fallbacks of its own; at most {@link Fallbacks#MAX}, empty for none
 * @param createdAt when it was created
 * @param updatedAt when it last changed (a rotation is a change)
 * @param endUsers the limits of each of its end users (the default for end users without an override)
 * @param endUserOverrides the limits of named end users, instead of {@code endUsers}; at most
 *     {@link #MAX_END_USER_OVERRIDES}
 * @throws GovernanceException of kind INVALID naming the field
 */
public record VirtualKey(String id, String name, String valueHash, String valueHint, boolean active,
                         Optional<Instant> expiresAt, Optional<String> teamId, Optional<String> customerId,
                         List<KeyProviderSpec> providerConfigs, List<BudgetSpec> budgets,
                         Optional<RateLimitSpec> rateLimit, List<String> fallbacks, Instant createdAt,
                         Instant updatedAt, EndUserLimits endUsers, Map<String, EndUserLimits> endUserOverrides) {

    /** The most end users one key may have overrides for. */
    public static final int MAX_END_USER_OVERRIDES = 1_000;

    public VirtualKey {
        DefinitionChecks.id(id, KeyValues.KEY_PREFIX);
        DefinitionChecks.name(name);
        DefinitionChecks.valueHash(valueHash);
        Objects.requireNonNull(valueHint, "valueHint");
        Objects.requireNonNull(expiresAt, "expiresAt");
        DefinitionChecks.owner(teamId, customerId);
        providerConfigs = DefinitionChecks.providerConfigs(providerConfigs);
        budgets = DefinitionChecks.budgets(budgets, "budgets");
        Objects.requireNonNull(rateLimit, "rateLimit");
        fallbacks = DefinitionChecks.fallbacks(fallbacks);
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        Objects.requireNonNull(endUsers, "endUsers");
        endUserOverrides = DefinitionChecks.endUserOverrides(endUserOverrides);
    }

    /** A key without end-user limits. */
    public VirtualKey(String id, String name, String valueHash, String valueHint, boolean active,
                      Optional<Instant> expiresAt, Optional<String> teamId, Optional<String> customerId,
                      List<KeyProviderSpec> providerConfigs, List<BudgetSpec> budgets,
                      Optional<RateLimitSpec> rateLimit, List<String> fallbacks, Instant createdAt,
                      Instant updatedAt) {
        this(id, name, valueHash, valueHint, active, expiresAt, teamId, customerId, providerConfigs, budgets,
                rateLimit, fallbacks, createdAt, updatedAt, EndUserLimits.NONE, Map.of());
    }

    /** A key without fallbacks. */
    public VirtualKey(String id, String name, String valueHash, String valueHint, boolean active,
                      Optional<Instant> expiresAt, Optional<String> teamId, Optional<String> customerId,
                      List<KeyProviderSpec> providerConfigs, List<BudgetSpec> budgets,
                      Optional<RateLimitSpec> rateLimit, Instant createdAt, Instant updatedAt) {
        this(id, name, valueHash, valueHint, active, expiresAt, teamId, customerId, providerConfigs, budgets,
                rateLimit, List.of(), createdAt, updatedAt);
    }

    /** True when the key is active and not expired at {@code now}; the authentication stage asks this. */
    public boolean usableAt(Instant now) {
        return active && expiresAt.map(now::isBefore).orElse(true);
    }

    /** Its provider config for {@code provider}, if it lists one. */
    public Optional<KeyProviderSpec> providerConfig(String provider) {
        for (KeyProviderSpec config : providerConfigs) {
            if (config.provider().equals(provider)) {
                return Optional.of(config);
            }
        }
        return Optional.empty();
    }

    /** The draft that would produce this key's current definition (the value is not part of it). */
    public VirtualKeyDraft toDraft() {
        return new VirtualKeyDraft(name, active, expiresAt, teamId, customerId, providerConfigs, budgets, rateLimit,
                fallbacks, endUsers, endUserOverrides);
    }

    /** The limits the end user is held to: its override, else the key's end-user limits. */
    public EndUserLimits limitsOf(String endUser) {
        return endUserOverrides.getOrDefault(endUser, endUsers);
    }
}
