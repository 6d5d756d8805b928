package io.tollgate.adapters.spi;

/**
 * Sends HTTP requests upstream over pooled keep-alive connections. Thread-safe; one instance serves a provider.
 */
public interface HttpTransport extends AutoCloseable {

    /**
     * Sends the request and returns once the status and headers arrived. Any status is returned as a response;
     * only transport failures throw.
     *
     * @throws io.tollgate.adapters.GatewayException {@code UPSTREAM_UNREACHABLE} when no connection can be made
     *     or the exchange fails before the headers, {@code UPSTREAM_TIMEOUT} when a timeout passes first
     */
    UpstreamResponse send(UpstreamRequest request);

    /** Closes pooled connections. */
    @Override
    void close();
}
