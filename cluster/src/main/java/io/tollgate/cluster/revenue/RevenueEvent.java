package io.tollgate.cluster.revenue;

import java.time.Instant;
import java.time.YearMonth;
import java.util.Objects;
import java.util.Optional;

/**
 * Money a customer (or one of its teams) paid for a month, as a billing system reports it. A negative amount is a
 * credit or refund.
 *
 * @param idempotencyKey the billing system's key: an event is recorded once whatever the retries
 * @param customerId the customer it is revenue of, when given
 * @param teamId the team it is revenue of, when given (at least one of the two is)
 * @param period the calendar month (UTC) it is revenue for
 * @param amountNanos the amount, in nano-dollars
 * @param description free text from the billing system, when given
 * @param receivedAt when the gateway recorded it
 */
public record RevenueEvent(String idempotencyKey, Optional<String> customerId, Optional<String> teamId,
                           YearMonth period, long amountNanos, Optional<String> description, Instant receivedAt) {

    /** The longest idempotency key accepted. */
    public static final int MAX_KEY_LENGTH = 200;

    public RevenueEvent {
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(teamId, "teamId");
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(receivedAt, "receivedAt");
        if (idempotencyKey.isBlank() || idempotencyKey.length() > MAX_KEY_LENGTH) {
            throw new IllegalArgumentException("idempotency_key must be 1 to " + MAX_KEY_LENGTH + " characters");
        }
        if (customerId.isEmpty() && teamId.isEmpty()) {
            throw new IllegalArgumentException("customer_id or team_id is required");
        }
        if (description.isPresent() && description.get().length() > 500) {
            throw new IllegalArgumentException("description must be at most 500 characters");
        }
    }

    /** True when both carry the same facts (the time received aside): a retry, not a conflicting reuse of the key. */
    public boolean sameAs(RevenueEvent other) {
        return idempotencyKey.equals(other.idempotencyKey) && customerId.equals(other.customerId)
                && teamId.equals(other.teamId) && period.equals(other.period) && amountNanos == other.amountNanos
                && description.equals(other.description);
    }
}
