package io.tollgate.node.balance;

import io.tollgate.cluster.health.KeyHealth;
import io.tollgate.cluster.health.KeyState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;

/**
 * Chooses the key of one provider that serves a request, on this node. A key may serve when it serves the model, is
 * allowed, is not excluded, is usable in the shared {@link KeyHealth} now, its circuit on this node is closed (or
 * half-open with a probe free) and this node's own count of its requests and tokens this minute is under its
 * {@code rpm} and {@code tpm}; among those the {@link Strategy} picks. Scores (latency, errors, in-flight) are this
 * node's own: they measure this node's path to the upstream and cost no grid call.
 *
 * <p>Thread-safe and lock-free on the request path (round robin holds one short lock), provided the random
 * generator is safe for the calling threads: {@code ThreadLocalRandom.current()} in production, a seeded generator
 * in single-threaded tests.
 */
public final class KeyBalancer {

    /** How long a key that answered 429 without {@code Retry-After} cools down. */
    public static final Duration DEFAULT_COOL_DOWN = Duration.ofSeconds(5);
    /** How long a key that answered 401/403 is dead before it is tried again. */
    public static final Duration DEAD_FOR = Duration.ofMinutes(10);
    /** The largest number of keys of one provider (eligibility is a 64-bit mask). */
    public static final int MAX_KEYS = 64;
    /** Weight of a sample in the provider's latency average (where unsampled keys start and idle keys return). */
    static final double MEAN_ALPHA = 0.05;

    private final String provider;
    private final Strategy strategy;
    private final KeySlot[] slots;
    private final KeyHealth health;
    private final Clock clock;
    private final Picker picker;
    private final ChoiceLog choices = new ChoiceLog();
    private final AtomicLong meanLatency = new AtomicLong(Double.doubleToRawLongBits(Double.NaN));
    /**
     * The provider's own circuit: it opens when the provider itself looks down (failures on
     * {@code consecutiveFailures × keys} calls in a row, or on every call of the window, whichever key), so a dead
     * upstream costs no call at all until its half-open probe; one bad key among good ones never trips it.
     */
    private final CircuitBreaker providerBreaker;
    /** False with one key: the key's circuit is the provider's. */
    private final boolean providerCircuit;

    private KeyBalancer(String provider, Strategy strategy, List<BalancedKey> keys, BreakerSettings breaker,
                        KeyHealth health, Clock clock, RandomGenerator random) {
        this.provider = provider;
        this.strategy = strategy;
        this.slots = new KeySlot[keys.size()];
        for (int i = 0; i < slots.length; i++) {
            slots[i] = new KeySlot(keys.get(i), i, breaker);
        }
        this.health = health;
        this.clock = clock;
        this.picker = Picker.of(strategy, slots.length, random);
        this.providerCircuit = slots.length > 1;
        this.providerBreaker = new CircuitBreaker(new BreakerSettings(
                (int) Math.min(Integer.MAX_VALUE, (long) breaker.consecutiveFailures() * slots.length), 100,
                breaker.window(), breaker.open(), breaker.halfOpenProbes()));
    }

    /**
     * A balancer over one provider's keys.
     *
     * @param provider the provider's name, as {@link KeyHealth} knows it
     * @param keys 1 to {@value #MAX_KEYS} keys with distinct names
     * @param random the source of draws; must be safe for the threads that call {@link #choose}
     * @throws IllegalArgumentException when the keys are empty, too many or share a name
     */
    public static KeyBalancer create(String provider, Strategy strategy, List<BalancedKey> keys,
                                     BreakerSettings breaker, KeyHealth health, Clock clock, RandomGenerator random) {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(keys, "keys");
        Objects.requireNonNull(breaker, "breaker");
        Objects.requireNonNull(health, "health");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(random, "random");
        if (keys.isEmpty() || keys.size() > MAX_KEYS) {
            throw new IllegalArgumentException("provider '" + provider + "': needs 1 to " + MAX_KEYS
                    + " keys, has " + keys.size());
        }
        HashSet<String> names = new HashSet<>();
        for (BalancedKey key : keys) {
            if (!names.add(key.name())) {
                throw new IllegalArgumentException("provider '" + provider + "': key name '" + key.name()
                        + "' appears twice");
            }
        }
        return new KeyBalancer(provider, strategy, List.copyOf(keys), breaker, health, clock, random);
    }

    /** The provider's name. */
    public String provider() {
        return provider;
    }

    /** How this balancer picks. */
    public Strategy strategy() {
        return strategy;
    }

    /**
     * Chooses a key for one attempt and counts it (in flight, this minute's requests, a half-open probe).
     *
     * @param model the model asked for
     * @param allowed the key names the caller may use; empty means every key
     * @param excluded key names not to use (those this request already tried)
     * @return the attempt, which must be ended; empty when no key may serve ({@link #unavailableSummary} says why)
     */
    public Optional<Attempt> choose(String model, Collection<String> allowed, Collection<String> excluded) {
        Instant now = clock.instant();
        long nowMillis = now.toEpochMilli();
        int providerPermit = providerCircuit ? providerBreaker.claim(nowMillis) : CircuitBreaker.PASS;
        if (providerPermit == CircuitBreaker.REFUSED) {
            return Optional.empty();
        }
        Optional<Attempt> chosen = chooseKey(model, allowed, excluded, now, providerPermit == CircuitBreaker.PROBE);
        if (chosen.isEmpty() && providerCircuit) {
            providerBreaker.released(providerPermit == CircuitBreaker.PROBE);
        }
        return chosen;
    }

