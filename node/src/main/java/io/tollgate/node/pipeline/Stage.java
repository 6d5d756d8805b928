package io.tollgate.node.pipeline;

/** One step of the request pipeline. Implementations are stateless or thread-safe; one instance serves all requests. */
public interface Stage {

    /**
     * Handles the exchange: calls {@code next.proceed(exchange)} to continue, or returns without calling it to
     * short-circuit (a rejection or a cache hit).
     *
     * @throws io.tollgate.adapters.GatewayException to fail the request
     */
    void handle(Exchange exchange, Chain next);

    /** The rest of the pipeline after a stage. */
    interface Chain {
        /** Runs the remaining stages. */
        void proceed(Exchange exchange);
    }
}
