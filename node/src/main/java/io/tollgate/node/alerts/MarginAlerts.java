package io.tollgate.node.alerts;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.adapters.Json;
import io.tollgate.adapters.pricing.Money;
import io.tollgate.cluster.alerts.AlertClaims;
import io.tollgate.cluster.revenue.Margins;
import io.tollgate.cluster.revenue.RevenueBook;
import io.tollgate.config.AlertSeverity;
import io.tollgate.config.AlertsConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Alerts when a customer's or team's margin in the current month falls below its plan's
 * {@code margin_alert_below_percent}: checked every {@code check_interval_ms} off the request path (database reads),
 * claimed on the grid so the cluster sends it once per owner and month, and sent to the same channels as budget
 * alerts. Thread-safe.
 */
public final class MarginAlerts implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(MarginAlerts.class.getName());
    /** Claims outlive the month by a day. */
    private static final Duration MARGIN = Duration.ofDays(1);

    private final AlertsConfig config;
    private final Function<YearMonth, List<Margins.Breach>> breaches;
    private final OwnerParents parents;
    private final AlertClaims claims;
    private final Clock clock;
    private final AlertSender sender;
    private final ScheduledExecutorService timer;

    private MarginAlerts(AlertsConfig config, Function<YearMonth, List<Margins.Breach>> breaches,
                         OwnerParents parents, AlertClaims claims, Clock clock) {
        this.config = config;
        this.breaches = breaches;
        this.parents = parents;
        this.claims = claims;
        this.clock = clock;
        this.sender = AlertSender.create(config, claims, clock);
        this.timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon()
                .name("tollgate-margin-alerts").factory());
    }

    /**
     * Margin alerts that are not yet checking (see {@link #start()}).
     *
     * @param breaches the month's margins below their thresholds (database reads, on the alerts' own thread)
     */
    public static MarginAlerts create(AlertsConfig config, Function<YearMonth, List<Margins.Breach>> breaches,
                                      AlertClaims claims, Clock clock) {
        return create(config, breaches, OwnerParents.none(), claims, clock);
    }

    /**
     * Margin alerts whose alerts carry a team's customer, for routing by owner.
     *
     * @param parents the owners above a team (the governance registry's)
     */
    public static MarginAlerts create(AlertsConfig config, Function<YearMonth, List<Margins.Breach>> breaches,
                                      OwnerParents parents, AlertClaims claims, Clock clock) {
        return new MarginAlerts(config, breaches, parents, claims, clock);
    }

    /** Starts checking every {@code check_interval_ms}. */
    public MarginAlerts start() {
        timer.scheduleWithFixedDelay(() -> {
            try {
                check();
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "margin alert check failed; next one in " + config.checkIntervalMs() + " ms", e);
            }
        }, config.checkIntervalMs(), config.checkIntervalMs(), TimeUnit.MILLISECONDS);
        return this;
    }

    /** One pass; returns how many alerts this node claimed and is sending. */
    public int check() {
        Instant now = clock.instant();
        YearMonth month = YearMonth.from(now.atZone(ZoneOffset.UTC));
        Duration keep = Duration.between(now, month.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC))
                .plus(MARGIN);
        int sent = 0;
        for (Margins.Breach breach : breaches.apply(month)) {
            String key = "margin:" + breach.kind().name().toLowerCase(Locale.ROOT) + ":" + breach.row().ownerId() + ":"
                    + month;
            if (claims.claim(key, keep)) {
                var level = io.tollgate.cluster.ledger.Level.valueOf(breach.kind().name());
                List<AlertOwner> owners = new java.util.ArrayList<>();
                owners.add(new AlertOwner(level, breach.row().ownerId(), breach.row().name()));
                owners.addAll(parents.of(level, breach.row().ownerId()));
                sender.send(alert(key, breach, owners, now));
                sent++;
            }
        }
        return sent;
    }

    static Alert alert(String key, Margins.Breach breach, List<AlertOwner> owners, Instant now) {
        var row = breach.row();
        String level = breach.kind().name().toLowerCase(Locale.ROOT);
        String revenue = Money.ofNanos(row.revenueNanos()).usd().stripTrailingZeros().toPlainString();
        String cost = Money.ofNanos(row.costNanos()).usd().stripTrailingZeros().toPlainString();
        String margin = Money.ofNanos(row.marginNanos()).usd().stripTrailingZeros().toPlainString();
        String percent = row.marginPercent().map(p -> p.toPlainString() + "%").orElse("no revenue");
        String threshold = breach.thresholdPercent().stripTrailingZeros().toPlainString();
        ObjectNode json = Json.object();
        json.put("type", "margin_below_threshold");
        json.put("level", level);
        json.put("owner_id", row.ownerId());
        json.put("owner_name", row.name());
        json.put("period", breach.period().toString());
        json.put("revenue_usd", row.revenueNanos() == 0 ? java.math.BigDecimal.ZERO
                : Money.ofNanos(row.revenueNanos()).usd().stripTrailingZeros());
        json.put("cost_usd", Money.ofNanos(row.costNanos()).usd().stripTrailingZeros());
        json.put("margin_usd", Money.ofNanos(row.marginNanos()).usd().stripTrailingZeros());
        row.marginPercent().ifPresentOrElse(p -> json.put("margin_percent", p), () -> json.putNull("margin_percent"));
        json.put("threshold_percent", breach.thresholdPercent());
        json.put("time", now.toString());
        return Alert.of(key, AlertSeverity.WARNING, "margin of " + level + " '" + row.name() + "'", owners, now, json,
                "Tollgate: the margin of " + level + " '" + row.name() + "' in " + breach.period()
                + " is " + percent + " ($" + margin + ": revenue $" + revenue + ", LLM cost $" + cost
                + "), below its alert threshold of " + threshold + "%.",
                "Tollgate alert: " + level + " '" + row.name() + "' margin " + percent + ", below " + threshold + "%");
    }

    @Override
    public void close() {
        timer.shutdownNow();
        sender.close();
    }

    /** Waits for deliveries in flight (tests). */
    public void awaitDeliveries(Duration timeout) {
        sender.await(timeout);
    }

    /** The breaches of a month, read from the registry and the book. */
    public static Function<YearMonth, List<Margins.Breach>> reading(
            io.tollgate.cluster.governance.GovernanceRegistry registry, RevenueBook book) {
        return month -> Margins.breaches(registry, book, month);
    }
}
