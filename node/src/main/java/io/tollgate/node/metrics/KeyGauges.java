package io.tollgate.node.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.tollgate.node.balance.KeyBalancer;
import io.tollgate.node.balance.KeyReport;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Per provider key, this node's view of it: up or not, its state, and how long its cool-down still runs. Values are
 * a snapshot taken by {@link #refresh}; labels are the provider's and the key's names, never the key.
 */
final class KeyGauges {

    private final Map<String, KeyBalancer> balancers;
    private final MultiGauge up;
    private final MultiGauge state;
    private final MultiGauge cooldown;

    KeyGauges(MeterRegistry registry, Map<String, KeyBalancer> balancers) {
        this.balancers = Map.copyOf(balancers);
        up = MultiGauge.builder("tollgate.provider.key.up")
                .description("1 when the key may be chosen (available, circuit closed), else 0").register(registry);
        state = MultiGauge.builder("tollgate.provider.key.state")
                .description("1 for the key's current state (label state)").register(registry);
        cooldown = MultiGauge.builder("tollgate.provider.key.cooldown.seconds")
                .description("Seconds until a cooling or dead key may be tried again; 0 when available")
                .register(registry);
    }

    void refresh(Instant now) {
        List<MultiGauge.Row<?>> ups = new ArrayList<>();
        List<MultiGauge.Row<?>> states = new ArrayList<>();
        List<MultiGauge.Row<?>> cooldowns = new ArrayList<>();
        for (KeyBalancer balancer : balancers.values()) {
            for (KeyReport report : balancer.report()) {
                Tags key = Tags.of("provider", balancer.provider(), "key", report.name());
                String name = stateName(report);
                ups.add(MultiGauge.Row.of(key, name.equals("available") ? 1 : 0));
                states.add(MultiGauge.Row.of(key.and("state", name), 1));
                double seconds = report.health().until()
                        .map(until -> Math.max(0, Duration.between(now, until).toMillis() / 1000.0)).orElse(0.0);
                cooldowns.add(MultiGauge.Row.of(key, seconds));
            }
        }
        up.register(ups, true);
        state.register(states, true);
        cooldown.register(cooldowns, true);
    }

    /** {@code available}, {@code cooling}, {@code dead}, or {@code circuit-open} / {@code circuit-half-open}. */
    private static String stateName(KeyReport report) {
        String circuit = report.breaker().name().toLowerCase(Locale.ROOT).replace('_', '-');
        return switch (report.health().status()) {
            case COOLING -> "cooling";
            case DEAD -> "dead";
            case AVAILABLE -> circuit.equals("closed") ? "available" : "circuit-" + circuit;
        };
    }
}
