package io.tollgate.node.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.tollgate.cluster.governance.GovernanceRegistry;
import io.tollgate.cluster.governance.OwnerLimits;
import io.tollgate.cluster.ledger.BudgetLedger;
import io.tollgate.cluster.ledger.CounterKind;
import io.tollgate.cluster.ledger.CounterView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Budgets (usage, reserved, limit in US dollars) and rate-limit windows (usage, limit) of every owner, read from the
 * ledger by {@link #refresh}, one grid read per account. Labels: {@code level}, {@code owner_id} and the counter's
 * id; rate limits add {@code kind} ({@code requests} or {@code tokens}).
 */
final class LimitGauges {

    private final GovernanceRegistry registry;
    private final BudgetLedger ledger;
    private final MultiGauge budgetUsage;
    private final MultiGauge budgetReserved;
    private final MultiGauge budgetLimit;
    private final MultiGauge windowUsage;
    private final MultiGauge windowLimit;

    LimitGauges(MeterRegistry meters, GovernanceRegistry registry, BudgetLedger ledger) {
        this.registry = registry;
        this.ledger = ledger;
        budgetUsage = gauge(meters, "tollgate.budget.usage.usd", "Settled spend in the budget's current period");
        budgetReserved = gauge(meters, "tollgate.budget.reserved.usd", "Spend held by requests in flight");
        budgetLimit = gauge(meters, "tollgate.budget.limit.usd", "The budget's limit");
        windowUsage = gauge(meters, "tollgate.rate.limit.usage", "Requests or tokens used in the current window");
        windowLimit = gauge(meters, "tollgate.rate.limit.limit", "The window's limit");
    }

    private static MultiGauge gauge(MeterRegistry meters, String name, String description) {
        return MultiGauge.builder(name).description(description).register(meters);
    }

    void refresh(Instant now) {
        List<MultiGauge.Row<?>> usage = new ArrayList<>();
        List<MultiGauge.Row<?>> reserved = new ArrayList<>();
        List<MultiGauge.Row<?>> limit = new ArrayList<>();
        List<MultiGauge.Row<?>> used = new ArrayList<>();
        List<MultiGauge.Row<?>> caps = new ArrayList<>();
        Map<String, Map<String, CounterView>> byAccount = new HashMap<>();
        for (OwnerLimits owner : registry.allLimits()) {
            Map<String, CounterView> views = byAccount.computeIfAbsent(owner.accountId(), account -> {
                Map<String, CounterView> map = new HashMap<>();
                ledger.counters(account, now).forEach(view -> map.put(view.counterId(), view));
                return map;
            });
            for (CounterView view : owner.budgetViews(views)) {
                Tags tags = tags(view).and("budget_id", view.counterId());
                usage.add(MultiGauge.Row.of(tags, view.used() / 1e9));
                reserved.add(MultiGauge.Row.of(tags, view.reserved() / 1e9));
                limit.add(MultiGauge.Row.of(tags, view.limit() / 1e9));
            }
            for (CounterView view : owner.windowViews(views)) {
                Tags tags = tags(view).and("limit_id", view.counterId(),
                        "kind", view.kind() == CounterKind.REQUESTS ? "requests" : "tokens");
                used.add(MultiGauge.Row.of(tags, view.used() + view.reserved()));
                caps.add(MultiGauge.Row.of(tags, view.limit()));
            }
        }
        budgetUsage.register(usage, true);
        budgetReserved.register(reserved, true);
        budgetLimit.register(limit, true);
        windowUsage.register(used, true);
        windowLimit.register(caps, true);
    }

    private static Tags tags(CounterView view) {
        return Tags.of("level", view.level().name().toLowerCase(Locale.ROOT), "owner_id", view.ownerId());
    }
}
