package io.tollgate.cluster.ledger.hazelcast;

import io.tollgate.cluster.ledger.Admission;
import io.tollgate.cluster.ledger.AdmissionRequest;
import io.tollgate.cluster.ledger.BudgetCharge;
import io.tollgate.cluster.ledger.CounterKind;
import io.tollgate.cluster.ledger.CounterView;
import io.tollgate.cluster.ledger.LeaseAmounts;
import io.tollgate.cluster.ledger.LeaseGrant;
import io.tollgate.cluster.ledger.LeaseRequest;
import io.tollgate.cluster.ledger.Level;
import io.tollgate.cluster.ledger.WindowCharge;
import io.tollgate.cluster.ledger.WorstCase;
import io.tollgate.config.BudgetMode;
import io.tollgate.config.BudgetSpec;
import io.tollgate.config.LowBudgetAction;
import io.tollgate.config.ResetDuration;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The binary form of the ledger's API values inside grid commands and replies. Enums travel by name, instants as
 * seconds and nanos, budget limits as nano-dollars.
 */
final class Wire {

    private Wire() {
    }

    static void writeInstant(DataOutput out, Instant instant) throws IOException {
        out.writeLong(instant.getEpochSecond());
        out.writeInt(instant.getNano());
    }

    static Instant readInstant(DataInput in) throws IOException {
        return Instant.ofEpochSecond(in.readLong(), in.readInt());
    }

    static void writeStrings(DataOutput out, Collection<String> strings) throws IOException {
        out.writeInt(strings.size());
        for (String string : strings) {
            out.writeUTF(string);
        }
    }

