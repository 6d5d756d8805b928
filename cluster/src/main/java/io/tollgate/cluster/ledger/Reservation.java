package io.tollgate.cluster.ledger;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Predicate;

/**
 * What one request in flight holds: the same amount on every hard budget and on every token window it was admitted
 * on, nothing on its soft budgets (listed so settlement charges them), and the answer its admission gave. Times are
 * epoch milliseconds. Not thread-safe.
 */
final class Reservation {

    final String requestId;
    final long ttl;
    long expiresAt;
    long nanos;
    long tokens;
    long outputTokens;
    final boolean clamped;
    final List<String> hardBudgets;
    final List<String> softBudgets;
    final List<String> tokenWindows;
    /** True for a node's lease (see {@link Leases}): charged in full, not released, when it expires. */
    final boolean lease;
    /** Request slots held on every request window (leases only). */
    long requests;
    /** The sequence number of the last lease step applied (leases only), so a repeated step changes nothing. */
    long seq;
    /** What the lease's requests in flight held at its last step (leases only); the rest of its hold is free. */
    long keepNanos;
    long keepTokens;
    final List<String> requestWindows;

    Reservation(String requestId, long ttl, long expiresAt, long nanos, long tokens, long outputTokens,
                boolean clamped, List<String> hardBudgets, List<String> softBudgets, List<String> tokenWindows) {
        this(requestId, ttl, expiresAt, nanos, tokens, outputTokens, clamped, hardBudgets, softBudgets, tokenWindows,
                false, 0, 0, List.of());
    }

    Reservation(String requestId, long ttl, long expiresAt, long nanos, long tokens, long outputTokens,
                boolean clamped, List<String> hardBudgets, List<String> softBudgets, List<String> tokenWindows,
                boolean lease, long requests, long seq, List<String> requestWindows) {
        this.lease = lease;
        this.requests = requests;
        this.seq = seq;
        this.requestWindows = new ArrayList<>(requestWindows);
        this.requestId = requestId;
        this.ttl = ttl;
        this.expiresAt = expiresAt;
        this.nanos = nanos;
        this.tokens = tokens;
        this.outputTokens = outputTokens;
        this.clamped = clamped;
        this.hardBudgets = new ArrayList<>(hardBudgets);
        this.softBudgets = new ArrayList<>(softBudgets);
        this.tokenWindows = new ArrayList<>(tokenWindows);
    }

    /** The admission answer with the current totals. */
    Admission.Admitted answer(List<CounterView> views) {
        return new Admission.Admitted(hardBudgets.isEmpty() ? 0 : nanos, tokenWindows.isEmpty() ? 0 : tokens,
                outputTokens, clamped, views);
    }

    /** Every counter it touches, budgets first. */
    List<String> counterIds() {
        List<String> ids = new ArrayList<>(hardBudgets);
        ids.addAll(softBudgets);
        ids.addAll(tokenWindows);
        ids.addAll(requestWindows);
        return ids;
    }

    /** True when it touches at least one of {@code ids}. */
    boolean touchesAny(Collection<String> ids) {
        return counterIds().stream().anyMatch(ids::contains);
    }

    /** A copy holding only the counters {@code keep} accepts. */
    Reservation only(Predicate<String> keep) {
        Reservation part = new Reservation(requestId, ttl, expiresAt, nanos, tokens, outputTokens, clamped,
                hardBudgets.stream().filter(keep).toList(), softBudgets.stream().filter(keep).toList(),
                tokenWindows.stream().filter(keep).toList(), lease, requests, seq,
                requestWindows.stream().filter(keep).toList());
        part.keepNanos = keepNanos;
        part.keepTokens = keepTokens;
        return part;
    }

    /** Adds the counters of another part of the same request (its parts met again after moves); returns this. */
    Reservation merge(Reservation other) {
        addMissing(hardBudgets, other.hardBudgets);
        addMissing(softBudgets, other.softBudgets);
        addMissing(tokenWindows, other.tokenWindows);
        addMissing(requestWindows, other.requestWindows);
        return this;
    }

