package io.tollgate.cluster.revenue;

import java.util.Objects;

/**
 * What one customer or team used in a period, from the request log (gateway traffic and ingested usage alike).
 *
 * @param ownerId the customer's or team's id
 * @param requests every logged request
 * @param billableRequests requests answered without error (status below 400): what a per-request price bills
 * @param billableTokens all tokens of those requests (input, cached input, cache writes and output): what a per-token
 *     price bills
 * @param costNanos what they cost, in nano-dollars
 */
public record OwnerUsage(String ownerId, long requests, long billableRequests, long billableTokens, long costNanos) {

    public OwnerUsage {
        Objects.requireNonNull(ownerId, "ownerId");
    }

    /** No usage. */
    public static OwnerUsage none(String ownerId) {
        return new OwnerUsage(ownerId, 0, 0, 0, 0);
    }
}
