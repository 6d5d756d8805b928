package io.tollgate.node.pipeline;

import java.util.List;

/**
 * The stages in order; runs an exchange through them. The first few stages may be marked as observing (traces,
 * metrics, the request log): a request refused before the pipeline could start (a body that is not JSON, a missing
 * field) still passes through them, so every request is counted and logged. Immutable and thread-safe.
 */
public final class Pipeline {

    private final Stage[] stages;
    private final int observing;

    private Pipeline(List<Stage> stages, int observing) {
        if (observing < 0 || observing > stages.size()) {
            throw new IllegalArgumentException("observing must be between 0 and " + stages.size() + ", was "
                    + observing);
        }
        this.stages = stages.toArray(Stage[]::new);
        this.observing = observing;
    }

    /** A pipeline of these stages, first to last, none of them observing. */
    public static Pipeline of(List<Stage> stages) {
        return new Pipeline(stages, 0);
    }

    /**
     * A pipeline of these stages whose first {@code observing} stages also see requests refused before the
     * pipeline (see {@link #reject}).
     */
    public static Pipeline of(List<Stage> stages, int observing) {
        return new Pipeline(stages, observing);
    }

    /**
     * Passes a request refused before the pipeline through the observing stages only, then throws its error.
     *
     * @throws GatewayException {@code refusal}, always
     */
    public void reject(Exchange exchange, io.tollgate.adapters.GatewayException refusal) {
        refuse(0, exchange, refusal);
        throw refusal;
    }

    private void refuse(int index, Exchange exchange, io.tollgate.adapters.GatewayException refusal) {
        if (index < observing) {
            stages[index].handle(exchange, next -> refuse(index + 1, next, refusal));
        } else {
            throw refusal;
        }
    }

    /** Runs the exchange through every stage that does not short-circuit. */
    public void run(Exchange exchange) {
        proceed(0, exchange);
    }

    private void proceed(int index, Exchange exchange) {
        if (index < stages.length) {
            stages[index].handle(exchange, next -> proceed(index + 1, next));
        }
    }
}
