package io.tollgate.cluster.governance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.config.BudgetMode;
import io.tollgate.config.BudgetSpec;
import io.tollgate.config.KeyProviderSpec;
import io.tollgate.config.LowBudgetAction;
import io.tollgate.config.PlanSpec;
import io.tollgate.config.RateLimitSpec;
import io.tollgate.config.ResetDuration;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The stored form of definitions: one JSON object per definition with {@code "v"} (the format version) and
 * {@code "rev"} (its revision), snake_case fields, money as decimal strings (exact), instants as ISO-8601.
 * Version 2 adds a key's {@code "fallbacks"}, version 3 its {@code "end_users"} and {@code "end_user_overrides"};
 * older rows still read, as keys without them. A node that reads only an older version refuses newer rows loudly
 * instead of dropping what it does not know. Thread-safe.
 */
final class DefinitionJson {

    /** The version written. */
    static final int VERSION = 3;
    /** The oldest version still read. */
    static final int OLDEST_VERSION = 1;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private DefinitionJson() {
    }

    static String encode(Customer customer, long revision) {
        ObjectNode node = header(revision, customer.id(), customer.name());
        node.set("budgets", budgets(customer.budgets()));
        customer.plan().ifPresent(plan -> node.set("plan", plan(plan)));
        return footer(node, customer.createdAt(), customer.updatedAt());
    }

    static String encode(Team team, long revision) {
        ObjectNode node = header(revision, team.id(), team.name());
        team.customerId().ifPresent(id -> node.put("customer_id", id));
        node.set("budgets", budgets(team.budgets()));
        team.plan().ifPresent(plan -> node.set("plan", plan(plan)));
        return footer(node, team.createdAt(), team.updatedAt());
    }

    static String encode(VirtualKey key, long revision) {
        ObjectNode node = header(revision, key.id(), key.name());
        node.put("value_hash", key.valueHash()).put("value_hint", key.valueHint()).put("active", key.active());
        key.expiresAt().ifPresent(at -> node.put("expires_at", at.toString()));
        key.teamId().ifPresent(id -> node.put("team_id", id));
        key.customerId().ifPresent(id -> node.put("customer_id", id));
        ArrayNode configs = node.putArray("provider_configs");
        key.providerConfigs().forEach(config -> configs.add(providerConfig(config)));
        node.set("budgets", budgets(key.budgets()));
        key.rateLimit().ifPresent(limit -> node.set("rate_limit", rateLimit(limit)));
        key.fallbacks().forEach(node.putArray("fallbacks")::add);
        if (!key.endUsers().isEmpty()) {
            node.set("end_users", endUserLimits(key.endUsers()));
        }
        if (!key.endUserOverrides().isEmpty()) {
            ObjectNode overrides = node.putObject("end_user_overrides");
            key.endUserOverrides().forEach((user, limits) -> overrides.set(user, endUserLimits(limits)));
        }
        return footer(node, key.createdAt(), key.updatedAt());
    }

    static Stored<Customer> customer(String json) {
        JsonNode node = parse(json);
        return decoded(node, () -> new Customer(text(node, "id"), text(node, "name"), budgets(node.path("budgets")),
                plan(node.path("plan")), instant(node, "created_at"), instant(node, "updated_at")));
    }

    static Stored<Team> team(String json) {
        JsonNode node = parse(json);
        return decoded(node, () -> new Team(text(node, "id"), text(node, "name"), optional(node, "customer_id"),
                budgets(node.path("budgets")), plan(node.path("plan")), instant(node, "created_at"),
                instant(node, "updated_at")));
    }

    static Stored<VirtualKey> key(String json) {
        JsonNode node = parse(json);
        return decoded(node, () -> {
            List<KeyProviderSpec> configs = new ArrayList<>();
            node.path("provider_configs").forEach(config -> configs.add(providerConfig(config)));
            return new VirtualKey(text(node, "id"), text(node, "name"), text(node, "value_hash"),
                    text(node, "value_hint"), node.path("active").asBoolean(true),
                    optional(node, "expires_at").map(Instant::parse), optional(node, "team_id"),
                    optional(node, "customer_id"), configs, budgets(node.path("budgets")),
                    rateLimit(node.path("rate_limit")), strings(node.path("fallbacks")), instant(node, "created_at"),
                    instant(node, "updated_at"), endUserLimits(node.path("end_users")), overrides(node));
        });
    }

    private static ObjectNode endUserLimits(EndUserLimits limits) {
        ObjectNode node = MAPPER.createObjectNode();
        node.set("budgets", budgets(limits.budgets()));
        limits.rateLimit().ifPresent(limit -> node.set("rate_limit", rateLimit(limit)));
        return node;
    }

    private static EndUserLimits endUserLimits(JsonNode node) {
        if (!node.isObject()) {
            return EndUserLimits.NONE;
        }
        return new EndUserLimits(budgets(node.path("budgets")), rateLimit(node.path("rate_limit")));
    }

    private static java.util.Map<String, EndUserLimits> overrides(JsonNode node) {
        java.util.Map<String, EndUserLimits> overrides = new java.util.TreeMap<>();
        node.path("end_user_overrides").properties().forEach(entry ->
                overrides.put(entry.getKey(), endUserLimits(entry.getValue())));
        return overrides;
    }

    /**
     * Parses a stored form and checks its format version.
     *
     * @throws IllegalArgumentException when it is not JSON or carries another version
     */
    static JsonNode parse(String json) {
        JsonNode node;
        try {
            node = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("stored definition is not JSON: " + e.getOriginalMessage(), e);
        }
        int version = node.path("v").asInt(-1);
        if (version < OLDEST_VERSION || version > VERSION) {
            throw new IllegalArgumentException("stored definition has format version " + node.path("v")
                    + ", this version reads " + OLDEST_VERSION + " to " + VERSION);
        }
        return node;
    }

