package io.tollgate.node.pipeline;

import io.tollgate.cluster.governance.ModelRules;
import io.tollgate.cluster.governance.Path;
import io.tollgate.cluster.ledger.BudgetCharge;
import io.tollgate.cluster.ledger.Level;
import io.tollgate.config.BudgetSpec;
import io.tollgate.config.TagsConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The budgets attached to tag values ({@code governance.tags.budgets}). Each tag value's budgets live on an account
 * of their own ({@code tag:<name>=<value>}), since the keys whose requests carry the value may sit under any
 * customer; a request carrying it is admitted on that account after its key's, with a ledger id of its own
 * ({@link #ledgerId}), and settled there too.
 */
public final class TagBudgets {

    private final Map<String, List<BudgetCharge>> byOwner;

    private TagBudgets(Map<String, List<BudgetCharge>> byOwner) {
        this.byOwner = byOwner;
    }

    /** The budgets of this configuration. */
    public static TagBudgets of(TagsConfig config) {
        Map<String, List<BudgetCharge>> byOwner = new HashMap<>();
        for (TagsConfig.TagBudget budget : config.budgets()) {
            List<BudgetCharge> charges = new ArrayList<>();
            for (BudgetSpec spec : budget.budgets()) {
                charges.add(new BudgetCharge("tag:" + budget.owner() + ":" + spec.resetDuration(), Level.TAG,
                        budget.owner(), spec));
            }
            byOwner.put(budget.owner(), List.copyOf(charges));
        }
        return new TagBudgets(Map.copyOf(byOwner));
    }

    /** True when no tag value has a budget. */
    public boolean isEmpty() {
        return byOwner.isEmpty();
    }

    /**
     * The paths of the request's tag values that have budgets, in tag-name order: each on its own account, with
     * the key and provider of {@code keyPath} (for messages).
     */
    List<Path> paths(Map<String, String> tags, Path keyPath) {
        if (byOwner.isEmpty() || tags.isEmpty()) {
            return List.of();
        }
        List<Path> paths = new ArrayList<>(1);
        tags.forEach((name, value) -> Optional.ofNullable(byOwner.get(name + "=" + value)).ifPresent(charges ->
                paths.add(new Path(account(name + "=" + value), keyPath.keyId(), keyPath.provider(),
                        Optional.empty(), true, ModelRules.ALL, charges, List.of()))));
        return paths;
    }

    /** Every tag value with budgets, as owner id ({@code name=value}) to its charges. */
    public Map<String, List<BudgetCharge>> all() {
        return byOwner;
    }

    /** The account holding a tag value's counters. */
    public static String account(String owner) {
        return "tag:" + owner;
    }

    /** The ledger id of a request's admission on a tag account: its own, so it never meets the key's. */
    static String ledgerId(String requestLedgerId, Path tagPath) {
        return requestLedgerId + "#" + tagPath.accountId();
    }
}
