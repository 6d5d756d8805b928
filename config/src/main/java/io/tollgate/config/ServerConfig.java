package io.tollgate.config;

import java.util.Objects;
import java.util.Optional;

/**
 * The HTTP listener.
 *
 * @param host address to bind, {@code 127.0.0.1} by default
 * @param port TCP port, 0 picks a free one (tests), 8080 by default
 * @param maxBodyBytes largest request body accepted; larger ones get 413
 * @param passThrough a measuring baseline, never for production: the pipeline only routes and relays (no
 *     authentication, governance, cache, accounting, request log or request metrics), so a load run can show what
 *     the stack alone costs next to the full gateway
 * @param tls TLS on the listener; empty for plain HTTP
 * @param timeouts how long the listener waits on a slow client
 */
public record ServerConfig(String host, int port, long maxBodyBytes, boolean passThrough, Optional<TlsConfig> tls,
                           Timeouts timeouts) {

    /** The defaults: 127.0.0.1:8080, 10 MiB bodies, the whole pipeline, the default timeouts. */
    public static final ServerConfig DEFAULT = new ServerConfig("127.0.0.1", 8080, 10L * 1024 * 1024);

    /** A listener running the whole pipeline. */
    public ServerConfig(String host, int port, long maxBodyBytes) {
        this(host, port, maxBodyBytes, false);
    }

    /** A plain-HTTP listener with the default timeouts. */
    public ServerConfig(String host, int port, long maxBodyBytes, boolean passThrough) {
        this(host, port, maxBodyBytes, passThrough, Optional.empty());
    }

    /** A listener with the default timeouts. */
    public ServerConfig(String host, int port, long maxBodyBytes, boolean passThrough, Optional<TlsConfig> tls) {
        this(host, port, maxBodyBytes, passThrough, tls, Timeouts.DEFAULT);
    }

    /**
     * How long the listener waits on a client, so that slow or silent clients (slow-loris) cannot hold connections
     * for ever.
     *
     * @param headerMs from the end of a request's first line to the end of its headers; a slower client is
     *     disconnected ({@code header_timeout_ms})
     * @param bodyMs from the end of the headers to the end of the body of an API request; a slower client is
     *     disconnected ({@code body_timeout_ms})
     * @param idleMs a connection without a request for this long is closed, also one that connected and sent
     *     nothing or sends its first line too slowly ({@code idle_timeout_ms})
     */
    public record Timeouts(long headerMs, long bodyMs, long idleMs) {

        /** 20 s for the headers, 60 s for the body, 60 s idle. */
        public static final Timeouts DEFAULT = new Timeouts(20_000, 60_000, 60_000);

        public Timeouts {
            positive("header_timeout_ms", headerMs);
            positive("body_timeout_ms", bodyMs);
            positive("idle_timeout_ms", idleMs);
        }

        private static void positive(String key, long value) {
            if (value < 1) {
                throw new IllegalArgumentException(key + " must be at least 1, was " + value);
            }
        }
    }

    public ServerConfig {
        Objects.requireNonNull(timeouts, "timeouts");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(tls, "tls");
        if (host.isBlank()) {
            throw new IllegalArgumentException("host must not be blank");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be between 0 and 65535, was " + port);
        }
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException("max_body_bytes must be at least 1, was " + maxBodyBytes);
        }
    }
}