    private static <T> Stored<T> decoded(JsonNode node, Supplier<T> decode) {
        try {
            return new Stored<>(decode.get(), node.path("rev").asLong(1));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("stored definition " + node.path("id") + " is invalid: "
                    + e.getMessage(), e);
        }
    }

    private static ObjectNode header(long revision, String id, String name) {
        return MAPPER.createObjectNode().put("v", VERSION).put("rev", revision).put("id", id).put("name", name);
    }

    private static String footer(ObjectNode node, Instant createdAt, Instant updatedAt) {
        node.put("created_at", createdAt.toString()).put("updated_at", updatedAt.toString());
        return node.toString();
    }

    /** A plan's amounts as decimal strings (exact), absent fields read as zero; definitions written before plans existed have none. */
    private static ObjectNode plan(PlanSpec plan) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("monthly_fee", plan.monthlyFee().toPlainString());
        node.put("per_request", plan.perRequest().toPlainString());
        node.put("per_million_tokens", plan.perMillionTokens().toPlainString());
        node.put("included_requests", plan.includedRequests());
        node.put("included_tokens", plan.includedTokens());
        plan.marginAlertBelowPercent().ifPresent(p -> node.put("margin_alert_below_percent", p.toPlainString()));
        return node;
    }

    private static Optional<PlanSpec> plan(JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return Optional.empty();
        }
        return Optional.of(new PlanSpec(new BigDecimal(node.path("monthly_fee").asText("0")),
                new BigDecimal(node.path("per_request").asText("0")),
                new BigDecimal(node.path("per_million_tokens").asText("0")), node.path("included_requests").asLong(),
                node.path("included_tokens").asLong(), node.hasNonNull("margin_alert_below_percent")
                        ? Optional.of(new BigDecimal(node.get("margin_alert_below_percent").asText()))
                        : Optional.empty()));
    }

    private static ArrayNode budgets(List<BudgetSpec> budgets) {
        ArrayNode array = MAPPER.createArrayNode();
        for (BudgetSpec budget : budgets) {
            array.addObject()
                    .put("max_limit", budget.maxLimitUsd().toPlainString())
                    .put("reset_duration", budget.resetDuration().toString())
                    .put("calendar_aligned", budget.calendarAligned())
                    .put("timezone", budget.timezone().getId())
                    .put("mode", budget.mode().name().toLowerCase(Locale.ROOT))
                    .put("on_low_budget", budget.onLowBudget().name().toLowerCase(Locale.ROOT));
        }
        return array;
    }

    private static List<BudgetSpec> budgets(JsonNode array) {
        List<BudgetSpec> budgets = new ArrayList<>();
        for (JsonNode budget : array) {
            budgets.add(new BudgetSpec(new BigDecimal(text(budget, "max_limit")),
                    ResetDuration.parse(text(budget, "reset_duration")), budget.path("calendar_aligned").asBoolean(),
                    ZoneId.of(text(budget, "timezone")), BudgetMode.valueOf(upper(budget, "mode")),
                    LowBudgetAction.valueOf(upper(budget, "on_low_budget"))));
        }
        return budgets;
    }

    private static ObjectNode rateLimit(RateLimitSpec limit) {
        return MAPPER.createObjectNode()
                .put("request_max_limit", limit.requestMaxLimit())
                .put("request_reset_duration", limit.requestResetDuration().toString())
                .put("token_max_limit", limit.tokenMaxLimit())
                .put("token_reset_duration", limit.tokenResetDuration().toString());
    }

    private static Optional<RateLimitSpec> rateLimit(JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return Optional.empty();
        }
        return Optional.of(new RateLimitSpec(node.path("request_max_limit").asLong(),
                ResetDuration.parse(text(node, "request_reset_duration")), node.path("token_max_limit").asLong(),
                ResetDuration.parse(text(node, "token_reset_duration"))));
    }

    private static ObjectNode providerConfig(KeyProviderSpec config) {
        ObjectNode node = MAPPER.createObjectNode().put("provider", config.provider()).put("weight", config.weight());
        config.allowedModels().forEach(node.putArray("allowed_models")::add);
        config.blockedModels().forEach(node.putArray("blocked_models")::add);
        config.keyIds().forEach(node.putArray("key_ids")::add);
        node.set("budgets", budgets(config.budgets()));
        config.rateLimit().ifPresent(limit -> node.set("rate_limit", rateLimit(limit)));
        return node;
    }

    private static KeyProviderSpec providerConfig(JsonNode node) {
        return new KeyProviderSpec(text(node, "provider"), node.path("weight").asInt(1),
                strings(node.path("allowed_models")), strings(node.path("blocked_models")),
                strings(node.path("key_ids")), budgets(node.path("budgets")), rateLimit(node.path("rate_limit")));
    }

    private static List<String> strings(JsonNode array) {
        List<String> strings = new ArrayList<>();
        array.forEach(element -> strings.add(element.asText()));
        return strings;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException("field '" + field + "' is missing or not a string");
        }
        return value.asText();
    }

    private static Optional<String> optional(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value.asText());
    }

    private static Instant instant(JsonNode node, String field) {
        return Instant.parse(text(node, field));
    }

    private static String upper(JsonNode node, String field) {
        return text(node, field).toUpperCase(Locale.ROOT);
    }
}
