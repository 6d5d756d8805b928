package io.tollgate.node.alerts;

import io.tollgate.adapters.pricing.Money;
import io.tollgate.config.AlertsConfig;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Detects a cost spike from the cluster's spend (the request log, which every node writes to the same database):
 * the spend of the last window against the average rate of the baseline window before it. At most one alert per
 * window for the whole cluster (the window's start is in the alert's key).
 */
final class CostSpikes {

    private final AlertsConfig.CostSpike config;
    private final BiFunction<Instant, Instant, Long> spendNanos;

    CostSpikes(AlertsConfig.CostSpike config, BiFunction<Instant, Instant, Long> spendNanos) {
        this.config = config;
        this.spendNanos = spendNanos;
    }

    /** The alert, when the last window is a spike; its key names the window. */
    Optional<Alert> check(Instant now) {
        Duration window = Duration.ofMinutes(config.windowMinutes());
        Duration baseline = Duration.ofMinutes(config.baselineMinutes());
        long recent = spendNanos.apply(now.minus(window), now);
        long before = spendNanos.apply(now.minus(window).minus(baseline), now.minus(window));
        BigDecimal recentPerHour = perHour(recent, window);
        BigDecimal baselinePerHour = perHour(before, baseline);
        if (recentPerHour.compareTo(config.minUsdPerHour()) < 0
                || recentPerHour.compareTo(baselinePerHour.multiply(config.multiple())) <= 0) {
            return Optional.empty();
        }
        long bucket = now.getEpochSecond() / window.toSeconds();
        String key = "cost-spike:" + Instant.ofEpochSecond(bucket * window.toSeconds());
        return Optional.of(Alert.costSpike(key, recentPerHour, baselinePerHour, config, now));
    }

    /** How long a spike's claim holds: two windows. */
    Duration hold() {
        return Duration.ofMinutes(2L * config.windowMinutes());
    }

    private static BigDecimal perHour(long nanos, Duration over) {
        return Money.ofNanos(nanos).usd().multiply(BigDecimal.valueOf(3600))
                .divide(BigDecimal.valueOf(over.toSeconds()), 6, RoundingMode.HALF_UP);
    }
}
