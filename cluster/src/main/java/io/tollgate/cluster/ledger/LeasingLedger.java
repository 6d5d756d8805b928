package io.tollgate.cluster.ledger;

import io.tollgate.config.LeaseConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A node's front to the cluster's ledger that keeps the ledger off the common request's path. Per account and path
 * the node holds a lease (a reservation on every budget and window of the path, sized by the account's owner; see
 * {@link BudgetLedger#lease}) and admits, extends and settles requests against it in memory; a background flusher
 * charges the lease's spend to the grid and resizes it every {@link LeaseConfig#flushIntervalMs()}. A request that
 * does not fit makes one lease step inline; near a limit the account is <em>tight</em> and requests go to the grid
 * one by one, exactly as without leases. Force admissions (recording what was served while the ledger was away)
 * always go to the grid.
 *
 * <p>Exactness: whatever a node admits locally fits in what its lease holds on the grid, so no limit is ever
 * exceeded. Spend not yet flushed when a node dies is covered by its lease, which the grid charges in full when its
 * TTL passes: never under-charged, over-charged by at most what the lease held. A node stops admitting from a lease
 * half a TTL after its last successful step, and at once when a step fails, so a node cut off from the grid stops
 * before its lease is charged.
 *
 * <p>Thread-safe.
 */
public final class LeasingLedger extends ForwardingBudgetLedger implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(LeasingLedger.class.getName());
    /** A lease's free part covers at least this many worst cases (when the room allows)... */
    static final long MIN_WORST_CASES = 32;
    /** ... and at most this many. */
    static final long MAX_WORST_CASES = 1 << 20;

    /** Reservations held longer than this (a batch's) are never served from a lease. */
    static final java.time.Duration LONG_LIVED = java.time.Duration.ofHours(1);

    private final BudgetLedger grid;
    private final LeaseConfig config;
    private final IntSupplier members;
    private final Supplier<Instant> clock;
    private final String node = UUID.randomUUID().toString();
    private final ConcurrentHashMap<Key, Slot> slots = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Generation> byRequest = new ConcurrentHashMap<>();
    private final ScheduledExecutorService flusher;
    private long generations;

    private LeasingLedger(BudgetLedger grid, LeaseConfig config, IntSupplier members, Supplier<Instant> clock,
                          boolean background) {
        super(grid);
        this.grid = grid;
        this.config = config;
        this.members = members;
        this.clock = clock;
        if (background) {
            flusher = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon()
                    .name("tollgate-lease-flusher").factory());
            flusher.scheduleWithFixedDelay(this::flushQuietly, config.flushIntervalMs(), config.flushIntervalMs(),
                    TimeUnit.MILLISECONDS);
        } else {
            flusher = null;
        }
    }

    /**
     * A leasing front to {@code grid} with a background flusher.
     *
     * @param members how many nodes share the accounts (the cluster's size), read at every lease step
     * @param clock the flusher's clock (requests carry their own time)
     */
    public static LeasingLedger create(BudgetLedger grid, LeaseConfig config, IntSupplier members,
                                       Supplier<Instant> clock) {
        return new LeasingLedger(Objects.requireNonNull(grid, "grid"), config, members, clock, true);
    }

    /** The same without a background flusher: the caller runs {@link #flush} (tests, benchmarks). */
    public static LeasingLedger manual(BudgetLedger grid, LeaseConfig config, IntSupplier members,
                                       Supplier<Instant> clock) {
        return new LeasingLedger(Objects.requireNonNull(grid, "grid"), config, members, clock, false);
    }

    @Override
    public Admission admit(AdmissionRequest request) {
        if (request.force() || (request.budgets().isEmpty() && request.windows().isEmpty())
                || request.reservationTtl().compareTo(LONG_LIVED) > 0) {
            // a reservation meant to outlive any request (a batch's, held until the batch ends, a day) is held on
            // the grid itself, where any node can settle it
            return grid.admit(request);
        }
        AccountState.checkAdmission(request);
        Generation known = byRequest.get(request.requestId());
        if (known != null) {
            Admission again = known.slot.repeat(known, request.requestId());
            if (again != null) {
                return again;
            }
        }
        Slot slot = slots.computeIfAbsent(new Key(request.accountId(), request.budgets(), request.windows()),
                Slot::new);
        LeaseAmounts need = new LeaseAmounts(request.worstCase().totalNanos(), request.worstCase().totalTokens(), 1);
        Admission local = slot.admitLocally(request, need);
        if (local != null) {
            return local;
        }
        Admission admission = grid.admit(request);
        if (admission instanceof Admission.Rejected rejected && slot.everLeased && rejected.counter().leased() > 0) {
            // other nodes' leases may hold what is missing; they give it back within one flush once they see the
            // account is tight, so ask once more before refusing
            pause(2 * config.flushIntervalMs());
            admission = grid.admit(request);
        }
        return admission;
    }

    @Override
    public Admission extend(String accountId, String requestId, long moreNanos, long moreTokens, Instant now) {
        AccountState.checkAmounts("extension", moreNanos, moreTokens);
        Generation generation = byRequest.get(requestId);
        if (generation == null) {
            return grid.extend(accountId, requestId, moreNanos, moreTokens, now);
        }
        return generation.slot.extend(generation, requestId, moreNanos, moreTokens, now);
    }

    @Override
    public List<CounterView> settle(String accountId, String requestId, long costNanos, long tokens, Instant now) {
        AccountState.checkAmounts("settlement", costNanos, tokens);
        Generation generation = byRequest.remove(requestId);
        if (generation == null) {
            return grid.settle(accountId, requestId, costNanos, tokens, now);
        }
        return generation.slot.settle(generation, requestId, costNanos, tokens);
    }

    /** The account's counters on the grid, after charging this node's unflushed spend on it. */
    @Override
    public List<CounterView> counters(String accountId, Instant now) {
        slots.values().stream().filter(slot -> slot.key.accountId().equals(accountId))
                .forEach(slot -> slot.flush(now, true));
        return grid.counters(accountId, now);
    }

    /** Every counter on the grid, after charging this node's unflushed spend. */
    @Override
    public List<CounterView> allCounters(Instant now) {
        slots.values().forEach(slot -> slot.flush(now, true));
        return grid.allCounters(now);
    }

    /**
     * One flusher round: charges every lease's spend, renews leases in use, gives back the free part of idle ones
     * and forgets what is left of closed ones. Failures are logged and retried at the next round.
     */
    public void flush() {
        Instant now = clock.get();
        for (Iterator<Slot> it = slots.values().iterator(); it.hasNext(); ) {
            Slot slot = it.next();
            slot.flush(now, false);
            if (slot.forgettable()) {
                it.remove();
            }
        }
    }

    /**
     * Stops admitting from the account's leases until each has made a step, and makes that step now: called when the
     * account was charged outside any lease (usage ingested after the fact), so what the leases may still admit is
     * sized again against the grid's counters. A step that fails leaves the lease unusable until one goes through.
     */
    public void revalidate(String accountId) {
        Instant now = clock.get();
        for (Slot slot : slots.values()) {
            if (slot.key.accountId().equals(accountId)) {
                slot.lock.lock();
                try {
                    slot.suspect = true;
                } finally {
                    slot.lock.unlock();
                }
                slot.flush(now, false);
            }
        }
    }

    /** How many leases this node holds (live generations), for tests and status. */
    public int leases() {
        return (int) slots.values().stream().filter(slot -> slot.current != null && slot.current.live).count();
    }

    /** Stops the flusher and gives back every lease's free part, charging its spend. */
    @Override
    public void close() {
        if (flusher != null) {
            flusher.shutdownNow();
            try {
                flusher.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Instant now = clock.get();
        slots.values().forEach(slot -> slot.close(now));
    }

    private void flushQuietly() {
        try {
            flush();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "lease flush failed; will try again", e);
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The cluster's size for sizing leases; 1 when it cannot be read (a member restarting after a merge). */
    private int memberCount() {
        try {
            return Math.max(1, members.getAsInt());
        } catch (RuntimeException e) {
            return 1;
        }
    }

    private synchronized String nextLeaseId() {
        return "lease:" + node + ":" + (++generations);
    }

    /** One account and path: the lease key. Paths differing in any spec get leases of their own. */
    private record Key(String accountId, List<BudgetCharge> budgets, List<WindowCharge> windows) {
    }

    /** What one request admitted from a lease holds. */
    private static final class Held {
        long nanos;
        long tokens;
        long outputTokens;

        Held(long nanos, long tokens, long outputTokens) {
            this.nanos = nanos;
            this.tokens = tokens;
            this.outputTokens = outputTokens;
        }
    }

    /**
     * One lease on the grid (one lease id). Local accounting: {@code hold = inflight + spent + free}, where
     * {@code hold} is what the grid holds for it, {@code inflight} what requests in flight reserved, {@code spent}
     * what settled (or, for requests, was admitted) since the last step.
     */
    private final class Generation {
        final Slot slot;
        final String id = nextLeaseId();
        long seq;
        boolean live = true;
        long holdNanos;
        long holdTokens;
        long holdRequests;
        long inflightNanos;
        long inflightTokens;
        long spentNanos;
        long spentTokens;
        long spentRequests;
        final Map<String, Held> requests = new HashMap<>();
        /** A step that failed: sent again, unchanged, before anything else (it may have been applied). */
        LeaseRequest unacked;
        /** Ended, with a final step (nothing kept, nothing needed) applied: nothing more to tell the grid. */
        boolean reported;


        Generation(Slot slot) {
            this.slot = slot;
        }

        long freeNanos() {
            return holdNanos - inflightNanos - spentNanos;
        }

        long freeTokens() {
            return holdTokens - inflightTokens - spentTokens;
        }

        long freeRequests() {
            return holdRequests - spentRequests;
        }

        boolean fits(long nanos, long tokens, long requestCount) {
            Key key = slot.key;
            return (key.budgets().isEmpty() || freeNanos() >= nanos)
                    && (slot.tokenWindows == 0 || freeTokens() >= tokens)
                    && (slot.requestWindows == 0 || freeRequests() >= requestCount);
        }

        boolean hasSpend() {
            return spentNanos > 0 || spentTokens > 0 || spentRequests > 0;
        }

        boolean hasFree() {
            return (!slot.key.budgets().isEmpty() && freeNanos() > 0) || (slot.tokenWindows > 0 && freeTokens() > 0)
                    || (slot.requestWindows > 0 && freeRequests() > 0);
        }
    }

    /**
     * The node's leases on one key: the current one, and older ones whose requests are still in flight. Two locks:
     * {@code steps} serializes lease steps (a step's number orders it on the grid), {@code lock} guards the state and
     * is held only briefly, except by steps that may shrink a lease (which must not race with local admissions).
     * Lock order: {@code steps}, then {@code lock}.
     */
    private final class Slot {
        final Key key;
        final int tokenWindows;
        final int requestWindows;
        final ReentrantLock steps = new ReentrantLock();
        final ReentrantLock lock = new ReentrantLock();
        Generation current;
        final List<Generation> retired = new ArrayList<>();
        List<CounterView> views = List.of();
        boolean tight;
        boolean suspect;
        boolean everLeased;
        boolean refillQueued;
        long validUntil;
        long boundary = Long.MAX_VALUE;
        long retryAt;
        long lastUse;
        long lastStep;
        long admitsSinceStep;
        LeaseAmounts grantedFree = LeaseAmounts.ZERO;
        LeaseAmounts lastNeed = LeaseAmounts.ZERO;
        /** What the current lease's requests in flight held when its last step was sent (its views count them). */
        LeaseAmounts stepInFlight = LeaseAmounts.ZERO;

        Slot(Key key) {
            this.key = key;
            this.tokenWindows = (int) key.windows().stream().filter(w -> w.kind() == CounterKind.TOKENS).count();
            this.requestWindows = key.windows().size() - tokenWindows;
        }

        Admission admitLocally(AdmissionRequest request, LeaseAmounts need) {
            long now = request.now().toEpochMilli();
            lock.lock();
            try {
                lastUse = now;
                lastNeed = need;
                if (usable(now) && current.fits(need.nanos(), need.tokens(), 1)) {
                    return take(request, need);
                }
            } finally {
                lock.unlock();
            }
            steps.lock();
            lock.lock();
            try {
                if (usable(now) && current.fits(need.nanos(), need.tokens(), 1)) {
                    return take(request, need); // a step that was running made room
                }
                if (tight && now < retryAt) {
                    return null;
                }
                if (current == null || !current.live) {
                    current = new Generation(this);
                }
                lockedStep(current, request.now(), need, keepOf(current));
                if (usable(now) && current.fits(need.nanos(), need.tokens(), 1)) {
                    return take(request, need);
                }
                return null;
            } finally {
                lock.unlock();
                steps.unlock();
            }
        }

        Admission repeat(Generation generation, String requestId) {
            lock.lock();
            try {
                Held held = generation.requests.get(requestId);
                return held == null ? null : admitted(held);
            } finally {
                lock.unlock();
            }
        }

        Admission extend(Generation generation, String requestId, long moreNanos, long moreTokens, Instant now) {
            long time = now.toEpochMilli();
            steps.lock();
            lock.lock();
            try {
                Held held = generation.requests.get(requestId);
                if (held == null) {
                    return grid.extend(key.accountId(), requestId, moreNanos, moreTokens, now);
                }
                boolean mine = generation == current && generation.live;
                if (mine && !suspect && !fitsExtension(generation, time, moreNanos, moreTokens)) {
                    LeaseAmounts keep = keepOf(generation);
                    lockedStep(generation, now, lastNeed, new LeaseAmounts(keep.nanos() + moreNanos,
                            keep.tokens() + moreTokens, keep.requests()));
                }
                if (!(generation == current && generation.live && fitsExtension(generation, time, moreNanos,
                        moreTokens))) {
                    return refusal(generation, moreNanos, moreTokens, now);
                }
                held.nanos += moreNanos;
                held.tokens += moreTokens;
                held.outputTokens += moreTokens;
                generation.inflightNanos += moreNanos;
                generation.inflightTokens += moreTokens;
                return admitted(held);
            } finally {
                lock.unlock();
                steps.unlock();
            }
        }

        List<CounterView> settle(Generation generation, String requestId, long costNanos, long tokens) {
            lock.lock();
            try {
                Held held = generation.requests.remove(requestId);
                if (held != null) {
                    generation.inflightNanos -= held.nanos;
                    generation.inflightTokens -= held.tokens;
                    generation.spentNanos += costNanos;
                    generation.spentTokens += tokens;
                }
                return localViews();
            } finally {
                lock.unlock();
            }
        }

        /**
         * Charges spend and resizes: the current lease when it has spend, a free part to renew or give back, or is
         * due for renewal; retired ones when they have spend. {@code spendOnly} only charges spend (reads).
         */
        void flush(Instant now, boolean spendOnly) {
            long time = now.toEpochMilli();
            steps.lock();
            try {
                lock.lock();
                boolean grow;
                try {
                    for (Iterator<Generation> it = retired.iterator(); it.hasNext(); ) {
                        Generation old = it.next();
                        if (old.hasSpend() || old.unacked != null || (old.requests.isEmpty() && !old.reported)) {
                            quietly(() -> lockedStep(old, now, LeaseAmounts.ZERO, keepOf(old)));
                        }
                        if (old.requests.isEmpty() && old.reported && !old.hasSpend() && old.unacked == null) {
                            it.remove();
                        }
                    }
                    Generation lease = current;
                    if (lease == null || !lease.live) {
                        return;
                    }
                    boolean idle = time - lastUse >= config.idleMs();
                    if (!spendOnly && lease.hasFree() && (idle || tight || suspect || lease.unacked != null)) {
                        // give back the free part: no local admission may use it meanwhile, so under the lock
                        quietly(() -> lockedStep(lease, now, idle ? LeaseAmounts.ZERO : lastNeed, keepOf(lease)));
                        return;
                    }
                    grow = lease.hasSpend() || lease.unacked != null
                            || (!spendOnly && lease.hasFree() && time - lastStep >= config.flushIntervalMs())
                            || (!spendOnly && time - lastStep >= config.ttlMs() / 4);
                } finally {
                    lock.unlock();
                }
                if (grow) {
                    quietly(() -> growingStep(now));
                }
            } finally {
                steps.unlock();
            }
        }

        /** A step the flusher runs when a busy lease's free part runs low, before admissions find it empty. */
        void refill() {
            steps.lock();
            try {
                lock.lock();
                try {
                    refillQueued = false;
                } finally {
                    lock.unlock();
                }
                quietly(() -> growingStep(clock.get()));
            } finally {
                steps.unlock();
            }
        }

        void close(Instant now) {
            steps.lock();
            lock.lock();
            try {
                if (current != null && current.live) {
                    quietly(() -> lockedStep(current, now, LeaseAmounts.ZERO, keepOf(current)));
                }
                for (Generation old : retired) {
                    if (old.hasSpend() || old.unacked != null || !old.reported) {
                        quietly(() -> lockedStep(old, now, LeaseAmounts.ZERO, keepOf(old)));
                    }
                }
            } finally {
                lock.unlock();
                steps.unlock();
            }
        }

        boolean forgettable() {
            lock.lock();
            try {
                return retired.isEmpty() && (current == null || (!current.live && current.requests.isEmpty()))
                        && clock.get().toEpochMilli() - lastUse >= config.idleMs();
            } finally {
                lock.unlock();
            }
        }

        private boolean usable(long now) {
            return current != null && current.live && !tight && !suspect && now < validUntil && now < boundary;
        }

        private boolean fitsExtension(Generation generation, long now, long moreNanos, long moreTokens) {
            return !suspect && now < validUntil && generation.fits(moreNanos, moreTokens, 0);
        }

        private Admission take(AdmissionRequest request, LeaseAmounts need) {
            Held held = new Held(need.nanos(), need.tokens(), request.worstCase().outputTokens());
            current.requests.put(request.requestId(), held);
            current.inflightNanos += held.nanos;
            current.inflightTokens += held.tokens;
            current.spentRequests++;
            admitsSinceStep++;
            byRequest.put(request.requestId(), current);
            if (!refillQueued && flusher != null && runningLow(current)) {
                refillQueued = true;
                flusher.execute(this::refill);
            }
            return admitted(held);
        }

        /** True when less than half of the last free part is left in a dimension the path limits. */
        private boolean runningLow(Generation generation) {
            return (!key.budgets().isEmpty() && generation.freeNanos() < grantedFree.nanos() / 2)
                    || (tokenWindows > 0 && generation.freeTokens() < grantedFree.tokens() / 2)
                    || (requestWindows > 0 && generation.freeRequests() < grantedFree.requests() / 2);
        }

        private Admission.Admitted admitted(Held held) {
            return new Admission.Admitted(key.budgets().isEmpty() ? 0 : held.nanos,
                    tokenWindows == 0 ? 0 : held.tokens, held.outputTokens, false, localViews());
        }

        /**
         * The counters as of the lease's last step, with what this node admitted and settled since: its spend added
         * to {@code used}, its requests in flight to {@code reserved}, both taken from {@code leased} (for the
         * response headers; other nodes' changes show at the next step).
         */
        private List<CounterView> localViews() {
            Generation lease = current;
            if (lease == null) {
                return views;
            }
            List<CounterView> adjusted = new ArrayList<>(views.size());
            for (CounterView view : views) {
                long spent;
                long inFlight;
                switch (view.kind()) {
                    case BUDGET -> {
                        spent = lease.spentNanos;
                        inFlight = lease.inflightNanos - stepInFlight.nanos();
                    }
                    case TOKENS -> {
                        spent = lease.spentTokens;
                        inFlight = lease.inflightTokens - stepInFlight.tokens();
                    }
                    default -> {
                        spent = lease.spentRequests;
                        inFlight = 0;
                    }
                }
                adjusted.add(new CounterView(view.counterId(), view.kind(), view.level(), view.ownerId(), view.limit(),
                        view.used() + spent, Math.max(0, view.reserved() + inFlight),
                        Math.max(0, view.leased() - spent - inFlight), view.resetsAt(), view.hard()));
            }
            return adjusted;
        }

        private Admission.Rejected refusal(Generation generation, long moreNanos, long moreTokens, Instant now) {
            boolean tokensShort = tokenWindows > 0 && generation.freeTokens() < moreTokens;
            CounterKind kind = tokensShort ? CounterKind.TOKENS : CounterKind.BUDGET;
            Optional<CounterView> view = views.stream().filter(v -> v.kind() == kind).findFirst();
            CounterView counter = view.orElseGet(() -> new CounterView("lease:" + key.accountId(), kind,
                    io.tollgate.cluster.ledger.Level.VIRTUAL_KEY, key.accountId(), 0, 0, 0, 0, Optional.empty(),
                    true));
            Duration retry = counter.resetsAt().map(end -> Duration.between(now, end))
                    .filter(left -> !left.isNegative()).orElse(Duration.ZERO);
            return new Admission.Rejected(tokensShort ? Admission.Reason.TOKEN_LIMITED
                    : Admission.Reason.BUDGET_EXCEEDED, counter, retry);
        }

        private LeaseAmounts keepOf(Generation generation) {
            return new LeaseAmounts(Math.max(0, generation.inflightNanos), Math.max(0, generation.inflightTokens), 0);
        }

        /** How many worst cases the free part should cover: the admissions of about four flush intervals. */
        private long wanted(long time) {
            long elapsed = Math.max(1, time - lastStep);
            long perInterval = Math.multiplyHigh(admitsSinceStep, 4 * config.flushIntervalMs()) != 0 ? Long.MAX_VALUE
                    : admitsSinceStep * 4 * config.flushIntervalMs();
            long rate = Math.ceilDiv(perInterval, elapsed);
            return Math.clamp(rate, MIN_WORST_CASES, MAX_WORST_CASES);
        }

        private void quietly(Runnable step) {
            try {
                step.run();
            } catch (RuntimeException e) {
                LOG.log(e instanceof LedgerUnavailableException ? Level.FINE : Level.WARNING,
                        "lease step failed; the lease is not used until a step succeeds", e);
            }
        }

        /**
         * A step that never shrinks the lease below what it holds now (minus the spend it charges), so admissions
         * may go on from the free part while it travels: the state lock is released during the grid call. Falls
         * back to a locked step to send a failed step again. The caller holds {@code steps}.
         */
        private void growingStep(Instant now) {
            LeaseRequest request;
            Generation generation;
            lock.lock();
            try {
                generation = current;
                if (generation == null || !generation.live) {
                    return;
                }
                if (generation.unacked != null || tight || suspect) {
                    lockedStep(generation, now, lastNeed, keepOf(generation));
                    return;
                }
                request = prepare(generation, now, lastNeed, null);
            } finally {
                lock.unlock();
            }
            LeaseGrant grant;
            try {
                grant = grid.lease(request);
            } catch (RuntimeException e) {
                lock.lock();
                try {
                    failed(generation, request, e);
                } finally {
                    lock.unlock();
                }
                throw e;
            }
            lock.lock();
            try {
                apply(generation, request, grant);
                if (tight && current == generation && generation.hasFree()) {
                    // the account became tight: give the free part back now, not at the next flush
                    lockedStep(generation, now, lastNeed, keepOf(generation));
                }
            } finally {
                lock.unlock();
            }
        }

        /**
         * One lease step under the state lock (after sending again a step that failed). {@code keep} null keeps all
         * the lease holds. The caller holds {@code steps} and {@code lock}.
         */
        private void lockedStep(Generation generation, Instant now, LeaseAmounts need, LeaseAmounts keep) {
            if (generation.unacked != null) {
                LeaseRequest again = generation.unacked;
                LeaseGrant grant;
                try {
                    grant = grid.lease(again);
                } catch (RuntimeException e) {
                    failed(generation, again, e);
                    throw e;
                }
                generation.unacked = null;
                apply(generation, again, grant);
                if (!generation.live) {
                    return;
                }
            }
            LeaseRequest request = prepare(generation, now, need, keep);
            LeaseGrant grant;
            try {
                grant = grid.lease(request);
            } catch (RuntimeException e) {
                failed(generation, request, e);
                throw e;
            }
            apply(generation, request, grant);
        }

        /**
         * The next step of a generation: takes its spend out of the local books (the grid charges it and lowers the
         * hold by it), so whatever happens to the call, the spend is sent exactly once more at most (a repeated
         * step number changes nothing). {@code keep} null keeps everything the lease holds after the charge.
         */
        private LeaseRequest prepare(Generation generation, Instant now, LeaseAmounts need, LeaseAmounts keep) {
            // everything that may fail comes before the books change: a step that was never built must lose nothing
            int memberCount = memberCount();
            long time = now.toEpochMilli();
            long wanted = wanted(time);
            LeaseAmounts spent = new LeaseAmounts(Math.max(0, generation.spentNanos),
                    Math.max(0, generation.spentTokens), Math.max(0, generation.spentRequests));
            generation.spentNanos -= spent.nanos();
            generation.spentTokens -= spent.tokens();
            generation.spentRequests -= spent.requests();
            generation.holdNanos = Math.max(0, generation.holdNanos - spent.nanos());
            generation.holdTokens = Math.max(0, generation.holdTokens - spent.tokens());
            generation.holdRequests = Math.max(0, generation.holdRequests - spent.requests());
            LeaseAmounts kept = keep != null ? keep
                    : new LeaseAmounts(generation.holdNanos, generation.holdTokens, generation.holdRequests);
            LeaseRequest request = new LeaseRequest(key.accountId(), generation.id, ++generation.seq, now,
                    key.budgets(), key.windows(), spent, kept, keepOf(generation), need, wanted, memberCount,
                    Duration.ofMillis(config.ttlMs()));
            if (generation == current) {
                admitsSinceStep = 0;
                lastStep = time;
            }
            return request;
        }

        /**
         * A step failed: kept to send again. While the grid's members change the lease stays usable (its hold is on
         * the grid, and this node's books never count more free than the grid holds); any other failure (the store,
         * a lost quorum) stops local admissions until a step goes through.
         */
        private void failed(Generation generation, LeaseRequest request, RuntimeException e) {
            generation.unacked = request;
            boolean changing = e instanceof LedgerUnavailableException unavailable && unavailable.membersChanging();
            if (generation == current && !changing) {
                suspect = true;
            }
        }

        private void apply(Generation generation, LeaseRequest request, LeaseGrant grant) {
            generation.holdNanos = grant.hold().nanos();
            generation.holdTokens = grant.hold().tokens();
            generation.holdRequests = grant.hold().requests();
            if (generation != current) {
                generation.live = grant.live();
                generation.reported |= request.keep().isZero() && request.need().isZero();
                return;
            }
            long time = request.now().toEpochMilli();
            suspect = false;
            views = grant.counters();
            stepInFlight = request.inFlight();
            tight = grant.tight();
            retryAt = time + config.flushIntervalMs();
            validUntil = time + config.ttlMs() / 2;
            boundary = views.stream().map(CounterView::resetsAt).flatMap(Optional::stream)
                    .mapToLong(Instant::toEpochMilli).min().orElse(Long.MAX_VALUE);
            grantedFree = new LeaseAmounts(Math.max(0, generation.freeNanos()), Math.max(0, generation.freeTokens()),
                    Math.max(0, generation.freeRequests()));
            everLeased |= !grantedFree.isZero();
            if (!grant.live()) {
                // closed, moved, or charged in full after it expired: the generation reports its last spend (and,
                // once its requests are settled, that it is done) under its own id; the next admission opens a new one
                generation.live = false;
                generation.reported = request.keep().isZero() && request.need().isZero();
                retired.add(generation);
                current = null;
            }
        }
    }
}
