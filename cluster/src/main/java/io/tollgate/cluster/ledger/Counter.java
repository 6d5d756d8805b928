package io.tollgate.cluster.ledger;

import io.tollgate.config.BudgetMode;
import io.tollgate.config.BudgetSpec;
import io.tollgate.config.ResetDuration;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * One budget or rate-limit window of an account, with its current period. Times are epoch milliseconds;
 * {@link #NO_END} marks a period without end. Not thread-safe: the account's owner serializes access.
 */
final class Counter {

    static final long NO_END = Long.MAX_VALUE;

    final String id;
    CounterKind kind;
    Level level;
    String ownerId;
    long limit;
    boolean hard;
    ResetDuration duration;
    boolean aligned;
    ZoneId zone;
    long anchor;
    long start;
    long end;
    long used;
    long reserved;

    private Counter(String id) {
        this.id = id;
    }

    /** A new budget counter whose first use (and anchor) is {@code now}. */
    static Counter budget(BudgetCharge charge, Instant now) {
        Counter counter = new Counter(charge.counterId());
        counter.kind = CounterKind.BUDGET;
        counter.anchor = now.toEpochMilli();
        counter.adopt(charge, now);
        return counter;
    }

    /** A new rate-limit window counter. */
    static Counter window(WindowCharge charge, Instant now) {
        Counter counter = new Counter(charge.counterId());
        counter.kind = charge.kind();
        counter.anchor = now.toEpochMilli();
        counter.adopt(charge, now);
        return counter;
    }

    /** Takes the latest spec of a budget; a changed period definition moves to its period containing now. */
    void adopt(BudgetCharge charge, Instant now) {
        BudgetSpec spec = charge.spec();
        level = charge.level();
        ownerId = charge.ownerId();
        limit = spec.maxLimitNanos();
        hard = spec.mode() == BudgetMode.HARD;
        redefine(spec.resetDuration(), spec.calendarAligned(), spec.timezone(), now);
    }

    /** Takes the latest limit of a window. */
    void adopt(WindowCharge charge, Instant now) {
        level = charge.level();
        ownerId = charge.ownerId();
        limit = charge.limit();
        hard = true;
        redefine(charge.window(), true, ZoneOffset.UTC, now);
    }

    private void redefine(ResetDuration newDuration, boolean newAligned, ZoneId newZone, Instant now) {
        if (newDuration.equals(duration) && newAligned == aligned && newZone.equals(zone)) {
            return;
        }
        duration = newDuration;
        aligned = newAligned;
        zone = newZone;
        Period period = periodAt(now);
        start = period.start().toEpochMilli();
        end = period.end().map(Instant::toEpochMilli).orElse(NO_END);
    }

    /** True when this counter counts the same thing as {@code kind} (a changed kind makes a new counter). */
    boolean is(CounterKind other) {
        return kind == other;
    }

    /** Moves to the period containing {@code now} when the current one is over: usage restarts, holds stay. */
    void roll(Instant now) {
        if (now.toEpochMilli() >= end) {
            Period period = periodAt(now);
            start = period.start().toEpochMilli();
            end = period.end().map(Instant::toEpochMilli).orElse(NO_END);
            used = 0;
        }
    }

    /** What is left to reserve: limit minus used and reserved (negative after a soft overshoot). */
    long available() {
        return limit - used - reserved;
    }

    /** Lowers the held amount, never below zero. */
    void release(long amount) {
        reserved = Math.max(0, reserved - amount);
    }

    /** How long until the current period ends: zero for a period without end. */
    Duration untilEnd(Instant now) {
        if (end == NO_END) {
            return Duration.ZERO;
        }
        Duration left = Duration.between(now, Instant.ofEpochMilli(end));
        return left.isNegative() ? Duration.ZERO : left;
    }

    /** This counter as it stands after rolling to {@code now}, without changing it; no lease holds on it. */
    CounterView viewAt(Instant now) {
        return viewAt(now, 0);
    }

    /**
     * This counter as it stands after rolling to {@code now}, without changing it.
     *
     * @param leased how much of {@code reserved} is leases' free parts (see {@link Leases#free})
     */
    CounterView viewAt(Instant now, long leased) {
        boolean over = now.toEpochMilli() >= end;
        long periodEnd = over ? periodAt(now).end().map(Instant::toEpochMilli).orElse(NO_END) : end;
        long free = Math.min(Math.max(0, leased), reserved);
        return new CounterView(id, kind, level, ownerId, limit, over ? 0 : used, reserved - free, free,
                periodEnd == NO_END ? Optional.empty() : Optional.of(Instant.ofEpochMilli(periodEnd)), hard);
    }

    /** Adds another copy's usage and holds (the same counter moved in from another account). */
    void absorb(Counter other, Instant now) {
        roll(now);
        other.roll(now);
        used += other.used;
        reserved += other.reserved;
    }

    private Period periodAt(Instant now) {
        if (kind != CounterKind.BUDGET) {
            return Periods.window(duration, now);
        }
        return Periods.budget(duration, aligned, zone, Instant.ofEpochMilli(anchor), now);
    }

    void writeTo(DataOutput out) throws IOException {
        out.writeUTF(id);
        out.writeUTF(kind.name());
        out.writeUTF(level.name());
        out.writeUTF(ownerId);
        out.writeLong(limit);
        out.writeBoolean(hard);
        out.writeInt(duration.amount());
        out.writeUTF(duration.unit().name());
        out.writeBoolean(aligned);
        out.writeUTF(zone.getId());
        out.writeLong(anchor);
        out.writeLong(start);
        out.writeLong(end);
        out.writeLong(used);
        out.writeLong(reserved);
    }

    static Counter readFrom(DataInput in) throws IOException {
        Counter counter = new Counter(in.readUTF());
        counter.kind = CounterKind.valueOf(in.readUTF());
        counter.level = Level.valueOf(in.readUTF());
        counter.ownerId = in.readUTF();
        counter.limit = in.readLong();
        counter.hard = in.readBoolean();
        int amount = in.readInt();
        counter.duration = new ResetDuration(amount, ResetDuration.Unit.valueOf(in.readUTF()));
        counter.aligned = in.readBoolean();
        counter.zone = ZoneId.of(in.readUTF());
        counter.anchor = in.readLong();
        counter.start = in.readLong();
        counter.end = in.readLong();
        counter.used = in.readLong();
        counter.reserved = in.readLong();
        return counter;
    }
}
