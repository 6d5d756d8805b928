package io.tollgate.node.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.adapters.Json;
import io.tollgate.adapters.pricing.Money;
import io.tollgate.cluster.governance.Customer;
import io.tollgate.cluster.governance.Team;
import io.tollgate.cluster.governance.VirtualKey;
import io.tollgate.cluster.ledger.CounterKind;
import io.tollgate.cluster.ledger.CounterView;
import io.tollgate.config.BudgetSpec;
import io.tollgate.config.KeyProviderSpec;
import io.tollgate.config.PlanSpec;
import io.tollgate.config.RateLimitSpec;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Writes governance definitions and counters as the management API's JSON. Never writes a key's value or hash. */
final class GovernanceJson {

    private GovernanceJson() {
    }

    static ObjectNode customer(Customer customer) {
        ObjectNode out = Json.object();
        out.put("id", customer.id());
        out.put("name", customer.name());
        out.set("budgets", budgets(customer.budgets()));
        customer.plan().ifPresent(plan -> out.set("plan", plan(plan)));
        times(out, customer.createdAt(), customer.updatedAt());
        return out;
    }

    static ObjectNode team(Team team) {
        ObjectNode out = Json.object();
        out.put("id", team.id());
        out.put("name", team.name());
        optional(out, "customer_id", team.customerId());
        out.set("budgets", budgets(team.budgets()));
        team.plan().ifPresent(plan -> out.set("plan", plan(plan)));
        times(out, team.createdAt(), team.updatedAt());
        return out;
    }

    static ObjectNode plan(PlanSpec plan) {
        ObjectNode out = Json.object();
        out.put("monthly_fee", plan.monthlyFee());
        out.put("per_request", plan.perRequest());
        out.put("per_million_tokens", plan.perMillionTokens());
        out.put("included_requests", plan.includedRequests());
        out.put("included_tokens", plan.includedTokens());
        plan.marginAlertBelowPercent().ifPresent(p -> out.put("margin_alert_below_percent", p));
        return out;
    }

    static ObjectNode key(VirtualKey key) {
        ObjectNode out = Json.object();
        out.put("id", key.id());
        out.put("name", key.name());
        out.put("value_hint", key.valueHint());
        out.put("is_active", key.active());
        optional(out, "expires_at", key.expiresAt().map(Instant::toString));
        optional(out, "team_id", key.teamId());
        optional(out, "customer_id", key.customerId());
        ArrayNode configs = out.putArray("provider_configs");
        for (KeyProviderSpec spec : key.providerConfigs()) {
            ObjectNode config = configs.addObject();
            config.put("provider", spec.provider());
            config.put("weight", spec.weight());
            spec.allowedModels().forEach(config.putArray("allowed_models")::add);
            spec.blockedModels().forEach(config.putArray("blocked_models")::add);
            spec.keyIds().forEach(config.putArray("key_ids")::add);
            config.set("budgets", budgets(spec.budgets()));
            spec.rateLimit().ifPresent(limit -> config.set("rate_limit", rateLimit(limit)));
        }
        out.set("budgets", budgets(key.budgets()));
        key.rateLimit().ifPresent(limit -> out.set("rate_limit", rateLimit(limit)));
        key.fallbacks().forEach(out.putArray("fallbacks")::add);
        out.set("end_user_budgets", budgets(key.endUsers().budgets()));
        key.endUsers().rateLimit().ifPresent(limit -> out.set("end_user_rate_limit", rateLimit(limit)));
        ObjectNode overrides = out.putObject("end_user_overrides");
        key.endUserOverrides().forEach((user, limits) -> overrides.set(user, endUser(limits)));
        times(out, key.createdAt(), key.updatedAt());
        return out;
    }

    /** An end user's limits as the API shows them: {@code {"budgets", "rate_limit"}}. */
    static ObjectNode endUser(io.tollgate.cluster.governance.EndUserLimits limits) {
        ObjectNode out = Json.object();
        out.set("budgets", budgets(limits.budgets()));
        limits.rateLimit().ifPresent(limit -> out.set("rate_limit", rateLimit(limit)));
        return out;
    }

    static ArrayNode budgets(List<BudgetSpec> budgets) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (BudgetSpec budget : budgets) {
            ObjectNode node = out.addObject();
            node.put("max_limit", budget.maxLimitUsd());
            node.put("reset_duration", budget.resetDuration().toString());
            node.put("calendar_aligned", budget.calendarAligned());
            node.put("timezone", budget.timezone().getId());
            node.put("mode", budget.mode().name().toLowerCase(java.util.Locale.ROOT));
            node.put("on_low_budget", budget.onLowBudget().name().toLowerCase(java.util.Locale.ROOT));
        }
        return out;
    }

    static ObjectNode rateLimit(RateLimitSpec limit) {
        ObjectNode out = Json.object();
        out.put("request_max_limit", limit.requestMaxLimit());
        out.put("request_reset_duration", limit.requestResetDuration().toString());
        out.put("token_max_limit", limit.tokenMaxLimit());
        out.put("token_reset_duration", limit.tokenResetDuration().toString());
        return out;
    }

    /** A counter as the budgets and rate-limits listings show it. */
    static ObjectNode counter(CounterView counter, String ownerName, Instant now) {
        ObjectNode out = Json.object();
        out.put("id", counter.counterId());
        out.put("level", counter.level().apiName());
        out.put("owner_id", counter.ownerId());
        out.put("owner_name", ownerName);
        if (counter.kind() == CounterKind.BUDGET) {
            out.put("limit_usd", Money.ofNanos(counter.limit()).usd().stripTrailingZeros());
            out.put("usage_usd", Money.ofNanos(counter.used()).usd().stripTrailingZeros());
            out.put("reserved_usd", Money.ofNanos(counter.reserved()).usd().stripTrailingZeros());
            out.put("leased_usd", Money.ofNanos(counter.leased()).usd().stripTrailingZeros());
            out.put("remaining_usd", Money.ofNanos(counter.remaining()).usd().stripTrailingZeros());
            out.put("mode", counter.hard() ? "hard" : "soft");
        } else {
            out.put("kind", counter.kind() == CounterKind.REQUESTS ? "requests" : "tokens");
            out.put("limit", counter.limit());
            out.put("usage", counter.used());
            out.put("reserved", counter.reserved());
            out.put("leased", counter.leased());
            out.put("remaining", counter.remaining());
        }
        out.put("percent_used", counter.limit() == 0 ? 100.0
                : Math.round(10_000.0 * (counter.used() + counter.reserved()) / counter.limit()) / 100.0);
        optional(out, "resets_at", counter.resetsAt().map(Instant::toString));
        return out;
    }

    private static void times(ObjectNode out, Instant created, Instant updated) {
        out.put("created_at", created.toString());
        out.put("updated_at", updated.toString());
    }

    private static void optional(ObjectNode out, String field, Optional<String> value) {
        if (value.isPresent()) {
            out.put(field, value.get());
        } else {
            out.putNull(field);
        }
    }
}
