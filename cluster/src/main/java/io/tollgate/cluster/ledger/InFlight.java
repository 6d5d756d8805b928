package io.tollgate.cluster.ledger;

import io.tollgate.cluster.ledger.Reservation.Forward;
import io.tollgate.cluster.ledger.Reservation.Tombstone;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The life of a reservation after admission: extension, settlement, reclaim. Steps of {@link AccountState}. */
final class InFlight {

    private InFlight() {
    }

    static AccountAnswer<Admission> extend(AccountState state, String requestId, long moreNanos, long moreTokens,
                                           Instant now) {
        AccountState.checkAmounts("extension", moreNanos, moreTokens);
        long time = now.toEpochMilli();
        state.pruneHeads(time);
        Reservation reservation = state.reservations.get(requestId);
        Forward forward = state.forwards.get(requestId);
        if (reservation == null && forward != null) {
            state.forwards.put(requestId, new Forward(forward.accountId(), forward.ttl(), time + 3 * forward.ttl()));
            return new AccountAnswer<>(notExtendable(state, requestId, null, now), Optional.of(forward.accountId()));
        }
        if (reservation == null || reservation.expiresAt <= time || forward != null) {
            return AccountAnswer.here(notExtendable(state, requestId, reservation, now));
        }
        List<Counter> windows = state.present(reservation.tokenWindows, now);
        List<Counter> budgets = state.present(reservation.hardBudgets, now);
        for (Counter window : windows) {
            if (window.available() < moreTokens) {
                return AccountAnswer.here(rejected(state, Admission.Reason.TOKEN_LIMITED, window, now));
            }
        }
        for (Counter budget : budgets) {
            if (budget.available() < moreNanos) {
                return AccountAnswer.here(rejected(state, Admission.Reason.BUDGET_EXCEEDED, budget, now));
            }
        }
        windows.forEach(window -> window.reserved += moreTokens);
        budgets.forEach(budget -> budget.reserved += moreNanos);
        reservation.nanos += moreNanos;
        reservation.tokens += moreTokens;
        reservation.outputTokens += moreTokens;
        reservation.expiresAt = time + reservation.ttl;
        return AccountAnswer.here(reservation.answer(state.views(reservation.counterIds(), now)));
    }

    static AccountAnswer<List<CounterView>> settle(AccountState state, String requestId, long costNanos, long tokens,
                                                   Instant now) {
        AccountState.checkAmounts("settlement", costNanos, tokens);
        long time = now.toEpochMilli();
        state.pruneHeads(time);
        Optional<String> forward = Optional.ofNullable(state.forwards.get(requestId)).map(Forward::accountId);
        Reservation reservation = state.reservations.remove(requestId);
        if (reservation != null) {
            charge(state, reservation.hardBudgets, reservation.nanos, costNanos, now);
            charge(state, reservation.softBudgets, 0, costNanos, now);
            charge(state, reservation.tokenWindows, reservation.tokens, tokens, now);
            // no settled-id list: a second settlement finds neither reservation nor tombstone and changes nothing,
            // and the account (written through to the database on every change) stays as small as its requests
            // in flight
            return new AccountAnswer<>(state.views(reservation.counterIds(), now), forward);
        }
        Tombstone tombstone = state.reclaimed.remove(requestId);
        if (tombstone != null) {
            charge(state, tombstone.budgets(), 0, costNanos, now);
            charge(state, tombstone.tokenWindows(), 0, tokens, now);
            List<String> ids = new ArrayList<>(tombstone.budgets());
            ids.addAll(tombstone.tokenWindows());
            return new AccountAnswer<>(state.views(ids, now), forward);
        }
        return new AccountAnswer<>(forward.isPresent() ? List.of() : state.counters(now), forward);
    }

    static int reclaimExpired(AccountState state, Instant now) {
        long time = now.toEpochMilli();
        int released = 0;
        for (Iterator<Reservation> it = state.reservations.values().iterator(); it.hasNext(); ) {
            Reservation reservation = it.next();
            if (reservation.expiresAt <= time && reservation.lease) {
                // a node that stopped renewing its lease may have spent all of it: charge what it held
                charge(state, reservation.hardBudgets, reservation.nanos, reservation.nanos, now);
                charge(state, reservation.tokenWindows, reservation.tokens, reservation.tokens, now);
                charge(state, reservation.requestWindows, reservation.requests, reservation.requests, now);
                state.expiredLeases.put(reservation.requestId, new ExpiredLease(reservation.hardBudgets,
                        reservation.tokenWindows, reservation.requestWindows, new LeaseAmounts(reservation.nanos,
                        reservation.tokens, reservation.requests), time,
                        time + Math.max(2 * reservation.ttl, ExpiredLease.KEEP_MILLIS), LeaseAmounts.ZERO,
                        reservation.seq));
                it.remove();
                released++;
            } else if (reservation.expiresAt <= time) {
                release(state, reservation.hardBudgets, reservation.nanos);
                release(state, reservation.tokenWindows, reservation.tokens);
                state.reclaimed.put(reservation.requestId, reservation.tombstone(time));
                it.remove();
                released++;
            }
        }
        return released;
    }

    /** The refusal of an extension without a live reservation: its first budget (or the account's), zero wait. */
    private static Admission.Rejected notExtendable(AccountState state, String requestId, Reservation reservation,
                                                    Instant now) {
        List<String> candidates = new ArrayList<>();
        if (reservation != null) {
            candidates.addAll(reservation.counterIds());
        }
        Tombstone tombstone = state.reclaimed.get(requestId);
        if (tombstone != null) {
            candidates.addAll(tombstone.budgets());
        }
        state.counters.values().stream().filter(counter -> counter.is(CounterKind.BUDGET))
                .forEach(counter -> candidates.add(counter.id));
        CounterView view = candidates.stream().map(state.counters::get).filter(Objects::nonNull).findFirst()
                .map(counter -> state.view(counter, now))
                .orElseGet(() -> new CounterView("reservation:" + requestId, CounterKind.BUDGET, Level.VIRTUAL_KEY,
                        requestId, 0, 0, 0, 0, Optional.empty(), true));
        return new Admission.Rejected(Admission.Reason.BUDGET_EXCEEDED, view, Duration.ZERO);
    }

    private static Admission.Rejected rejected(AccountState state, Admission.Reason reason, Counter counter,
                                               Instant now) {
        return new Admission.Rejected(reason, state.view(counter, now), counter.untilEnd(now));
    }

    static void charge(AccountState state, List<String> ids, long held, long amount, Instant now) {
        for (Counter counter : state.present(ids, now)) {
            counter.release(held);
            counter.used += amount;
        }
    }

    private static void release(AccountState state, List<String> ids, long held) {
        for (String id : ids) {
            Counter counter = state.counters.get(id);
            if (counter != null) {
                counter.release(held);
            }
        }
    }
}
