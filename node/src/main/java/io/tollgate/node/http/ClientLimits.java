package io.tollgate.node.http;

import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http1.Http1Config;
import io.tollgate.config.ServerConfig;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The listener's defences against hostile clients, set on the server builder in one place:
 * <ul>
 *   <li>a request's first line at most {@value #MAX_PROLOGUE_BYTES} bytes and its headers
 *       {@value #MAX_HEADERS_BYTES} bytes (a header flood gets 400 and the connection closed);</li>
 *   <li>the headers within {@code server.header_timeout_ms} of the first line ({@link HeaderDeadlines});</li>
 *   <li>connections without a request for {@code server.idle_timeout_ms} closed, also one that connected and sent
 *       nothing or sends its first line a byte at a time (Helidon's idle-connection sweep);</li>
 *   <li>refusals of a malformed request head in the error shape of the route ({@link TransportErrors});</li>
 *   <li>HTTP/1.1 only (see the builder's comment).</li>
 * </ul>
 * The body's limits ({@code server.max_body_bytes}, {@code server.body_timeout_ms}) are applied where the API routes
 * read it ({@link RequestBodies}). Each slow client costs a parked virtual thread and a socket until a limit
 * closes it; other requests are not held up.
 */
public final class ClientLimits {

    /** The longest first line ({@code POST /genai/v1beta/models/...:generateContent HTTP/1.1}) accepted. */
    static final int MAX_PROLOGUE_BYTES = 8 * 1024;
    /** The most header bytes a request may send. */
    static final int MAX_HEADERS_BYTES = 16 * 1024;

    private ClientLimits() {
    }

    /**
     * Sets the limits on a server builder.
     *
     * @param timer sweeps the header deadlines; the sweep stops when the timer is shut down
     */
    public static WebServerConfig.Builder apply(WebServerConfig.Builder builder, ServerConfig.Timeouts timeouts,
                                                ScheduledExecutorService timer) {
        HeaderDeadlines deadlines = new HeaderDeadlines(Deadlines.start(Duration.ofMillis(timeouts.headerMs()),
                timer));
        Duration idle = Duration.ofMillis(timeouts.idleMs());
        return builder
                // HTTP/1.1 only, as on the node's class path: with a second protocol (h2c) Helidon first waits,
                // without a deadline, for the bytes that tell them apart, and a client that sends none is held for
                // ever; with one, the connection is handed to HTTP/1 at once and the idle sweep sees it
                .protocolsDiscoverServices(false)
                .idleConnectionTimeout(idle)
                .idleConnectionPeriod(Duration.ofMillis(Math.clamp(timeouts.idleMs() / 4, 10, 5_000)))
                .addProtocol(Http1Config.builder()
                        .maxPrologueLength(MAX_PROLOGUE_BYTES)
                        .maxHeadersSize(MAX_HEADERS_BYTES)
                        .addReceiveListener(deadlines)
                        .addSendListener(deadlines)
                        .build())
                .directHandlers(TransportErrors.handlers());
    }
}
