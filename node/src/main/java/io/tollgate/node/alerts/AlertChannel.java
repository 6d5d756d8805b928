package io.tollgate.node.alerts;

import java.io.IOException;

/**
 * One place alerts go (a webhook, an e-mail server). {@link AlertSender} calls {@link #deliver} from its single
 * worker thread and retries a delivery that throws, so an implementation needs no retry and no locking of its own.
 * A plain {@link IOException}'s message is logged, so an implementation writes it itself, without secrets (a
 * status, the name of the library's exception); other {@code IOException}s are logged by their class name only.
 */
interface AlertChannel {

    /** Names the destination for logs, without secrets: a host, never a URL's path or a password. */
    String describe();

    /**
     * Delivers one alert, blocking until the destination took it.
     *
     * @throws IOException when it did not (no answer, a refusal, a timeout); the sender tries again later
     */
    void deliver(Alert alert) throws IOException;
}
