package io.tollgate.cluster.shared;

import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/** How every implementation calls a listener: a listener that throws is logged and never undoes or stops a change. */
final class ListenerCalls {

    private static final Logger LOG = Logger.getLogger(ListenerCalls.class.getName());

    private ListenerCalls() {
    }

    static void deliver(SharedEntries.Listener listener, Consumer<SharedEntries.Listener> event) {
        try {
            event.accept(listener);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "a shared entries listener failed; the change stands", e);
        }
    }
}
