package io.tollgate.node.pipeline;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * Answers a call on stored resources from what the gateway keeps itself ({@link ResourceCall#answerLocally}), once
 * authentication, governance (request windows, the virtual key's models) and the log have seen it: it short-circuits
 * like a cache hit, so no provider key is chosen and the provider is never called. Every other request passes on.
 * Stateless.
 */
public final class LocalAnswerStage implements Stage {

    private LocalAnswerStage() {
    }

    /** The stage. */
    public static LocalAnswerStage create() {
        return new LocalAnswerStage();
    }

    @Override
    public void handle(Exchange exchange, Chain next) {
        Optional<Supplier<Exchange.Response>> local = exchange.resource().flatMap(ResourceCall::localAnswer);
        if (local.isEmpty()) {
            next.proceed(exchange);
            return;
        }
        ResourceCall call = exchange.resource().orElseThrow();
        exchange.response(local.get().get());
        exchange.channel().header(AccountStage.COST_HEADER, "0");   // never billed, and the client is told so
        call.answered(exchange);
    }
}
