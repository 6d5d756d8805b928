package io.tollgate.node.pipeline;

import java.util.List;

/** The stages in order; runs an exchange through them. Immutable and thread-safe. */
public final class Pipeline {

    private final Stage[] stages;

    private Pipeline(List<Stage> stages) {
        this.stages = stages.toArray(Stage[]::new);
    }

    /** A pipeline of these stages, first to last. */
    public static Pipeline of(List<Stage> stages) {
        return new Pipeline(stages);
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
