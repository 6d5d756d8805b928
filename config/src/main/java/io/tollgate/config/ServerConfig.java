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
 */
public record ServerConfig(String host, int port, long maxBodyBytes, boolean passThrough, Optional<TlsConfig> tls) {

    /** The defaults: 127.0.0.1:8080, 10 MiB bodies, the whole pipeline. */
    public static final ServerConfig DEFAULT = new ServerConfig("127.0.0.1", 8080, 10L * 1024 * 1024);

    /** A listener running the whole pipeline. */
    public ServerConfig(String host, int port, long maxBodyBytes) {
        this(host, port, maxBodyBytes, false);
    }

    /** A plain-HTTP listener. */
    public ServerConfig(String host, int port, long maxBodyBytes, boolean passThrough) {
        this(host, port, maxBodyBytes, passThrough, Optional.empty());
    }

    public ServerConfig {
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
