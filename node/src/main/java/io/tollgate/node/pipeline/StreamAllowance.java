package io.tollgate.node.pipeline;

import io.tollgate.adapters.GatewayException;
import io.tollgate.cluster.governance.GovernanceRegistry;
import io.tollgate.cluster.ledger.Admission;
import io.tollgate.cluster.ledger.BudgetLedger;
import io.tollgate.cluster.ledger.LedgerUnavailableException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The output allowance of a stream that gave no {@code max_tokens}: when the output outgrows what is reserved,
 * the reservation is extended by another allowance; when a budget cannot pay for more, the stream must end.
 * Output is bounded from above by its UTF-8 bytes (a token is never shorter than one byte), so the reservation
 * always covers what was produced.
 */
final class StreamAllowance implements Governed.OutputGuard {

    private final BudgetLedger ledger;
    private final Clock clock;
    private final GovernStage.Reservation reservation;
    private final List<GovernStage.Reservation> tagReservations;
    private final long chunk;
    private final GovernanceRegistry registry;
    private final ClientChannel channel;
    private long reservedOutput;
    private long reservedNanos;
    private long produced;

    private StreamAllowance(BudgetLedger ledger, Clock clock, List<GovernStage.Reservation> reservations, long chunk,
                            GovernanceRegistry registry, ClientChannel channel) {
        this.ledger = ledger;
        this.clock = clock;
        this.reservation = reservations.getFirst();
        this.tagReservations = List.copyOf(reservations.subList(1, reservations.size()));
        this.chunk = chunk;
        this.registry = registry;
        this.channel = channel;
        this.reservedOutput = reservation.admitted().outputTokens();
        this.reservedNanos = reservation.admitted().reservedNanos();
    }

    /**
     * The allowance of a stream admitted with these reservations: the key's first, then its tag values' (each
     * extended with the key's, all or the stream ends).
     */
    static StreamAllowance create(BudgetLedger ledger, Clock clock, List<GovernStage.Reservation> reservations,
                                  long chunk, GovernanceRegistry registry, ClientChannel channel) {
        return new StreamAllowance(ledger, clock, reservations, chunk, registry, channel);
    }

    @Override
    public Optional<GatewayException> onOutput(long outputTokens) {
        produced = outputTokens;
        while (produced > reservedOutput) {
            Optional<GatewayException> refused = extend(reservation);
            for (int i = 0; refused.isEmpty() && i < tagReservations.size(); i++) {
                refused = extend(tagReservations.get(i));
            }
            if (refused.isPresent()) {
                return refused;
            }
            reservedOutput += chunk;
        }
        return Optional.empty();
    }

    /** Extends one account's reservation by a chunk; the error that ends the stream when it cannot. */
    private Optional<GatewayException> extend(GovernStage.Reservation held) {
        Admission extended;
        try {
            extended = ledger.extend(held.accountId(), held.ledgerId(), held.worst().outputNanos(chunk), chunk,
                    clock.instant());
        } catch (LedgerUnavailableException e) {
            return Optional.of(GatewayException.of(io.tollgate.adapters.ErrorKind.UNAVAILABLE,
                    "The stream was ended: its budget could not be extended (governance state unavailable).", e)
                    .withCode("governance_unavailable"));
        }
        if (extended instanceof Admission.Rejected rejected) {
            return Optional.of(Rejections.toException(rejected, held.path(), registry, held.worst().outputNanos(chunk),
                    channel, clock.instant()));
        }
        if (held == reservation) {
            reservedNanos = ((Admission.Admitted) extended).reservedNanos();
        }
        return Optional.empty();
    }

    @Override
    public Optional<io.tollgate.adapters.Usage> estimate() {
        return Optional.of(io.tollgate.adapters.Usage.of(reservation.worst().inputTokens(), producedTokens()));
    }

    /** The upper bound of output tokens produced so far. */
    long producedTokens() {
        return Math.min(produced, reservedOutput);
    }

    /** Nano-dollars reserved for the request now. */
    long reservedNanos() {
        return reservedNanos;
    }
}
