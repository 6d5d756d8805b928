package io.tollgate.cluster.ledger;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import io.tollgate.cluster.grid.GridSerialization;
import io.tollgate.cluster.ledger.Reservation.Forward;
import io.tollgate.cluster.ledger.Reservation.Tombstone;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToLongFunction;

/**
 * Every counter of one account (a hierarchy's root and everything below it) with the reservations of its requests
 * in flight, and the ledger's rules applied to them: the one implementation both {@link InMemoryBudgetLedger} and
 * the Hazelcast ledger run. Each method is one atomic step; NOT thread-safe: the caller serializes access (a lock,
 * or Hazelcast's partition thread). Time comes only from the {@code now} arguments, so replaying a step on a backup
 * gives the same state.
 *
 * <p>Counters roll to the period containing {@code now} lazily, when touched: usage restarts, reservations carry
 * over (their settlement counts in the new period). Settled request ids are kept for twice the reservation TTL so a
 * repeated settlement changes nothing; a reclaimed reservation leaves a tombstone for as long so a late settlement
 * is still charged. Serialized with a leading format version byte ({@value #FORMAT_VERSION}).
 */
public final class AccountState implements IdentifiedDataSerializable {

    /** The grid type id of account states (wire format: never change). */
    public static final int TYPE_ID = 1;
    /** The version of the serialized form, written first. */
    public static final byte FORMAT_VERSION = AccountFormat.VERSION;

    final Map<String, Counter> counters = new LinkedHashMap<>();
    final Map<String, Reservation> reservations = new LinkedHashMap<>();
    /** Settled request id to when it is forgotten (epoch ms), oldest first. */
    final Map<String, Long> settled = new LinkedHashMap<>();
    final Map<String, Tombstone> reclaimed = new LinkedHashMap<>();
    final Map<String, Forward> forwards = new LinkedHashMap<>();
    /** Leases charged in full when they expired, waiting for their node's report, oldest first. */
    final Map<String, ExpiredLease> expiredLeases = new LinkedHashMap<>();

    private AccountState() {
    }

    /** An empty account. */
    public static AccountState create() {
        return new AccountState();
    }

    /**
     * Admits a request on every counter of its path, or on none (see {@link BudgetLedger#admit}). An id that already
     * holds a reservation gets its answer again and changes nothing.
     *
     * @throws IllegalArgumentException when the request is not valid (see {@link #checkAdmission})
     */
    public Admission admit(AdmissionRequest request) {
        checkAdmission(request);
        Instant now = request.now();
        Reservation existing = reservations.get(request.requestId());
        if (existing != null) {
            List<String> ids = new ArrayList<>();
            request.budgets().forEach(charge -> ids.add(charge.counterId()));
            request.windows().forEach(charge -> ids.add(charge.counterId()));
            return existing.answer(views(ids, now));
        }
        pruneHeads(now.toEpochMilli());
        Admission answer = new AdmissionGate(counters, request).admit(counters, reservations);
        if (answer instanceof Admission.Admitted) {
            settled.remove(request.requestId());
            reclaimed.remove(request.requestId());
        }
        return answer;
    }

    /**
     * Reserves more for a request in flight on its hard budgets and token windows, all or nothing, and renews its
     * TTL. An unknown or expired reservation (or one a move split across accounts) is refused on its first budget
     * with zero retry-after. The output allowance grows by {@code moreTokens}.
     *
     * @throws IllegalArgumentException when an amount is negative
     */
    public AccountAnswer<Admission> extend(String requestId, long moreNanos, long moreTokens, Instant now) {
        return InFlight.extend(this, requestId, moreNanos, moreTokens, now);
    }

    /**
     * Charges a request's actual cost to every budget it was admitted on (hard and soft) and its tokens to its token
     * windows, and releases its reservation. A reclaimed reservation's counters are still charged. Settling an id
     * again, or an id this account never saw, changes nothing and answers every counter of the account.
     *
     * @throws IllegalArgumentException when an amount is negative
     */
    public AccountAnswer<List<CounterView>> settle(String requestId, long costNanos, long tokens, Instant now) {
        return InFlight.settle(this, requestId, costNanos, tokens, now);
    }

