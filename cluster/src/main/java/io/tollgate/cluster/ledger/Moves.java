package io.tollgate.cluster.ledger;

import io.tollgate.cluster.ledger.Reservation.Forward;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Counters changing account (their owner moved in the hierarchy): the two halves, run on the two accounts one after
 * the other. A reservation follows its moved counters; the part holding on counters that stay, stays; the old
 * account keeps a forward so the request's settlement (sent to the account it was admitted on) reaches both parts.
 */
final class Moves {

    private Moves() {
    }

    static AccountState detach(AccountState from, Collection<String> counterIds, String toAccountId, Instant now) {
        Set<String> wanted = new HashSet<>(counterIds);
        List<String> moving = from.counters.keySet().stream().filter(wanted::contains).toList();
        AccountState moved = AccountState.create();
        moving.forEach(id -> moved.counters.put(id, from.counters.remove(id)));
        for (Iterator<Reservation> it = from.reservations.values().iterator(); it.hasNext(); ) {
            Reservation reservation = it.next();
            if (reservation.touchesAny(moving)) {
                moved.reservations.put(reservation.requestId, reservation.only(wanted::contains));
                reservation.drop(moving);
                if (reservation.counterIds().isEmpty()) {
                    it.remove();
                }
                from.forwards.put(reservation.requestId, new Forward(toAccountId, reservation.ttl,
                        Math.max(now.toEpochMilli(), reservation.expiresAt) + 2 * reservation.ttl));
            }
        }
        return moved;
    }

    static void attach(AccountState to, AccountState moved, Instant now) {
        moved.counters.forEach((id, counter) -> {
            Counter existing = to.counters.get(id);
            if (existing == null) {
                counter.roll(now);
                to.counters.put(id, counter);
            } else {
                existing.absorb(counter, now);
            }
        });
        moved.reservations.forEach((id, reservation) -> {
            to.reservations.merge(id, reservation, Reservation::merge);
            to.forwards.remove(id);
        });
    }
}
