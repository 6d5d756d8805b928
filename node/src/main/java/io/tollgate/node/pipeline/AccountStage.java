package io.tollgate.node.pipeline;

import io.tollgate.adapters.pricing.Money;
import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * Prices the usage once the upstream call is over, on every path (success, upstream error, client gone), so the
 * exchange always ends with exactly one cost. The cost goes to the client as the {@code x-tollgate-cost-usd} header
 * of a whole response, or, for a stream, as the final SSE comment line {@code : x-tollgate-cost-usd=0.000123}.
 * An unpriced model is reported as {@code unpriced}, never as $0, and warned about once per model.
 */
public final class AccountStage implements Stage {

    /** The response header and stream comment name that carries the cost. */
    public static final String COST_HEADER = "x-tollgate-cost-usd";
    private static final Logger LOG = Logger.getLogger(AccountStage.class.getName());

    private final Set<String> warnedUnpriced = ConcurrentHashMap.newKeySet();

    private AccountStage() {
    }

    /** A new account stage. */
    public static AccountStage create() {
        return new AccountStage();
    }

    @Override
    public void handle(Exchange exchange, Chain next) {
        try {
            next.proceed(exchange);
        } finally {
            settle(exchange);
        }
    }

    private void settle(Exchange exchange) {
        Target route = exchange.target().orElseThrow(() -> new IllegalStateException("account before route"));
        String cost;
        if (Unbilled.is(exchange.operation()) || Unbilled.deferred(exchange.operation())) {
            // never billed, whatever the provider answered; a batch is billed line by line when it ends
            exchange.cost(Money.ZERO);
            cost = Money.ZERO.toUsdString();
        } else if (route.price().isPresent()) {
            Money money = route.price().get().cost(exchange.usage()).plus(exchange.surcharge());
            exchange.cost(money);
            cost = money.toUsdString();
        } else {
            cost = "unpriced";
            if (warnedUnpriced.add(route.model().address())) {
                LOG.warning("model " + route.model().address() + " has no price: its cost is not counted; add it "
                        + "under 'pricing' in the configuration");
            }
        }
        if (!exchange.channel().committed()) {
            exchange.channel().header(COST_HEADER, cost);
        } else {
            exchange.events().ifPresent(sink -> {
                try {
                    sink.write(": " + COST_HEADER + "=" + cost + "\n\n");
                } catch (IOException clientGone) {
                    // the cost is still on the exchange for accounting; the client no longer listens
                }
            });
        }
    }
}