    static List<String> readStrings(DataInput in) throws IOException {
        int size = in.readInt();
        List<String> strings = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            strings.add(in.readUTF());
        }
        return strings;
    }

    static void writeOptional(DataOutput out, Optional<String> value) throws IOException {
        out.writeBoolean(value.isPresent());
        if (value.isPresent()) {
            out.writeUTF(value.get());
        }
    }

    static Optional<String> readOptional(DataInput in) throws IOException {
        return in.readBoolean() ? Optional.of(in.readUTF()) : Optional.empty();
    }

    static void writeViews(DataOutput out, List<CounterView> views) throws IOException {
        out.writeInt(views.size());
        for (CounterView view : views) {
            writeView(out, view);
        }
    }

    static List<CounterView> readViews(DataInput in) throws IOException {
        int size = in.readInt();
        List<CounterView> views = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            views.add(readView(in));
        }
        return views;
    }

    private static void writeView(DataOutput out, CounterView view) throws IOException {
        out.writeUTF(view.counterId());
        out.writeUTF(view.kind().name());
        out.writeUTF(view.level().name());
        out.writeUTF(view.ownerId());
        out.writeLong(view.limit());
        out.writeLong(view.used());
        out.writeLong(view.reserved());
        out.writeLong(view.leased());
        out.writeBoolean(view.resetsAt().isPresent());
        if (view.resetsAt().isPresent()) {
            writeInstant(out, view.resetsAt().get());
        }
        out.writeBoolean(view.hard());
    }

    private static CounterView readView(DataInput in) throws IOException {
        String id = in.readUTF();
        CounterKind kind = CounterKind.valueOf(in.readUTF());
        Level level = Level.valueOf(in.readUTF());
        String owner = in.readUTF();
        long limit = in.readLong();
        long used = in.readLong();
        long reserved = in.readLong();
        long leased = in.readLong();
        Optional<Instant> resetsAt = in.readBoolean() ? Optional.of(readInstant(in)) : Optional.empty();
        return new CounterView(id, kind, level, owner, limit, used, reserved, leased, resetsAt, in.readBoolean());
    }

    static void writeAdmission(DataOutput out, Admission admission) throws IOException {
        switch (admission) {
            case Admission.Admitted admitted -> {
                out.writeBoolean(true);
                out.writeLong(admitted.reservedNanos());
                out.writeLong(admitted.reservedTokens());
                out.writeLong(admitted.outputTokens());
                out.writeBoolean(admitted.clamped());
                writeViews(out, admitted.counters());
            }
            case Admission.Rejected rejected -> {
                out.writeBoolean(false);
                out.writeUTF(rejected.reason().name());
                writeView(out, rejected.counter());
                out.writeLong(rejected.retryAfter().getSeconds());
                out.writeInt(rejected.retryAfter().getNano());
            }
        }
    }

    static Admission readAdmission(DataInput in) throws IOException {
        if (in.readBoolean()) {
            return new Admission.Admitted(in.readLong(), in.readLong(), in.readLong(), in.readBoolean(),
                    readViews(in));
        }
        return new Admission.Rejected(Admission.Reason.valueOf(in.readUTF()), readView(in),
                Duration.ofSeconds(in.readLong(), in.readInt()));
    }

    static void writeCharges(DataOutput out, List<BudgetCharge> budgets, List<WindowCharge> windows)
            throws IOException {
        out.writeInt(budgets.size());
        for (BudgetCharge charge : budgets) {
            out.writeUTF(charge.counterId());
            out.writeUTF(charge.level().name());
            out.writeUTF(charge.ownerId());
            BudgetSpec spec = charge.spec();
            out.writeLong(spec.maxLimitNanos());
            writeDuration(out, spec.resetDuration());
            out.writeBoolean(spec.calendarAligned());
            out.writeUTF(spec.timezone().getId());
            out.writeUTF(spec.mode().name());
            out.writeUTF(spec.onLowBudget().name());
        }
        out.writeInt(windows.size());
        for (WindowCharge charge : windows) {
            out.writeUTF(charge.counterId());
            out.writeUTF(charge.kind().name());
            out.writeUTF(charge.level().name());
            out.writeUTF(charge.ownerId());
            out.writeLong(charge.limit());
            writeDuration(out, charge.window());
        }
    }

    static void readCharges(DataInput in, List<BudgetCharge> budgets, List<WindowCharge> windows)
            throws IOException {
        int budgetCount = in.readInt();
        for (int i = 0; i < budgetCount; i++) {
            String id = in.readUTF();
            Level level = Level.valueOf(in.readUTF());
            String owner = in.readUTF();
            BudgetSpec spec = new BudgetSpec(BigDecimal.valueOf(in.readLong(), 9), readDuration(in), in.readBoolean(),
                    ZoneId.of(in.readUTF()), BudgetMode.valueOf(in.readUTF()), LowBudgetAction.valueOf(in.readUTF()));
            budgets.add(new BudgetCharge(id, level, owner, spec));
        }
        int windowCount = in.readInt();
        for (int i = 0; i < windowCount; i++) {
            windows.add(new WindowCharge(in.readUTF(), CounterKind.valueOf(in.readUTF()), Level.valueOf(in.readUTF()),
                    in.readUTF(), in.readLong(), readDuration(in)));
        }
    }

    static void writeLease(DataOutput out, LeaseRequest request) throws IOException {
        out.writeUTF(request.accountId());
        out.writeUTF(request.leaseId());
        out.writeLong(request.seq());
        writeInstant(out, request.now());
        writeCharges(out, request.budgets(), request.windows());
        request.spent().writeTo(out);
        request.keep().writeTo(out);
        request.inFlight().writeTo(out);
        request.need().writeTo(out);
        out.writeLong(request.wanted());
        out.writeInt(request.members());
        out.writeLong(request.ttl().toMillis());
    }

    static LeaseRequest readLease(DataInput in) throws IOException {
        String accountId = in.readUTF();
        String leaseId = in.readUTF();
        long seq = in.readLong();
        Instant now = readInstant(in);
        List<BudgetCharge> budgets = new ArrayList<>();
        List<WindowCharge> windows = new ArrayList<>();
        readCharges(in, budgets, windows);
        LeaseAmounts spent = LeaseAmounts.readFrom(in);
        LeaseAmounts keep = LeaseAmounts.readFrom(in);
        LeaseAmounts inFlight = LeaseAmounts.readFrom(in);
        LeaseAmounts need = LeaseAmounts.readFrom(in);
        return new LeaseRequest(accountId, leaseId, seq, now, budgets, windows, spent, keep, inFlight, need,
                in.readLong(), in.readInt(), Duration.ofMillis(in.readLong()));
    }

    static void writeGrant(DataOutput out, LeaseGrant grant) throws IOException {
        grant.hold().writeTo(out);
        out.writeBoolean(grant.live());
        out.writeBoolean(grant.tight());
        writeViews(out, grant.counters());
    }

    static LeaseGrant readGrant(DataInput in) throws IOException {
        return new LeaseGrant(LeaseAmounts.readFrom(in), in.readBoolean(), in.readBoolean(), readViews(in));
    }

    static void writeRequest(DataOutput out, AdmissionRequest request) throws IOException {
        out.writeUTF(request.accountId());
        out.writeUTF(request.requestId());
        writeInstant(out, request.now());
        writeCharges(out, request.budgets(), request.windows());
        WorstCase worst = request.worstCase();
        out.writeLong(worst.inputNanos());
        out.writeLong(worst.outputTokens());
        out.writeLong(worst.outputNanosPerMillionTokens());
        out.writeLong(worst.inputTokens());
        out.writeBoolean(request.allowClamp());
        out.writeLong(request.reservationTtl().toMillis());
        out.writeBoolean(request.force());
    }

    static AdmissionRequest readRequest(DataInput in) throws IOException {
        String accountId = in.readUTF();
        String requestId = in.readUTF();
        Instant now = readInstant(in);
        List<BudgetCharge> budgets = new ArrayList<>();
        List<WindowCharge> windows = new ArrayList<>();
        readCharges(in, budgets, windows);
        WorstCase worst = new WorstCase(in.readLong(), in.readLong(), in.readLong(), in.readLong());
        boolean allowClamp = in.readBoolean();
        Duration ttl = Duration.ofMillis(in.readLong());
        return new AdmissionRequest(accountId, requestId, now, budgets, windows, worst, allowClamp, ttl,
                in.readBoolean());
    }

    private static void writeDuration(DataOutput out, ResetDuration duration) throws IOException {
        out.writeInt(duration.amount());
        out.writeUTF(duration.unit().name());
    }

    private static ResetDuration readDuration(DataInput in) throws IOException {
        int amount = in.readInt();
        return new ResetDuration(amount, ResetDuration.Unit.valueOf(in.readUTF()));
    }
}
