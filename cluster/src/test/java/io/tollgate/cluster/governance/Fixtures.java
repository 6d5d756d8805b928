package io.tollgate.cluster.governance;

import io.tollgate.config.BudgetSpec;
import io.tollgate.config.KeyProviderSpec;
import io.tollgate.config.RateLimitSpec;
import io.tollgate.config.ResetDuration;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Small builders for definitions in tests. */
final class Fixtures {

    static final Instant T0 = Instant.parse("2026-01-05T10:00:00Z");
    static final String HASH = "a".repeat(64);

    private Fixtures() {
    }

    static BudgetSpec budget(String usd, String duration) {
        return BudgetSpec.of(new BigDecimal(usd), ResetDuration.parse(duration));
    }

    static RateLimitSpec limit(long requests, String requestWindow, long tokens, String tokenWindow) {
        return new RateLimitSpec(requests, ResetDuration.parse(requestWindow), tokens,
                ResetDuration.parse(tokenWindow));
    }

    static KeyProviderSpec provider(String name, List<BudgetSpec> budgets, Optional<RateLimitSpec> limit) {
        return new KeyProviderSpec(name, 1, List.of(), List.of(), List.of(), budgets, limit);
    }

    static KeyProviderSpec provider(String name) {
        return provider(name, List.of(), Optional.empty());
    }

    static VirtualKeyDraft keyDraft(String name) {
        return new VirtualKeyDraft(name, true, Optional.empty(), Optional.empty(), Optional.empty(), List.of(),
                List.of(), Optional.empty());
    }

    static VirtualKeyDraft keyDraft(String name, Optional<String> teamId, Optional<String> customerId) {
        return new VirtualKeyDraft(name, true, Optional.empty(), teamId, customerId, List.of(), List.of(),
                Optional.empty());
    }

    static VirtualKey key(String id, Optional<String> teamId, Optional<String> customerId,
                          List<KeyProviderSpec> configs, List<BudgetSpec> budgets, Optional<RateLimitSpec> limit) {
        return new VirtualKey(id, "key " + id, HASH, "tg-\u2026aaaa", true, Optional.empty(), teamId, customerId,
                configs, budgets, limit, T0, T0);
    }

    static Team team(String id, Optional<String> customerId, List<BudgetSpec> budgets) {
        return new Team(id, "team " + id, customerId, budgets, T0, T0);
    }

    static Customer customer(String id, List<BudgetSpec> budgets) {
        return new Customer(id, "customer " + id, budgets, T0, T0);
    }
}
