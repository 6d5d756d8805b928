package io.tollgate.cluster.reconcile;

import java.time.LocalDate;
import java.util.Objects;

/**
 * The gateway's own ledger for one provider, model and UTC day, summed from the request log over the requests that
 * reached the provider (cache hits excluded).
 *
 * @param day the UTC day
 * @param model the model as sent upstream
 * @param requests requests answered by the provider with a status below 400
 * @param tokens tokens by type, every part stated
 * @param costNanos their cost at the catalog's prices, in nano-dollars
 */
public record GatewayFigure(LocalDate day, String model, long requests, ByType tokens, long costNanos) {

    public GatewayFigure {
        Objects.requireNonNull(day, "day");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(tokens, "tokens");
    }
}
