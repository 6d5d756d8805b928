package io.tollgate.cluster.ledger;

import io.tollgate.cluster.ledger.Reservation.Forward;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Leases: a node holds a bounded part of an account's room (a reservation like a request's, on every budget and
 * window of a path) and admits and settles requests against it locally; each step charges what it spent and resizes
 * what it holds. Steps of {@link AccountState}.
 *
 * <p>Sizing, per dimension (nano-dollars on the budgets, tokens on the token windows, requests on the request
 * windows): the lease keeps what the node asks to keep (its requests in flight, or everything it holds), plus a free
 * part of at most the worst cases it wants (its recent rate) and at most 1 / ({@value #SHARE} × members) of the room
 * left. When that
 * free part would be under {@value #TIGHT_WORST_CASES} worst cases in any dimension the account is <em>tight</em>:
 * no free part at all, and the node admits request by request, so the last of a limit fills exactly as on one
 * node. A lease grows only into what is available and may always shrink.
 */
final class Leases {

    /** The free part is at most this fraction, divided by the members, of the room left. */
    static final long SHARE = 4;
    /** Below this many worst cases the account is tight: no free part. */
    static final long TIGHT_WORST_CASES = 2;

    private Leases() {
    }

    static AccountAnswer<LeaseGrant> step(AccountState state, LeaseRequest request) {
        Instant now = request.now();
        long time = now.toEpochMilli();
        state.pruneHeads(time);
        String id = request.leaseId();
        Reservation lease = state.reservations.get(id);
        Forward forward = state.forwards.get(id);
        if (lease != null && !lease.lease) {
            throw new IllegalArgumentException("'" + id + "' is a request's reservation, not a lease");
        }
        if (lease != null && forward == null && request.seq() <= lease.seq) {
            return AccountAnswer.here(grant(state, lease, false, request));
        }
        if (lease != null && forward == null) {
            return AccountAnswer.here(renew(state, lease, request));
        }
        ExpiredLease expired = state.expiredLeases.get(id);
        if (expired != null) {
            return AccountAnswer.here(report(state, expired, request));
        }
        boolean known = lease != null || forward != null || state.reclaimed.containsKey(id)
                || state.settled.containsKey(id);
        if (!known && request.spent().isZero() && request.keep().isZero()) {
            return AccountAnswer.here(open(state, request));
        }
        return gone(state, lease, forward, request);
    }

    /** A new lease: its counters with their latest specs, holding what it is granted. */
    private static LeaseGrant open(AccountState state, LeaseRequest request) {
        Instant now = request.now();
        List<String> budgets = new ArrayList<>();
        List<String> tokenWindows = new ArrayList<>();
        List<String> requestWindows = new ArrayList<>();
        for (BudgetCharge charge : request.budgets()) {
            state.counters.put(charge.counterId(), AdmissionGate.resolve(state.counters, charge, now));
            budgets.add(charge.counterId());
        }
        for (WindowCharge charge : request.windows()) {
            state.counters.put(charge.counterId(), AdmissionGate.resolve(state.counters, charge, now));
            (charge.kind() == CounterKind.REQUESTS ? requestWindows : tokenWindows).add(charge.counterId());
        }
        long ttl = request.ttl().toMillis();
        Reservation lease = new Reservation(request.leaseId(), ttl, now.toEpochMilli() + ttl, 0, 0, 0, false,
                budgets, List.of(), tokenWindows, true, 0, request.seq(), requestWindows);
        state.reservations.put(lease.requestId, lease);
        return resize(state, lease, request, true);
    }

    /** A step of a live lease: adopt the latest specs, charge the spend, resize. */
    private static LeaseGrant renew(AccountState state, Reservation lease, LeaseRequest request) {
        // specs are adopted when a lease opens (and by every admission), never by a later step: a node's lease on
        // an older definition must not bring back the limits it was opened with
        Instant now = request.now();
        lease.seq = request.seq();
        LeaseAmounts spent = request.spent();
        InFlight.charge(state, lease.hardBudgets, Math.min(lease.nanos, spent.nanos()), spent.nanos(), now);
        InFlight.charge(state, lease.tokenWindows, Math.min(lease.tokens, spent.tokens()), spent.tokens(), now);
        InFlight.charge(state, lease.requestWindows, Math.min(lease.requests, spent.requests()), spent.requests(),
                now);
        lease.nanos = Math.max(0, lease.nanos - spent.nanos());
        lease.tokens = Math.max(0, lease.tokens - spent.tokens());
        lease.requests = Math.max(0, lease.requests - spent.requests());
        return resize(state, lease, request, false);
    }

    /**
     * A late step of a lease charged in full when it expired: its spend adds to the report; the final step (nothing
     * kept, nothing needed: the node's requests of that lease are all settled) replaces the full charge with the
     * report, on every counter still in the period it was charged in (a refund never lowers a later period; a report
     * above the charge is always added).
     */
    private static LeaseGrant report(AccountState state, ExpiredLease expired, LeaseRequest request) {
        Instant now = request.now();
        String id = request.leaseId();
        if (request.seq() > expired.seq) {
            expired.seq = request.seq();
            expired.report(request.spent());
            if (request.keep().isZero() && request.need().isZero()) {
                adjust(state, expired.budgets, expired.reported.nanos() - expired.held.nanos(), expired.chargedAt, now);
                adjust(state, expired.tokenWindows, expired.reported.tokens() - expired.held.tokens(),
                        expired.chargedAt, now);
                adjust(state, expired.requestWindows, expired.reported.requests() - expired.held.requests(),
                        expired.chargedAt, now);
                state.expiredLeases.remove(id);
                state.settled.put(id, now.toEpochMilli() + ExpiredLease.KEEP_MILLIS);
            }
        }
        return new LeaseGrant(LeaseAmounts.ZERO, false, false, state.views(ids(request), now));
    }

    private static void adjust(AccountState state, List<String> ids, long delta, long chargedAt, Instant now) {
        for (Counter counter : state.present(ids, now)) {
            if (delta >= 0) {
                counter.used += delta;
            } else if (counter.start <= chargedAt) {
                counter.used = Math.max(0, counter.used + delta);
            }
        }
    }

    /**
     * The lease is gone (closed, or moved): charge its spend unless it was already charged, drop what is left of it
     * here, and send the rest of the step where it moved.
     */
    private static AccountAnswer<LeaseGrant> gone(AccountState state, Reservation lease, Forward forward,
                                                  LeaseRequest request) {
        Instant now = request.now();
        String id = request.leaseId();
        boolean charged = state.settled.containsKey(id);
        LeaseAmounts spent = request.spent();
        if (lease != null) {
            // part of a lease whose other counters moved: charge the spend here, hold nothing more
            InFlight.charge(state, lease.hardBudgets, lease.nanos, spent.nanos(), now);
            InFlight.charge(state, lease.tokenWindows, lease.tokens, spent.tokens(), now);
            InFlight.charge(state, lease.requestWindows, lease.requests, spent.requests(), now);
            state.reservations.remove(id);
        } else if (!charged) {
            // a lease this account no longer remembers: charge its spend (never less); counters that moved away
            // are charged where the forward leads, the others here
            List<String> budgets = new ArrayList<>();
            List<String> tokenWindows = new ArrayList<>();
            List<String> requestWindows = new ArrayList<>();
            for (BudgetCharge charge : request.budgets()) {
                createMissing(state, charge.counterId(), forward, () -> Counter.budget(charge, now));
                budgets.add(charge.counterId());
            }
            for (WindowCharge charge : request.windows()) {
                createMissing(state, charge.counterId(), forward, () -> Counter.window(charge, now));
                (charge.kind() == CounterKind.REQUESTS ? requestWindows : tokenWindows).add(charge.counterId());
            }
            InFlight.charge(state, budgets, 0, spent.nanos(), now);
            InFlight.charge(state, tokenWindows, 0, spent.tokens(), now);
            InFlight.charge(state, requestWindows, 0, spent.requests(), now);
        }
        Optional<String> next = Optional.ofNullable(forward).map(Forward::accountId);
        if (forward != null) {
            state.forwards.put(id, new Forward(forward.accountId(), forward.ttl(),
                    now.toEpochMilli() + 3 * forward.ttl()));
        }
        return new AccountAnswer<>(new LeaseGrant(LeaseAmounts.ZERO, false, false, state.views(ids(request), now)),
                next);
    }

    /** Creates a missing counter, unless a forward says the lease's counters moved away. */
    private static void createMissing(AccountState state, String counterId, Forward forward,
                                      Supplier<Counter> create) {
        if (forward == null && !state.counters.containsKey(counterId)) {
            state.counters.put(counterId, create.get());
        }
    }

    /** Sizes the lease (see the class comment) and renews its TTL; closes it when it holds nothing. */
    private static LeaseGrant resize(AccountState state, Reservation lease, LeaseRequest request, boolean opening) {
        Instant now = request.now();
        LeaseAmounts keep = request.keep();
        LeaseAmounts need = request.need();
        List<Counter> budgets = state.present(lease.hardBudgets, now);
        List<Counter> tokenWindows = state.present(lease.tokenWindows, now);
        List<Counter> requestWindows = state.present(lease.requestWindows, now);
        long availableNanos = minAvailable(budgets);
        long availableTokens = minAvailable(tokenWindows);
        long availableRequests = minAvailable(requestWindows);
        long wanted = request.wanted();
        int members = request.members();
        long freeNanos = free(budgets, availableNanos, lease.nanos, need.nanos(), wanted, members);
        long freeTokens = free(tokenWindows, availableTokens, lease.tokens, need.tokens(), wanted, members);
        long freeRequests = free(requestWindows, availableRequests, lease.requests, need.requests(), wanted, members);
        boolean tight = freeNanos < 0 || freeTokens < 0 || freeRequests < 0;
        if (tight || need.isZero()) {
            freeNanos = 0;
            freeTokens = 0;
            freeRequests = 0;
        }
        lease.nanos = hold(budgets, lease.nanos, keep.nanos(), freeNanos, availableNanos);
        lease.tokens = hold(tokenWindows, lease.tokens, keep.tokens(), freeTokens, availableTokens);
        lease.requests = hold(requestWindows, lease.requests, keep.requests(), freeRequests, availableRequests);
        lease.keepNanos = Math.min(request.inFlight().nanos(), lease.nanos);
        lease.keepTokens = Math.min(request.inFlight().tokens(), lease.tokens);
        long time = now.toEpochMilli();
        if (lease.nanos == 0 && lease.tokens == 0 && lease.requests == 0 && keep.isZero()) {
            state.reservations.remove(lease.requestId);
            if (!opening || !request.spent().isZero()) {
                // remembered so the closing step sent again charges nothing; a lease that closes as it opens (a tight
                // account) held and charged nothing, and is not worth a line in the account
                state.settled.put(lease.requestId, time + 2 * lease.ttl);
            }
            return new LeaseGrant(LeaseAmounts.ZERO, false, tight, state.views(ids(request), now));
        }
        lease.expiresAt = time + lease.ttl;
        return grant(state, lease, tight, request);
    }

    /**
     * The free part in one dimension: at most {@code wanted} worst cases and a share of the room (what is available
     * plus what this lease holds); -1 when that is under {@link #TIGHT_WORST_CASES} worst cases; 0 for a dimension
     * the path does not limit or the request does not use.
     */
    private static long free(List<Counter> counters, long available, long held, long need, long wanted,
                             int members) {
        if (counters.isEmpty() || need == 0) {
            return 0;
        }
        long room = saturatedAdd(available, held);
        long free = Math.min(saturatedMultiply(need, wanted), Math.max(0, room) / (SHARE * members));
        return free < saturatedMultiply(need, TIGHT_WORST_CASES) ? -1 : free;
    }

    /** The new hold: shrinking is always allowed, growing only into what is available. Moves the counters' holds. */
    private static long hold(List<Counter> counters, long held, long keep, long free, long available) {
        if (counters.isEmpty()) {
            return 0;
        }
        long target = saturatedAdd(keep, free);
        long next = target <= held ? target : held + Math.min(target - held, Math.max(0, available));
        long delta = next - held;
        for (Counter counter : counters) {
            if (delta >= 0) {
                counter.reserved += delta;
            } else {
                counter.release(-delta);
            }
        }
        return next;
    }

    /**
     * The free parts of the leases among {@code reservations}, per counter id: each lease's hold beyond what its
     * requests in flight held at its last step (its request slots all count as free: a request uses its slot when
     * admitted). Empty when there is no lease.
     */
    static Map<String, Long> free(Collection<Reservation> reservations) {
        Map<String, Long> free = null;
        for (Reservation reservation : reservations) {
            if (!reservation.lease) {
                continue;
            }
            if (free == null) {
                free = new HashMap<>();
            }
            long nanos = Math.max(0, reservation.nanos - reservation.keepNanos);
            long tokens = Math.max(0, reservation.tokens - reservation.keepTokens);
            for (String id : reservation.hardBudgets) {
                free.merge(id, nanos, Long::sum);
            }
            for (String id : reservation.tokenWindows) {
                free.merge(id, tokens, Long::sum);
            }
            for (String id : reservation.requestWindows) {
                free.merge(id, reservation.requests, Long::sum);
            }
        }
        return free == null ? Map.of() : free;
    }

    private static long minAvailable(List<Counter> counters) {
        long min = Long.MAX_VALUE;
        for (Counter counter : counters) {
            min = Math.min(min, counter.available());
        }
        return min;
    }

    private static LeaseGrant grant(AccountState state, Reservation lease, boolean tight, LeaseRequest request) {
        return new LeaseGrant(new LeaseAmounts(lease.nanos, lease.tokens, lease.requests), true, tight,
                state.views(ids(request), request.now()));
    }

    private static List<String> ids(LeaseRequest request) {
        List<String> ids = new ArrayList<>();
        request.budgets().forEach(charge -> ids.add(charge.counterId()));
        request.windows().forEach(charge -> ids.add(charge.counterId()));
        return ids;
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return ((a ^ sum) & (b ^ sum)) < 0 ? (a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE) : sum;
    }

    private static long saturatedMultiply(long a, long b) {
        long high = Math.multiplyHigh(a, b);
        long low = a * b;
        return (high == 0 && low >= 0) || (high == -1 && low < 0) ? low : Long.MAX_VALUE;
    }
}
