package io.tollgate.cluster.ledger;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/** The answer to an admission or an extension: admitted with a reservation, or rejected with the reason. */
public sealed interface Admission permits Admission.Admitted, Admission.Rejected {

    /**
     * Admitted: the worst case (or its clamped form) is reserved on every hard budget and token window, the request
     * counted in every request window.
     *
     * @param reservedNanos the nano-dollars now reserved for the request (in total, after an extension)
     * @param reservedTokens the tokens now reserved for the request
     * @param outputTokens the output allowance the reservation pays for: the requested one, or less when a budget
     *     clamped it
     * @param clamped true when a budget lowered the output allowance
     * @param counters every counter on the path after the change
     */
    record Admitted(long reservedNanos, long reservedTokens, long outputTokens, boolean clamped,
                    List<CounterView> counters) implements Admission {
        public Admitted {
            counters = List.copyOf(counters);
        }
    }

    /**
     * Rejected: nothing was reserved or counted anywhere.
     *
     * @param reason which kind of limit
     * @param counter the limit that refused, as it stands
     * @param retryAfter when trying again can succeed (the end of its period); zero for a budget that never resets
     */
    record Rejected(Reason reason, CounterView counter, Duration retryAfter) implements Admission {
        public Rejected {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(counter, "counter");
            Objects.requireNonNull(retryAfter, "retryAfter");
        }
    }

    /** Why a request was refused. */
    enum Reason {
        /** A budget cannot pay for the worst case (or, soft, is already used up). */
        BUDGET_EXCEEDED,
        /** A request window is full. */
        REQUEST_LIMITED,
        /** A token window cannot hold the request's tokens. */
        TOKEN_LIMITED
    }
}
