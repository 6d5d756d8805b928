package io.tollgate.cluster.ledger;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.List;

/**
 * A lease that expired and was charged everything it held (its node stopped renewing it: dead, or cut off from
 * the grid). Kept for a day, so that a node that comes back reports what the lease really spent: each late step adds
 * to the report, and the final one (nothing in flight, nothing needed) replaces the full charge with the report. Not
 * thread-safe.
 */
final class ExpiredLease {

    /** How long an expired lease waits for its node's report. */
    static final long KEEP_MILLIS = 24 * 3_600_000L;

    final List<String> budgets;
    final List<String> tokenWindows;
    final List<String> requestWindows;
    final LeaseAmounts held;
    final long chargedAt;
    final long pruneAt;
    LeaseAmounts reported;
    long seq;

    ExpiredLease(List<String> budgets, List<String> tokenWindows, List<String> requestWindows, LeaseAmounts held,
                 long chargedAt, long pruneAt, LeaseAmounts reported, long seq) {
        this.budgets = List.copyOf(budgets);
        this.tokenWindows = List.copyOf(tokenWindows);
        this.requestWindows = List.copyOf(requestWindows);
        this.held = held;
        this.chargedAt = chargedAt;
        this.pruneAt = pruneAt;
        this.reported = reported;
        this.seq = seq;
    }

    /** Adds a late step's spend to the report. */
    void report(LeaseAmounts spent) {
        reported = new LeaseAmounts(reported.nanos() + spent.nanos(), reported.tokens() + spent.tokens(),
                reported.requests() + spent.requests());
    }

    void writeTo(DataOutput out) throws IOException {
        Reservation.writeIds(out, budgets);
        Reservation.writeIds(out, tokenWindows);
        Reservation.writeIds(out, requestWindows);
        held.writeTo(out);
        out.writeLong(chargedAt);
        out.writeLong(pruneAt);
        reported.writeTo(out);
        out.writeLong(seq);
    }

    static ExpiredLease readFrom(DataInput in) throws IOException {
        return new ExpiredLease(Reservation.readIds(in), Reservation.readIds(in), Reservation.readIds(in),
                LeaseAmounts.readFrom(in), in.readLong(), in.readLong(), LeaseAmounts.readFrom(in), in.readLong());
    }
}
