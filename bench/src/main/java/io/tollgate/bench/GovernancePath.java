package io.tollgate.bench;

import io.tollgate.cluster.ledger.AdmissionRequest;
import io.tollgate.cluster.ledger.BudgetCharge;
import io.tollgate.cluster.ledger.CounterKind;
import io.tollgate.cluster.ledger.Level;
import io.tollgate.cluster.ledger.WindowCharge;
import io.tollgate.cluster.ledger.WorstCase;
import io.tollgate.config.BudgetMode;
import io.tollgate.config.BudgetSpec;
import io.tollgate.config.LowBudgetAction;
import io.tollgate.config.ResetDuration;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * The governance path of a typical request, as the node builds it: a virtual key {@code vk_bench} under team
 * {@code team_bench} under customer {@code cust_bench}, calling provider {@code openai}. Four hard budgets (provider
 * config, key, team, customer) and two windows (requests, tokens) on the key, all on one account.
 *
 * <p>The request is priced like a small model: 500 input tokens (75,000 nano-dollars), an output allowance of 1024
 * tokens at 0.60 USD per million, and it settles 300 output tokens. The limits are far above what a benchmark can
 * spend at one request per simulated millisecond, so every admission is admitted; the benchmark checks that.
 */
final class GovernancePath {

    /** The account every counter of the path lives on (the customer, the hierarchy's root). */
    static final String ACCOUNT = "cust_bench";
    /** What a request actually costs when it settles: 75,000 input + 300 output tokens at 600 nanos each. */
    static final long COST_NANOS = 255_000;
    /** The tokens a request settles: 500 input + 300 output. */
    static final long TOKENS = 800;

    private static final Duration TTL = Duration.ofMinutes(5);
    private static final WorstCase WORST_CASE = new WorstCase(75_000, 1_024, 600_000_000, 500);
    private static final List<BudgetCharge> BUDGETS = List.of(
            budget("vk:vk_bench:p:openai:1d", Level.PROVIDER_CONFIG, "vk_bench/openai", 50_000, "1d", "UTC"),
            budget("vk:vk_bench:1d", Level.VIRTUAL_KEY, "vk_bench", 100_000, "1d", "UTC"),
            budget("team:team_bench:1w", Level.TEAM, "team_bench", 250_000, "1w", "Europe/Berlin"),
            budget("cust:cust_bench:1M", Level.CUSTOMER, "cust_bench", 1_000_000, "1M", "America/New_York"));
    private static final List<WindowCharge> WINDOWS = List.of(
            new WindowCharge("vk:vk_bench:requests", CounterKind.REQUESTS, Level.VIRTUAL_KEY, "vk_bench",
                    1_000_000_000_000L, ResetDuration.parse("1m")),
            new WindowCharge("vk:vk_bench:tokens", CounterKind.TOKENS, Level.VIRTUAL_KEY, "vk_bench",
                    1_000_000_000_000_000L, ResetDuration.parse("1m")));

    private GovernancePath() {
    }

    /** The admission of one request on this path. */
    static AdmissionRequest admission(String accountId, String requestId, Instant now) {
        return new AdmissionRequest(accountId, requestId, now, BUDGETS, WINDOWS, WORST_CASE, true, TTL);
    }

    private static BudgetCharge budget(String counterId, Level level, String ownerId, long limitUsd, String reset,
                                       String zone) {
        return new BudgetCharge(counterId, level, ownerId, new BudgetSpec(BigDecimal.valueOf(limitUsd),
                ResetDuration.parse(reset), true, ZoneId.of(zone), BudgetMode.HARD, LowBudgetAction.REJECT));
    }
}