    private static void addMissing(List<String> ids, List<String> more) {
        more.stream().filter(id -> !ids.contains(id)).forEach(ids::add);
    }

    /** Forgets these counters. */
    void drop(Collection<String> ids) {
        hardBudgets.removeAll(ids);
        softBudgets.removeAll(ids);
        tokenWindows.removeAll(ids);
        requestWindows.removeAll(ids);
    }

    /** What is left of it once released without settlement: the counters a late settlement still charges. */
    Tombstone tombstone(long now) {
        List<String> budgets = new ArrayList<>(hardBudgets);
        budgets.addAll(softBudgets);
        return new Tombstone(budgets, List.copyOf(tokenWindows), ttl, now + 2 * ttl);
    }

    void writeTo(DataOutput out) throws IOException {
        out.writeUTF(requestId);
        out.writeLong(ttl);
        out.writeLong(expiresAt);
        out.writeLong(nanos);
        out.writeLong(tokens);
        out.writeLong(outputTokens);
        out.writeBoolean(clamped);
        writeIds(out, hardBudgets);
        writeIds(out, softBudgets);
        writeIds(out, tokenWindows);
        out.writeBoolean(lease);
        out.writeLong(requests);
        out.writeLong(seq);
        writeIds(out, requestWindows);
        out.writeLong(keepNanos);
        out.writeLong(keepTokens);
    }

    /** Reads what {@link #writeTo} wrote in format {@code version} (1 knew no leases). */
    static Reservation readFrom(DataInput in, int version) throws IOException {
        Reservation reservation = new Reservation(in.readUTF(), in.readLong(), in.readLong(), in.readLong(),
                in.readLong(), in.readLong(), in.readBoolean(), readIds(in), readIds(in), readIds(in));
        if (version < 2) {
            return reservation;
        }
        Reservation read = new Reservation(reservation.requestId, reservation.ttl, reservation.expiresAt,
                reservation.nanos, reservation.tokens, reservation.outputTokens, reservation.clamped,
                reservation.hardBudgets, reservation.softBudgets, reservation.tokenWindows, in.readBoolean(),
                in.readLong(), in.readLong(), readIds(in));
        read.keepNanos = in.readLong();
        read.keepTokens = in.readLong();
        return read;
    }

    static void writeIds(DataOutput out, List<String> ids) throws IOException {
        out.writeInt(ids.size());
        for (String id : ids) {
            out.writeUTF(id);
        }
    }

    static List<String> readIds(DataInput in) throws IOException {
        int size = in.readInt();
        List<String> ids = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            ids.add(in.readUTF());
        }
        return ids;
    }

    /**
     * A reclaimed reservation's counters, kept so a late settlement is still charged.
     *
     * @param budgets hard and soft budgets, charged the cost
     * @param tokenWindows token windows, charged the tokens
     * @param ttl the reservation's time to live (settled ids are kept twice as long)
     * @param pruneAt when it is forgotten
     */
    record Tombstone(List<String> budgets, List<String> tokenWindows, long ttl, long pruneAt) {

        void writeTo(DataOutput out) throws IOException {
            writeIds(out, budgets);
            writeIds(out, tokenWindows);
            out.writeLong(ttl);
            out.writeLong(pruneAt);
        }

        static Tombstone readFrom(DataInput in) throws IOException {
            return new Tombstone(readIds(in), readIds(in), in.readLong(), in.readLong());
        }
    }

    /**
     * Where (part of) a request's reservation went when its counters moved to another account.
     *
     * @param accountId the account now holding it
     * @param ttl the reservation's time to live
     * @param pruneAt when it is forgotten
     */
    record Forward(String accountId, long ttl, long pruneAt) {

        void writeTo(DataOutput out) throws IOException {
            out.writeUTF(accountId);
            out.writeLong(ttl);
            out.writeLong(pruneAt);
        }

        static Forward readFrom(DataInput in) throws IOException {
            return new Forward(in.readUTF(), in.readLong(), in.readLong());
        }
    }
}
