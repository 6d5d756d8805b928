package io.tollgate.node.alerts;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.adapters.Json;
import io.tollgate.adapters.pricing.Money;
import io.tollgate.cluster.ledger.CounterView;
import io.tollgate.config.AlertSeverity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One alert, with everything a person needs to act on it: for a budget, its level and owner, usage, limit, the
 * threshold crossed and when it resets; for a provider key, which key, why and since when.
 *
 * <p>Severities: a budget threshold of 100% or more is critical, 90% or more an error, 80% or more a warning, below
 * that info; a provider key out of rotation is an error; a cost spike and a margin below its threshold are warnings.
 *
 * @param key the alert's identity, the same on every node and after a restart (its grid claim's key, PagerDuty's
 *     dedup key): a budget, its period and the threshold; a key and when it was marked; a spike's window; a margin's
 *     owner and month
 * @param severity how urgent it is
 * @param about what it is about, in a few words (PagerDuty's {@code component})
 * @param owners the owner it is about and the owners above it, nearest first; empty for an alert about no owner
 * @param time when it was noticed
 * @param json Tollgate's JSON form (the generic webhook's body, PagerDuty's {@code custom_details})
 * @param text one line for people (Slack's {@code text}, an e-mail's first line)
 * @param subject a short line naming what happened (an e-mail's subject, a Teams card's title)
 */
record Alert(String key, AlertSeverity severity, String about, List<AlertOwner> owners, Instant time, ObjectNode json,
             String text, String subject) {

    private static final String SUBJECT_PREFIX = "Tollgate alert: ";

    Alert {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(about, "about");
        owners = List.copyOf(owners);
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(subject, "subject");
    }

    /** The alert with its severity and owner chain added to the JSON (after {@code type}). */
    static Alert of(String key, AlertSeverity severity, String about, List<AlertOwner> owners, Instant time,
                    ObjectNode fields, String text, String subject) {
        ObjectNode json = Json.object();
        json.set("type", fields.get("type"));
        json.put("severity", severity.apiName());
        fields.properties().forEach(field -> json.set(field.getKey(), field.getValue()));
        if (!owners.isEmpty()) {
            ArrayNode chain = json.putArray("owners");
            owners.forEach(owner -> chain.addObject().put("level", owner.level().apiName()).put("id", owner.id())
                    .put("name", owner.name()));
        }
        return new Alert(key, severity, about, owners, time, json, text, subject);
    }

    /** A budget threshold's severity: 100% and above critical, 90% error, 80% warning, below info. */
    static AlertSeverity budgetSeverity(int threshold) {
        if (threshold >= 100) {
            return AlertSeverity.CRITICAL;
        }
        if (threshold >= 90) {
            return AlertSeverity.ERROR;
        }
        return threshold >= 80 ? AlertSeverity.WARNING : AlertSeverity.INFO;
    }

    static Alert costSpike(String key, java.math.BigDecimal recentPerHour, java.math.BigDecimal baselinePerHour,
                           io.tollgate.config.AlertsConfig.CostSpike config, Instant now) {
        ObjectNode json = Json.object();
        json.put("type", "cost_spike");
        json.put("window_minutes", config.windowMinutes());
        json.put("usd_per_hour", recentPerHour.stripTrailingZeros());
        json.put("baseline_usd_per_hour", baselinePerHour.stripTrailingZeros());
        json.put("multiple", config.multiple());
        json.put("time", now.toString());
        String rate = recentPerHour.stripTrailingZeros().toPlainString();
        return of(key, AlertSeverity.WARNING, "cluster spend", List.of(), now, json,
                "Tollgate: spend is running at $" + rate + "/h over the last " + config.windowMinutes()
                        + " min, more than " + config.multiple().toPlainString() + "× the $"
                        + baselinePerHour.stripTrailingZeros().toPlainString() + "/h of the "
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
        return of("key-dead:" + key.provider() + "/" + key.keyName() + ":" + key.since(), AlertSeverity.ERROR,
                "provider key " + key.provider() + "/" + key.keyName(), List.of(), now, json,
                "Tollgate: provider key '" + key.keyName() + "' of '" + key.provider()
                        + "' is out of rotation as dead since " + key.since() + " (" + key.reason()
                        + "); requests go to its other keys. Replace or re-enable it.",
                SUBJECT_PREFIX + "provider key '" + key.keyName() + "' of '" + key.provider() + "' is dead");
    }

    /** A budget at {@code threshold}; {@code parents} are the owners above the budget's owner, nearest first. */
    static Alert budget(BudgetState budget, int threshold, List<AlertOwner> parents, Instant now) {
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
        AlertOwner owner = new AlertOwner(counter.level(), counter.ownerId(), budget.ownerName());
        List<AlertOwner> owners = new ArrayList<>(parents.size() + 1);
        owners.add(owner);
        owners.addAll(parents);
        String level = counter.level().apiName().replace('_', ' ');
        String text = "Tollgate: the " + level + " budget of '"
                + budget.ownerName() + "' reached " + threshold + "%: $" + used + " of $" + limit
                + counter.resetsAt().map(at -> ", resets " + at).orElse(", never resets") + ".";
        return of(BudgetAlerts.key(counter, threshold), budgetSeverity(threshold), "budget of " + owner.label(),
                owners, now, json, text, SUBJECT_PREFIX + level + " budget of '" + budget.ownerName() + "' at "
                        + threshold + "%");
    }
}