    private Optional<Attempt> chooseKey(String model, Collection<String> allowed, Collection<String> excluded,
                                        Instant now, boolean providerProbe) {
        long nowMillis = now.toEpochMilli();
        long minute = Math.floorDiv(nowMillis, 60_000L);
        long eligible = 0;
        for (KeySlot slot : slots) {
            String name = slot.key.name();
            if (slot.key.serves(model) && (allowed.isEmpty() || allowed.contains(name)) && !excluded.contains(name)
                    && slot.breaker.admits(nowMillis) && slot.hasRoom(minute) && usable(slot, now)) {
                eligible |= 1L << slot.index;
            }
        }
        double mean = Double.longBitsToDouble(meanLatency.get());
        while (eligible != 0) {
            KeySlot slot = slots[picker.pick(slots, eligible, nowMillis, mean)];
            int permit = slot.claim(nowMillis, minute);
            if (permit != CircuitBreaker.REFUSED) {
                slot.inFlight.incrementAndGet();
                choices.record(slot.index);
                return Optional.of(new Attempt(this, slot, permit == CircuitBreaker.PROBE, providerProbe));
            }
            eligible &= ~(1L << slot.index); // another thread took the last probe or the minute's last request
        }
        return Optional.empty();
    }

    private boolean usable(KeySlot slot, Instant now) {
        if (health.state(provider, slot.key.name(), now).usableAt(now)) {
            return true;
        }
        slot.sharedStateSeen = true;
        return false;
    }

    /** Every key as this node sees it now, in configuration order. */
    public List<KeyReport> report() {
        return KeyReports.report(provider, slots, choices, health, clock.instant(), mean());
    }

    /**
     * Why each key that could serve {@code model} for a caller allowed {@code allowed} (empty: every key) cannot, or
     * "available", joined by commas: {@code k1 cooling until 2026-03-10T10:00:02Z (429), k2 dead until ... (401),
     * k3 circuit open until ...}. Names only, never key values; for the message of "all keys unavailable".
     */
    public String unavailableSummary(String model, Collection<String> allowed) {
        long nowMillis = clock.millis();
        String keys = KeyReports.summary(provider, slots, model, allowed, health, clock.instant());
        if (providerCircuit && !providerBreaker.admits(nowMillis)) {
            long openUntil = providerBreaker.openUntilMillis();
            return "the provider's circuit is open" + (openUntil > nowMillis ? " until " + Instant.ofEpochMilli(openUntil)
                    : " (half-open, probe in flight)") + " after failures across its keys; keys: " + keys;
        }
        return keys;
    }

    void succeeded(KeySlot slot, boolean probe, boolean providerProbe, Duration latency, long tokens,
                   UpstreamQuota quota) {
        slot.inFlight.decrementAndGet();
        if (providerCircuit) {
            providerBreaker.succeeded(providerProbe);
        }
        long nowMillis = clock.millis();
        double ms = latency.toNanos() / 1e6;
        slot.sample(ms, nowMillis, mean());
        meanLatency.getAndUpdate(bits -> {
            double m = Double.longBitsToDouble(bits);
            return Double.doubleToRawLongBits(Double.isNaN(m) ? ms : m + MEAN_ALPHA * (ms - m));
        });
        slot.tokens.add(Math.floorDiv(nowMillis, 60_000L), tokens);
        slot.quota(quota, nowMillis);
        slot.breaker.succeeded(probe);
        if (slot.sharedStateSeen) {
            reviveIfStale(slot, Instant.ofEpochMilli(nowMillis));
        }
    }

    /**
     * Clears a cool-down or death that has run out (the key just served). The state at the epoch is the recorded one
     * whatever its end; a state still in force was set after this attempt began (another node's 429) and stays.
     */
    private void reviveIfStale(KeySlot slot, Instant now) {
        slot.sharedStateSeen = false;
        KeyState recorded = health.state(provider, slot.key.name(), Instant.EPOCH);
        if (recorded.status() == KeyState.Status.AVAILABLE) {
            return;
        }
        if (recorded.usableAt(now)) {
            health.revive(provider, slot.key.name());
        } else {
            slot.sharedStateSeen = true;
        }
    }

    void failed(KeySlot slot, boolean probe, boolean providerProbe, Failure failure) {
        slot.inFlight.decrementAndGet();
        Instant now = clock.instant();
        String name = slot.key.name();
        if (failure.countsAgainstKey()) {
            slot.breaker.failed(probe, now.toEpochMilli());
            if (providerCircuit) {
                providerBreaker.failed(providerProbe, now.toEpochMilli());
            }
            return;
        }
        slot.breaker.released(probe);
        if (providerCircuit) {
            providerBreaker.released(providerProbe);
        }
        switch (failure) {
            case Failure.RateLimited limited -> {
                slot.sharedStateSeen = true;
                health.coolDown(provider, name, now.plus(limited.retryAfter().orElse(DEFAULT_COOL_DOWN)), "429", now);
            }
            case Failure.Unauthorized refused -> {
                slot.sharedStateSeen = true;
                health.markDead(provider, name, now.plus(DEAD_FOR), Integer.toString(refused.status()), now);
            }
            default -> {
                // the client's error or the client gone: no penalty
            }
        }
    }

    private double mean() {
        return Double.longBitsToDouble(meanLatency.get());
    }
}
