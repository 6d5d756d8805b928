package io.tollgate.cluster.governance;

import io.tollgate.cluster.ledger.BudgetCharge;
import io.tollgate.cluster.ledger.WindowCharge;
import io.tollgate.config.KeyProviderSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything governance checks for a request of one key on one provider, ready for
 * {@link io.tollgate.cluster.ledger.AdmissionRequest}: the account, the budgets from the innermost level out
 * (provider config, key, team, customer), the rate-limit windows (key, provider config), and the model rules.
 * Immutable; the registry caches one per key and provider until a definition changes.
 *
 * @param accountId the hierarchy's root holding every counter below: the customer (directly or via the team),
 *     else the team, else the key
 * @param keyId the key
 * @param provider the provider asked for
 * @param providerConfig the key's config for this provider, if it lists one
 * @param providerAllowed false when the key lists provider configs and this provider is not among them
 * @param models which models the provider config allows ({@link ModelRules#NONE} when the provider is not
 *     allowed, {@link ModelRules#ALL} when the key lists no provider configs)
 * @param budgets provider-config, key, team and customer budgets, in that order
 * @param windows the key's windows, then the provider config's
 */
public record Path(String accountId, String keyId, String provider, Optional<KeyProviderSpec> providerConfig,
                   boolean providerAllowed, ModelRules models, List<BudgetCharge> budgets,
                   List<WindowCharge> windows) {

    public Path {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(providerConfig, "providerConfig");
        Objects.requireNonNull(models, "models");
        budgets = List.copyOf(budgets);
        windows = List.copyOf(windows);
    }

    /**
     * This path with the budgets and rate-limit windows of one end user of its key appended (same account, so one
     * admission checks them with the rest); this path itself when the end user has no limits.
     */
    public Path withEndUser(VirtualKey key, String endUser) {
        if (!key.id().equals(keyId)) {
            throw new IllegalArgumentException("key " + key.id() + " is not this path's key " + keyId);
        }
        List<BudgetCharge> userBudgets = Counters.budgets(key, endUser);
        List<WindowCharge> userWindows = Counters.windows(key, endUser);
        if (userBudgets.isEmpty() && userWindows.isEmpty()) {
            return this;
        }
        List<BudgetCharge> allBudgets = new ArrayList<>(userBudgets);
        allBudgets.addAll(budgets);
        List<WindowCharge> allWindows = new ArrayList<>(windows);
        allWindows.addAll(userWindows);
        return new Path(accountId, keyId, provider, providerConfig, providerAllowed, models, allBudgets, allWindows);
    }

    /** True when the key may use this provider for {@code model}. */
    public boolean allows(String model) {
        return providerAllowed && models.allows(model);
    }

    /**
     * Computes the path; {@code team} and {@code customer} are the key's team and the customer at the root, when
     * known (a missing one contributes no budgets).
     */
    static Path compute(VirtualKey key, String provider, Optional<Team> team, Optional<Customer> customer) {
        Optional<KeyProviderSpec> config = key.providerConfig(provider);
        boolean allowed = key.providerConfigs().isEmpty() || config.isPresent();
        List<BudgetCharge> budgets = new ArrayList<>();
        List<WindowCharge> windows = new ArrayList<>(Counters.windows(key));
        config.ifPresent(spec -> {
            budgets.addAll(Counters.budgets(key, spec));
            windows.addAll(Counters.windows(key, spec));
        });
        budgets.addAll(Counters.budgets(key));
        team.ifPresent(found -> budgets.addAll(Counters.budgets(found)));
        customer.ifPresent(found -> budgets.addAll(Counters.budgets(found)));
        ModelRules models = config.map(ModelRules::of).orElse(allowed ? ModelRules.ALL : ModelRules.NONE);
        return new Path(Counters.accountOf(key, team), key.id(), provider, config, allowed, models, budgets, windows);
    }
}
