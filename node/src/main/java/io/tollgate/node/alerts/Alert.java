package io.tollgate.node.alerts;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.adapters.Json;
import io.tollgate.adapters.pricing.Money;
import io.tollgate.cluster.ledger.CounterView;
import java.time.Instant;
import java.util.Objects;

/**
 * One alert, with everything a person needs to act on it: for a budget, its level and owner, usage, limit, the
 * threshold crossed and when it resets; for a provider key, which key, why and since when.
 *
 * @param json Tollgate's JSON form (the generic webhook's body)
 * @param text one line for people (Slack's {@code text}, an e-mail's first line)
 * @param subject a short line naming what happened (an e-mail's subject)
 */
record Alert(ObjectNode json, String text, String subject) {

    private static final String SUBJECT_PREFIX = "Tollgate alert: ";

    Alert {
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(subject, "subject");
    }

    static Alert costSpike(java.math.BigDecimal recentPerHour, java.math.BigDecimal baselinePerHour,
                           io.tollgate.config.AlertsConfig.CostSpike config, Instant now) {
        ObjectNode json = Json.object();
        json.put("type", "cost_spike");
        json.put("window_minutes", config.windowMinutes());
        json.put("usd_per_hour", recentPerHour.stripTrailingZeros());
        json.put("baseline_usd_per_hour", baselinePerHour.stripTrailingZeros());
        json.put("multiple", config.multiple());
        json.put("time", now.toString());
        String rate = recentPerHour.stripTrailingZeros().toPlainString();
        return new Alert(json, "Tollgate: spend is running at $" + rate
                + "/h over the last " + config.windowMinutes() + " min, more than " + config.multiple().toPlainString()
                + "× the $" + baselinePerHour.stripTrailingZeros().toPlainString() + "/h of the "
                + config.baselineMinutes() + " min before.",
                SUBJECT_PREFIX + "spend spiked to $" + rate + "/h, over " + config.multiple().toPlainString()
                        + "× the usual");
    }

    static Alert deadKey(DeadKey key, Instant now) {
        ObjectNode json = Json.object();
        json.put("type", "provider_key_dead");
        json.put("provider", key.provider());
        json.put("key_name", key.keyName());
        json.put("reason", key.reason());
        json.put("since", key.since().toString());
        json.put("time", now.toString());
        return new Alert(json, "Tollgate: provider key '" + key.keyName() + "' of '" + key.provider()
                + "' is out of rotation as dead since " + key.since() + " (" + key.reason() + "); requests go to its "
                + "other keys. Replace or re-enable it.",
                SUBJECT_PREFIX + "provider key '" + key.keyName() + "' of '" + key.provider() + "' is dead");
    }

    static Alert budget(BudgetState budget, int threshold, Instant now) {
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
        String level = counter.level().apiName().replace('_', ' ');
        String text = "Tollgate: the " + level + " budget of '"
                + budget.ownerName() + "' reached " + threshold + "%: $" + used + " of $" + limit
                + counter.resetsAt().map(at -> ", resets " + at).orElse(", never resets") + ".";
        return new Alert(json, text, SUBJECT_PREFIX + level + " budget of '" + budget.ownerName() + "' at "
                + threshold + "%");
    }
}