    /**
     * One step of a node's lease (see {@link BudgetLedger#lease}): opens it, or charges its spend and resizes it, or
     * (gone) charges the spend unless the lease was already charged in full.
     *
     * @throws IllegalArgumentException when the id names a request's reservation
     */
    public AccountAnswer<LeaseGrant> lease(LeaseRequest request) {
        return Leases.step(this, request);
    }

    /**
     * Releases (does not charge) every reservation whose TTL has passed, leaving a tombstone so a late settlement is
     * still charged. An expired lease is charged everything it held instead: its node stopped renewing it and may
     * have spent all of it.
     *
     * @return how many reservations were released
     */
    public int reclaimExpired(Instant now) {
        return InFlight.reclaimExpired(this, now);
    }

    /** Every counter, as it stands rolled to {@code now}; changes nothing. */
    public List<CounterView> counters(Instant now) {
        List<CounterView> views = new ArrayList<>(counters.size());
        Map<String, Long> leased = Leases.free(reservations.values());
        counters.values().forEach(counter -> views.add(counter.viewAt(now, leased.getOrDefault(counter.id, 0L))));
        return views;
    }

    /** Sets the usage of these counters to zero in their current period; holds stay. Unknown ids are ignored. */
    public void reset(Collection<String> counterIds, Instant now) {
        for (Counter counter : present(counterIds, now)) {
            counter.used = 0;
        }
    }

    /**
     * Takes these counters out of this account, with the parts of reservations that hold on them, and returns them
     * as an account to {@link #attach} to {@code toAccountId}; this account then forwards those requests' extensions
     * and settlements there.
     */
    public AccountState detach(Collection<String> counterIds, String toAccountId, Instant now) {
        return Moves.detach(this, counterIds, toAccountId, now);
    }

    /** Takes in what {@link #detach} took out of another account; a counter present here adds the moved usage. */
    public void attach(AccountState moved, Instant now) {
        Moves.attach(this, moved, now);
    }

    /** Forgets these counters (their owner was deleted); reservations stop holding on them. */
    public void remove(Collection<String> counterIds) {
        counterIds.forEach(counters::remove);
        reservations.values().forEach(reservation -> reservation.drop(counterIds));
    }

    /**
     * Forgets settled ids, tombstones and forwards whose time has passed.
     *
     * @return true when something was forgotten
     */
    public boolean prune(Instant now) {
        long time = now.toEpochMilli();
        boolean settledPruned = settled.values().removeIf(pruneAt -> pruneAt <= time);
        boolean reclaimedPruned = reclaimed.values().removeIf(tombstone -> tombstone.pruneAt() <= time);
        boolean forwardsPruned = forwards.values().removeIf(forward -> forward.pruneAt() <= time);
        boolean leasesPruned = expiredLeases.values().removeIf(lease -> lease.pruneAt <= time);
        return settledPruned || reclaimedPruned || forwardsPruned || leasesPruned;
    }

    /** True when nothing is left: no counter, reservation, settled id, tombstone or forward. */
    public boolean isEmpty() {
        return counters.isEmpty() && reservations.isEmpty() && settled.isEmpty() && reclaimed.isEmpty()
                && forwards.isEmpty() && expiredLeases.isEmpty();
    }

    /**
     * Checks what {@link #admit} would refuse with an exception, so a caller can do it before sending the request
     * to the grid: counter ids repeated on one path, a worst case or limit out of range, a TTL under 1 ms.
     *
     * @throws IllegalArgumentException naming the problem
     */
    public static void checkAdmission(AdmissionRequest request) {
        Set<String> ids = new HashSet<>();
        request.budgets().forEach(charge -> requireUnique(ids, charge.counterId()));
        request.windows().forEach(charge -> requireUnique(ids, charge.counterId()));
        try {
            request.worstCase().totalNanos();
            request.worstCase().totalTokens();
            request.budgets().forEach(charge -> charge.spec().maxLimitNanos());
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("worst case or budget limit out of range for request '"
                    + request.requestId() + "': " + e.getMessage(), e);
        }
        if (request.reservationTtl().isNegative() || request.reservationTtl().toMillis() < 1) {
            throw new IllegalArgumentException("reservation TTL must be at least 1 ms, was " + request.reservationTtl());
        }
    }

