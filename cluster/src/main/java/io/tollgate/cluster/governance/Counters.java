package io.tollgate.cluster.governance;

import io.tollgate.cluster.ledger.BudgetCharge;
import io.tollgate.cluster.ledger.CounterKind;
import io.tollgate.cluster.ledger.Level;
import io.tollgate.cluster.ledger.WindowCharge;
import io.tollgate.config.BudgetSpec;
import io.tollgate.config.KeyProviderSpec;
import io.tollgate.config.RateLimitSpec;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The ledger counters each definition owns, with their stable ids: {@code cust:<id>:<duration>},
 * {@code team:<id>:<duration>}, {@code vk:<id>:<duration>}, {@code vk:<id>:p:<provider>:<duration>} for budgets,
 * {@code vk:<id>:requests|tokens} and {@code vk:<id>:p:<provider>:requests|tokens} for rate-limit windows. A
 * window exists only while its limit is above 0.
 */
final class Counters {

    private Counters() {
    }

    /** The account a key's counters live on: its customer (directly or via its team), else its team, else itself. */
    static String accountOf(VirtualKey key, Optional<Team> team) {
        if (key.customerId().isPresent()) {
            return key.customerId().get();
        }
        if (key.teamId().isPresent()) {
            return team.map(Team::accountId).orElse(key.teamId().get());
        }
        return key.id();
    }

    static List<BudgetCharge> budgets(Customer customer) {
        return charges("cust:" + customer.id(), Level.CUSTOMER, customer.id(), customer.budgets());
    }

    static List<BudgetCharge> budgets(Team team) {
        return charges("team:" + team.id(), Level.TEAM, team.id(), team.budgets());
    }

    static List<BudgetCharge> budgets(VirtualKey key) {
        return charges(keyPrefix(key), Level.VIRTUAL_KEY, key.id(), key.budgets());
    }

    static List<BudgetCharge> budgets(VirtualKey key, KeyProviderSpec config) {
        return charges(providerPrefix(key, config), Level.PROVIDER_CONFIG, providerOwner(key, config),
                config.budgets());
    }

    static List<WindowCharge> windows(VirtualKey key) {
        return windows(keyPrefix(key), Level.VIRTUAL_KEY, key.id(), key.rateLimit());
    }

    static List<WindowCharge> windows(VirtualKey key, KeyProviderSpec config) {
        return windows(providerPrefix(key, config), Level.PROVIDER_CONFIG, providerOwner(key, config),
                config.rateLimit());
    }

    /** The budgets of one end user of the key (its override, else the key's end-user limits). */
    static List<BudgetCharge> budgets(VirtualKey key, String endUser) {
        return charges(endUserPrefix(key, endUser), Level.END_USER, key.id() + "/" + endUser,
                key.limitsOf(endUser).budgets());
    }

    /** The rate-limit windows of one end user of the key. */
    static List<WindowCharge> windows(VirtualKey key, String endUser) {
        return windows(endUserPrefix(key, endUser), Level.END_USER, key.id() + "/" + endUser,
                key.limitsOf(endUser).rateLimit());
    }

    /** The counters of one end user of the key. */
    static Set<String> ids(VirtualKey key, String endUser) {
        return ids(budgets(key, endUser), windows(key, endUser));
    }

    private static String endUserPrefix(VirtualKey key, String endUser) {
        return "vk:" + key.id() + ":eu:" + endUser;
    }

    static Set<String> ids(Customer customer) {
        return ids(budgets(customer), List.of());
    }

    static Set<String> ids(Team team) {
        return ids(budgets(team), List.of());
    }

    /** Every counter of the key: its own budgets and windows and those of each provider config. */
    static Set<String> ids(VirtualKey key) {
        Set<String> ids = ids(budgets(key), windows(key));
        for (KeyProviderSpec config : key.providerConfigs()) {
            ids.addAll(ids(config, key));
        }
        return ids;
    }

    /** The counters of one provider config of the key. */
    static Set<String> ids(KeyProviderSpec config, VirtualKey key) {
        return ids(budgets(key, config), windows(key, config));
    }

    /** The owner id of a provider config: {@code keyId/provider}. */
    static String providerOwner(VirtualKey key, KeyProviderSpec config) {
        return key.id() + "/" + config.provider();
    }

    private static String keyPrefix(VirtualKey key) {
        return "vk:" + key.id();
    }

    private static String providerPrefix(VirtualKey key, KeyProviderSpec config) {
        return "vk:" + key.id() + ":p:" + config.provider();
    }

    private static List<BudgetCharge> charges(String prefix, Level level, String owner, List<BudgetSpec> budgets) {
        List<BudgetCharge> charges = new ArrayList<>(budgets.size());
        for (BudgetSpec budget : budgets) {
            charges.add(new BudgetCharge(prefix + ":" + budget.resetDuration(), level, owner, budget));
        }
        return charges;
    }

    private static List<WindowCharge> windows(String prefix, Level level, String owner, Optional<RateLimitSpec> limit) {
        if (limit.isEmpty()) {
            return List.of();
        }
        RateLimitSpec spec = limit.get();
        List<WindowCharge> windows = new ArrayList<>(2);
        if (spec.requestMaxLimit() > 0) {
            windows.add(new WindowCharge(prefix + ":requests", CounterKind.REQUESTS, level, owner,
                    spec.requestMaxLimit(), spec.requestResetDuration()));
        }
        if (spec.tokenMaxLimit() > 0) {
            windows.add(new WindowCharge(prefix + ":tokens", CounterKind.TOKENS, level, owner, spec.tokenMaxLimit(),
                    spec.tokenResetDuration()));
        }
        return windows;
    }

    private static Set<String> ids(List<BudgetCharge> budgets, List<WindowCharge> windows) {
        Set<String> ids = new LinkedHashSet<>();
        budgets.forEach(charge -> ids.add(charge.counterId()));
        windows.forEach(window -> ids.add(window.counterId()));
        return ids;
    }
}
