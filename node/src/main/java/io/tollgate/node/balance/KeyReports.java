package io.tollgate.node.balance;

import io.tollgate.cluster.health.KeyHealth;
import io.tollgate.cluster.health.KeyState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.StringJoiner;

/** A balancer's keys for people: the report behind {@code ops keys} and the text of "all keys unavailable". */
final class KeyReports {

    private KeyReports() {
    }

    static List<KeyReport> report(String provider, KeySlot[] slots, ChoiceLog choices, KeyHealth health, Instant now,
                                  double mean) {
        long nowMillis = now.toEpochMilli();
        long minute = Math.floorDiv(nowMillis, 60_000L);
        double[] shares = choices.shares(slots.length);
        List<KeyReport> out = new ArrayList<>(slots.length);
        for (KeySlot slot : slots) {
            long openUntil = slot.breaker.openUntilMillis();
            out.add(new KeyReport(slot.key.name(), slot.weight, shares[slot.index],
                    slot.sampled() ? OptionalDouble.of(slot.latencyMs(nowMillis, mean)) : OptionalDouble.empty(),
                    slot.breaker.errorRate(), slot.inFlight.get(), slot.breaker.state(nowMillis),
                    openUntil > nowMillis ? Optional.of(Instant.ofEpochMilli(openUntil)) : Optional.empty(),
                    health.state(provider, slot.key.name(), now), slot.quota(nowMillis),
                    slot.requests.count(minute), slot.tokens.count(minute)));
        }
        return List.copyOf(out);
    }

    static String summary(String provider, KeySlot[] slots, String model, Collection<String> allowed,
                          KeyHealth health, Instant now) {
        long nowMillis = now.toEpochMilli();
        long minute = Math.floorDiv(nowMillis, 60_000L);
        StringJoiner out = new StringJoiner(", ");
        for (KeySlot slot : slots) {
            out.add(slot.key.name() + " " + state(provider, slot, model, allowed, health, now, minute));
        }
        return out.toString();
    }

    private static String state(String provider, KeySlot slot, String model, Collection<String> allowed,
                                KeyHealth health, Instant now, long minute) {
        BalancedKey key = slot.key;
        if (!key.serves(model)) {
            return "does not serve " + model;
        }
        if (!allowed.isEmpty() && !allowed.contains(key.name())) {
            return "not allowed for this virtual key";
        }
        KeyState shared = health.state(provider, key.name(), now);
        if (!shared.usableAt(now)) {
            String status = shared.status() == KeyState.Status.DEAD ? "dead" : "cooling";
            String reason = shared.reason().isEmpty() ? "" : " (" + shared.reason() + ")";
            return status + " until " + shared.until().orElseThrow() + reason;
        }
        long nowMillis = now.toEpochMilli();
        if (!slot.breaker.admits(nowMillis)) {
            long openUntil = slot.breaker.openUntilMillis();
            return openUntil > nowMillis ? "circuit open until " + Instant.ofEpochMilli(openUntil)
                    : "circuit half-open, probe in flight";
        }
        if (key.rpm().isPresent() && slot.requests.count(minute) >= key.rpm().getAsLong()) {
            return "at its limit of " + key.rpm().getAsLong() + " requests per minute";
        }
        if (key.tpm().isPresent() && slot.tokens.count(minute) >= key.tpm().getAsLong()) {
            return "at its limit of " + key.tpm().getAsLong() + " tokens per minute";
        }
        return "available";
    }
}
