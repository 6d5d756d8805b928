package io.tollgate.node.alerts;

import io.tollgate.cluster.alerts.AlertClaims;
import io.tollgate.cluster.ledger.CounterView;
import io.tollgate.config.AlertsConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Watches budgets off the request path and alerts when one crosses a threshold: every {@code check_interval_ms}
 * each node reads the budgets; for the highest threshold a budget has reached in its current period it claims the
 * alert on the grid ({@link AlertClaims}: one winner in the cluster, however many nodes see it at the same moment).
 * The winner sends it to every channel that takes it (webhooks, e-mail, PagerDuty, Teams), retrying with backoff,
 * and claims the lower thresholds too, so a budget that jumps past several sends one alert, for the highest. A
 * provider key marked dead alerts once per marking the same way. Thread-safe.
 */
public final class BudgetAlerts implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(BudgetAlerts.class.getName());
    /** Claims outlive the period by a day; a budget that never resets keeps its claims for 400 days. */
    private static final Duration MARGIN = Duration.ofDays(1);
    private static final Duration NEVER_RESETS = Duration.ofDays(400);
    /** A key marked dead alerts once per marking (a key marked again later, at another time, alerts again). */
    private static final Duration DEAD_KEY_HOLD = Duration.ofDays(30);

    private final AlertsConfig config;
    private final Supplier<List<BudgetState>> budgets;
    private final Supplier<List<DeadKey>> deadKeys;
    private final Optional<CostSpikes> spikes;
    private final OwnerParents parents;
    private final AlertClaims claims;
    private final Clock clock;
    private final AlertSender sender;
    private final ScheduledExecutorService timer;

    private BudgetAlerts(AlertsConfig config, Supplier<List<BudgetState>> budgets, Supplier<List<DeadKey>> deadKeys,
                         BiFunction<Instant, Instant, Long> spendNanos, OwnerParents parents, AlertClaims claims,
                         Clock clock, AlertSender sender) {
        this.config = config;
        this.parents = parents;
        this.spikes = config.costSpike().map(spike -> new CostSpikes(spike, spendNanos));
        this.budgets = budgets;
        this.deadKeys = deadKeys;
        this.claims = claims;
        this.clock = clock;
        this.sender = sender;
        this.timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon()
                .name("tollgate-budget-alerts").factory());
    }

    /**
     * Budget alerts that are not yet checking (see {@link #start()}).
     *
     * @param budgets lists every budget with its counter now (a grid read; called on the alerts' own thread)
     */
    public static BudgetAlerts create(AlertsConfig config, Supplier<List<BudgetState>> budgets, AlertClaims claims,
                                      Clock clock) {
        return create(config, budgets, List::of, claims, clock);
    }

    /**
     * Budget alerts that also alert, once for the cluster, when a provider key is marked dead.
     *
     * @param deadKeys the provider keys marked dead now
     */
    public static BudgetAlerts create(AlertsConfig config, Supplier<List<BudgetState>> budgets,
                                      Supplier<List<DeadKey>> deadKeys, AlertClaims claims, Clock clock) {
        return create(config, budgets, deadKeys, (from, to) -> 0L, claims, clock);
    }

    /**
     * Alerts for budgets, dead keys and, when configured, cost spikes.
     *
     * @param spendNanos the whole cluster's spend between two instants (the request log's)
     */
    public static BudgetAlerts create(AlertsConfig config, Supplier<List<BudgetState>> budgets,
                                      Supplier<List<DeadKey>> deadKeys, BiFunction<Instant, Instant, Long> spendNanos,
                                      AlertClaims claims, Clock clock) {
        return create(config, budgets, deadKeys, spendNanos, OwnerParents.none(), claims, clock);
    }

    /**
     * Alerts for budgets, dead keys and cost spikes whose budget alerts carry their owner's parents, for routing by
     * owner (a team's channel hears about its keys' budgets).
     *
     * @param parents the owners above a budget's owner (the governance registry's)
     */
    public static BudgetAlerts create(AlertsConfig config, Supplier<List<BudgetState>> budgets,
                                      Supplier<List<DeadKey>> deadKeys, BiFunction<Instant, Instant, Long> spendNanos,
                                      OwnerParents parents, AlertClaims claims, Clock clock) {
        return new BudgetAlerts(config, budgets, deadKeys, spendNanos, parents, claims, clock,
                AlertSender.create(config, claims, clock));
    }

    /** Starts checking every {@code check_interval_ms}. */
    public BudgetAlerts start() {
        timer.scheduleWithFixedDelay(this::checkQuietly, config.checkIntervalMs(), config.checkIntervalMs(),
                TimeUnit.MILLISECONDS);
        return this;
    }

    private void checkQuietly() {
        try {
            check();
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "budget alert check failed; next one in " + config.checkIntervalMs() + " ms", e);
        }
    }

    /** One pass over the budgets; returns how many alerts this node claimed and is sending. */
    public int check() {
        Instant now = clock.instant();
        int sent = 0;
        for (BudgetState budget : budgets.get()) {
            CounterView counter = budget.counter();
            if (counter.limit() <= 0) {
                continue;
            }
            long percent = java.math.BigInteger.valueOf(counter.used()).multiply(java.math.BigInteger.valueOf(100))
                    .divide(java.math.BigInteger.valueOf(counter.limit())).min(java.math.BigInteger.valueOf(
                            Long.MAX_VALUE)).longValue();
            int highest = 0;
            List<Integer> thresholds = config.thresholds();
            for (int i = thresholds.size() - 1; i >= 0; i--) {
                int threshold = thresholds.get(i);
                if (percent < threshold) {
                    continue;
                }
                if (highest == 0 && !claims.claim(key(counter, threshold), keep(counter, now))) {
                    break;   // another node has this crossing (and claims the thresholds below it)
                }
                if (highest == 0) {
                    highest = threshold;
                } else {
                    claims.claim(key(counter, threshold), keep(counter, now));   // passed with it: never sent later
                }
            }
            if (highest > 0) {
                sender.send(Alert.budget(budget, highest, parents.of(counter.level(), counter.ownerId()), now));
                sent++;
            }
        }
        if (spikes.isPresent()) {
            var spike = spikes.get().check(now);
            if (spike.isPresent() && claims.claim(spike.get().key(), spikes.get().hold())) {
                sender.send(spike.get());
                sent++;
            }
        }
        for (DeadKey key : deadKeys.get()) {
            Alert alert = Alert.deadKey(key, now);
            if (claims.claim(alert.key(), DEAD_KEY_HOLD)) {
                sender.send(alert);
                sent++;
            }
        }
        return sent;
    }

    /** The alert's identity: the budget, its current period and the threshold. */
    static String key(CounterView counter, int threshold) {
        return "budget:" + counter.counterId() + ":" + counter.resetsAt().map(Instant::toString).orElse("never")
                + ":" + threshold;
    }

    private static Duration keep(CounterView counter, Instant now) {
        return counter.resetsAt().map(reset -> Duration.between(now, reset).plus(MARGIN)).filter(d -> !d.isNegative())
                .orElse(NEVER_RESETS);
    }

    /** Waits for deliveries in flight (tests). */
    public void awaitDeliveries(Duration timeout) {
        sender.await(timeout);
    }

    @Override
    public void close() {
        timer.shutdownNow();
        sender.close();
    }
}
