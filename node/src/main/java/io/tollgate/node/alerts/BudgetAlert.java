package io.tollgate.node.alerts;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.adapters.Json;
import io.tollgate.adapters.pricing.Money;
import io.tollgate.cluster.ledger.CounterView;
import java.time.Instant;
import java.util.Objects;

/**
 * One budget alert, with everything a person needs to act on it: the budget, its level and owner, usage, limit,
 * the threshold crossed and when the budget resets.
 *
 * @param json Tollgate's JSON form (the generic webhook's body)
 * @param text one line for people (Slack's {@code text})
 */
record BudgetAlert(ObjectNode json, String text) {

    BudgetAlert {
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(text, "text");
    }

    static BudgetAlert of(BudgetState budget, int threshold, Instant now) {
        CounterView counter = budget.counter();
        String used = Money.ofNanos(counter.used()).usd().stripTrailingZeros().toPlainString();
        String limit = Money.ofNanos(counter.limit()).usd().stripTrailingZeros().toPlainString();
        ObjectNode json = Json.object();
        json.put("type", "budget_threshold");
        json.put("threshold_percent", threshold);
        json.put("budget_id", counter.counterId());
        json.put("level", counter.level().apiName());
        json.put("owner_id", counter.ownerId());
        json.put("owner_name", budget.ownerName());
        json.put("usage_usd", Money.ofNanos(counter.used()).usd().stripTrailingZeros());
        json.put("limit_usd", Money.ofNanos(counter.limit()).usd().stripTrailingZeros());
        json.put("hard", counter.hard());
        counter.resetsAt().ifPresentOrElse(at -> json.put("resets_at", at.toString()), () -> json.putNull("resets_at"));
        json.put("time", now.toString());
        String text = "Tollgate: the " + counter.level().apiName().replace('_', ' ') + " budget of '"
                + budget.ownerName() + "' reached " + threshold + "%: $" + used + " of $" + limit
                + counter.resetsAt().map(at -> ", resets " + at).orElse(", never resets") + ".";
        return new BudgetAlert(json, text);
    }
}
