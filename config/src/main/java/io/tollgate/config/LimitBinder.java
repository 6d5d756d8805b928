package io.tollgate.config;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Binds the limits every governed owner can carry: a {@code budgets} list and a {@code rate_limit} map, the same
 * under customers, teams, virtual keys and a key's provider configs.
 */
final class LimitBinder {

    /** Keys allowed in one element of {@code budgets}. */
    static final Set<String> BUDGET_KEYS =
            Set.of("max_limit", "reset_duration", "calendar_aligned", "timezone", "mode", "on_low_budget");
    /** Keys allowed under {@code rate_limit}. */
    static final Set<String> RATE_LIMIT_KEYS = Set.of("request_max_limit", "request_reset_duration",
            "token_max_limit", "token_reset_duration");

    private LimitBinder() {
    }

    /** The owner's {@code budgets} list; absent or empty gives no budgets. */
    static List<BudgetSpec> budgets(ConfigNode owner) {
        return budgets(owner, "budgets");
    }

    /** The budgets in the owner's {@code field} (for example {@code end_user_budgets}). */
    static List<BudgetSpec> budgets(ConfigNode owner, String field) {
        return owner.field(field).map(ConfigNode::list).orElse(List.of()).stream()
                .map(LimitBinder::budget)
                .toList();
    }

    /**
     * The owner's {@code rate_limit}; empty when it is absent or sets neither limit (a limit of 0 is no limit). A
     * window is required for each limit that is set.
     */
    static Optional<RateLimitSpec> rateLimit(ConfigNode owner) {
        return rateLimit(owner, "rate_limit");
    }

    /** The rate limit in the owner's {@code name} (for example {@code end_user_rate_limit}). */
    static Optional<RateLimitSpec> rateLimit(ConfigNode owner, String name) {
        Optional<ConfigNode> field = owner.field(name);
        if (field.isEmpty()) {
            return Optional.empty();
        }
        ConfigNode node = field.get().requireKeys(RATE_LIMIT_KEYS);
        long requests = node.longOr("request_max_limit", 0);
        ResetDuration requestWindow = window(node, "request_reset_duration", "request_max_limit", requests);
        long tokens = node.longOr("token_max_limit", 0);
        ResetDuration tokenWindow = window(node, "token_reset_duration", "token_max_limit", tokens);
        RateLimitSpec spec = node.build(RATE_LIMIT_KEYS,
                () -> new RateLimitSpec(requests, requestWindow, tokens, tokenWindow));
        return requests == 0 && tokens == 0 ? Optional.empty() : Optional.of(spec);
    }

    /** A reset duration ({@code 5m}, {@code 1M}, {@code never}); the message lists the accepted forms. */
    static ResetDuration duration(ConfigNode node) {
        String text = node.string();
        try {
            return ResetDuration.parse(text);
        } catch (IllegalArgumentException invalid) {
            throw node.error(invalid.getMessage());
        }
    }

    private static BudgetSpec budget(ConfigNode node) {
        node.requireKeys(BUDGET_KEYS);
        BigDecimal maxLimit = node.required("max_limit").decimal();
        ResetDuration resetDuration = duration(node.required("reset_duration"));
        boolean calendarAligned = node.boolOr("calendar_aligned", false);
        ZoneId timezone = node.field("timezone").map(LimitBinder::zone).orElse(ZoneOffset.UTC);
        BudgetMode mode = node.field("mode").map(value -> value.oneOf(BudgetMode.values())).orElse(BudgetMode.HARD);
        LowBudgetAction onLowBudget = node.field("on_low_budget").map(value -> value.oneOf(LowBudgetAction.values()))
                .orElse(LowBudgetAction.REJECT);
        return node.build(BUDGET_KEYS,
                () -> new BudgetSpec(maxLimit, resetDuration, calendarAligned, timezone, mode, onLowBudget));
    }

    /** A region ({@code Europe/Paris}) or offset ({@code +02:00}); {@code UTC} normalises to the UTC offset. */
    private static ZoneId zone(ConfigNode node) {
        String text = node.string();
        try {
            return ZoneId.of(text.strip()).normalized();
        } catch (DateTimeException unknown) {
            throw node.error("must be a time zone such as UTC, Europe/Paris or +02:00, was " + ProblemText.quote(text));
        }
    }

    /** The window of a limit: required when the limit is set, {@code never} when neither is given. */
    private static ResetDuration window(ConfigNode node, String key, String limitKey, long limit) {
        Optional<ConfigNode> field = node.field(key);
        if (field.isEmpty() && limit > 0) {
            throw node.errorAt(key, "is required when " + limitKey + " is set");
        }
        return field.map(LimitBinder::duration).orElse(ResetDuration.NEVER);
    }
}
