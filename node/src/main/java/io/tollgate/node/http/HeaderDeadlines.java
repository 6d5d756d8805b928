package io.tollgate.node.http;

import io.helidon.http.Headers;
import io.helidon.http.HttpPrologue;
import io.helidon.http.Status;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.http1.Http1ConnectionListener;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Disconnects a client that does not finish a request's headers within the header timeout of its first line (a
 * slow-loris client sending a byte a second, or one that stops half way). Helidon reads headers without a deadline
 * and its idle-connection sweep spares a connection once its first line arrived, so the wait is timed here: the
 * first line starts the clock, the end of the headers (or an answer, when Helidon refused the head) stops it, and a
 * connection past its deadline has its socket closed. Thread-safe.
 */
final class HeaderDeadlines implements Http1ConnectionListener {

    private static final Logger LOG = Logger.getLogger(HeaderDeadlines.class.getName());

    private final Deadlines deadlines;

    HeaderDeadlines(Deadlines deadlines) {
        this.deadlines = deadlines;
    }

    @Override
    public void prologue(ConnectionContext ctx, HttpPrologue prologue) {
        deadlines.open(ctx, () -> close(ctx));
    }

    @Override
    public void headers(ConnectionContext ctx, Headers headers) {
        deadlines.close(ctx);
    }

    @Override
    public void status(ConnectionContext ctx, Status status) {
        deadlines.close(ctx);
    }

    private static void close(ConnectionContext ctx) {
        LOG.log(Level.FINE, "closing connection {0} of {1}: its request headers took too long",
                new Object[] {ctx.childSocketId(), ctx.remotePeer().address()});
        ctx.serverSocket().close();
    }
}
