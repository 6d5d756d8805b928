package io.tollgate.cluster.ledger;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Everything one admission checks and reserves, in one atomic step on one account.
 *
 * @param accountId the account holding every counter below (the hierarchy's root)
 * @param requestId the request's id; admitting the same id twice returns the first answer
 * @param now the caller's clock reading; periods and windows roll by it
 * @param budgets every budget on the path (provider config, key, team, customer)
 * @param windows every rate-limit window on the path
 * @param worstCase what the request may cost at most
 * @param allowClamp true for non-streaming requests: a hard budget with {@code on_low_budget: clamp} may then
 *     lower the output allowance instead of rejecting
 * @param reservationTtl after this long without settlement the reservation is reclaimed
 * @param force true to admit whatever the limits say, reserving nothing: used to record, once the ledger is back,
 *     a request that was served while it was unavailable ({@code on_state_unavailable: open}); the settlement that
 *     follows charges its cost
 */
public record AdmissionRequest(String accountId, String requestId, Instant now, List<BudgetCharge> budgets,
                               List<WindowCharge> windows, WorstCase worstCase, boolean allowClamp,
                               Duration reservationTtl, boolean force) {

    /** An ordinary admission, checked against every limit. */
    public AdmissionRequest(String accountId, String requestId, Instant now, List<BudgetCharge> budgets,
                            List<WindowCharge> windows, WorstCase worstCase, boolean allowClamp,
                            Duration reservationTtl) {
        this(accountId, requestId, now, budgets, windows, worstCase, allowClamp, reservationTtl, false);
    }

    public AdmissionRequest {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(worstCase, "worstCase");
        Objects.requireNonNull(reservationTtl, "reservationTtl");
        budgets = List.copyOf(budgets);
        windows = List.copyOf(windows);
    }
}