    /**
     * Checks the amounts of an extension or a settlement.
     *
     * @param what {@code extension} or {@code settlement}, for the message
     * @throws IllegalArgumentException when one is negative
     */
    public static void checkAmounts(String what, long nanos, long tokens) {
        if (nanos < 0 || tokens < 0) {
            throw new IllegalArgumentException(what + " amounts must not be negative, were " + nanos + " nanos and "
                    + tokens + " tokens");
        }
    }

    private static void requireUnique(Set<String> ids, String id) {
        if (!ids.add(id)) {
            throw new IllegalArgumentException("counter id '" + id + "' appears twice on one request's path");
        }
    }

    /** The counters of these ids that exist, rolled to {@code now}. */
    List<Counter> present(Collection<String> ids, Instant now) {
        List<Counter> found = new ArrayList<>(ids.size());
        for (String id : ids) {
            Counter counter = counters.get(id);
            if (counter != null) {
                counter.roll(now);
                found.add(counter);
            }
        }
        return found;
    }

    /** A view of one counter, with the leases' free parts on it. */
    CounterView view(Counter counter, Instant now) {
        return counter.viewAt(now, Leases.free(reservations.values()).getOrDefault(counter.id, 0L));
    }

    /** Views of the counters of these ids that exist, without changing them. */
    List<CounterView> views(List<String> ids, Instant now) {
        List<CounterView> views = new ArrayList<>(ids.size());
        Map<String, Long> leased = Leases.free(reservations.values());
        for (String id : ids) {
            Counter counter = counters.get(id);
            if (counter != null) {
                views.add(counter.viewAt(now, leased.getOrDefault(id, 0L)));
            }
        }
        return views;
    }

    /** Cheap pruning on the hot path: only from the oldest end of each map. */
    void pruneHeads(long time) {
        pruneHead(settled, pruneAt -> pruneAt, time);
        pruneHead(reclaimed, Tombstone::pruneAt, time);
        pruneHead(forwards, Forward::pruneAt, time);
        pruneHead(expiredLeases, lease -> lease.pruneAt, time);
    }

    private static <V> void pruneHead(Map<String, V> map, ToLongFunction<V> pruneAt, long time) {
        for (Iterator<V> it = map.values().iterator(); it.hasNext(); ) {
            if (pruneAt.applyAsLong(it.next()) > time) {
                return;
            }
            it.remove();
        }
    }

    /** Writes the versioned binary form. */
    /**
     * A deep copy. A changing step works on a copy and stores it only when it succeeded, so a write-through that
     * fails leaves the state the grid holds as it was (the map keeps values as objects, so changing them in place
     * would survive a failed write).
     */
    public AccountState copy() {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(256);
        try (java.io.DataOutputStream out = new java.io.DataOutputStream(bytes)) {
            writeTo(out);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        try (java.io.DataInputStream in = new java.io.DataInputStream(
                new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
            return readFrom(in);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public void writeTo(DataOutput out) throws IOException {
        AccountFormat.write(this, out);
    }

    /**
     * Reads what {@link #writeTo} wrote.
     *
     * @throws IOException when the stream ends early or carries an unknown format version
     */
    public static AccountState readFrom(DataInput in) throws IOException {
        AccountState state = new AccountState();
        AccountFormat.read(state, in);
        return state;
    }

    @Override
    public int getFactoryId() {
        return GridSerialization.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return TYPE_ID;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        AccountFormat.write(this, out);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        AccountFormat.read(this, in);
    }
}
