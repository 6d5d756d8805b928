package io.tollgate.node.upstream;

import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webclient.api.HttpClientRequest;
import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webclient.api.WebClient;
import io.helidon.webclient.api.WebClientConfig;
import io.helidon.webclient.http2.Http2ClientProtocolConfig;
import io.tollgate.adapters.ErrorKind;
import io.tollgate.adapters.GatewayException;
import io.tollgate.adapters.spi.HttpTransport;
import io.tollgate.adapters.spi.UpstreamRequest;
import io.tollgate.adapters.spi.UpstreamResponse;
import io.tollgate.config.HttpVersion;
import io.tollgate.config.ProviderConfig;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Sends upstream calls through one Helidon {@link WebClient} per provider, which keeps connections alive and pools
 * them. The connect timeout bounds opening a connection, the first-byte timeout bounds every wait for data (the
 * status line and each stream chunk), and the total timeout closes the exchange from a watchdog. With
 * {@code http_version: auto} HTTPS upstreams negotiate HTTP/2 by ALPN and plain HTTP uses HTTP/1.1; {@code http2}
 * forces HTTP/2 (prior knowledge on plain HTTP), {@code http1} forces HTTP/1.1. Thread-safe.
 */
public final class HelidonTransport implements HttpTransport {

    private static final Logger LOG = Logger.getLogger(HelidonTransport.class.getName());

    private final String provider;
    private final WebClient client;
    private final String protocolId;
    private final ScheduledExecutorService watchdog;

    private HelidonTransport(ProviderConfig config, ScheduledExecutorService watchdog) {
        this.provider = config.name();
        this.watchdog = watchdog;
        boolean https = config.baseUrl().startsWith("https:");
        WebClientConfig.Builder builder = WebClient.builder()
                .connectTimeout(Duration.ofMillis(config.timeouts().connectMs()))
                .readTimeout(Duration.ofMillis(config.timeouts().firstByteMs()))
                .keepAlive(true)
                .followRedirects(false);
        switch (config.httpVersion()) {
            case HTTP1 -> builder.protocolPreference(List.of("http/1.1"));
            case HTTP2 -> builder.addProtocolConfig(Http2ClientProtocolConfig.builder().priorKnowledge(!https).build());
            case AUTO -> builder.protocolPreference(https ? List.of("h2", "http/1.1") : List.of("http/1.1"));
        }
        this.client = builder.build();
        // a known protocol skips the client's discovery on every call; only https with AUTO negotiates (ALPN)
        this.protocolId = switch (config.httpVersion()) {
            case HTTP2 -> "h2";
            case HTTP1 -> "http/1.1";
            case AUTO -> https ? "" : "http/1.1";
        };
    }

    /**
     * A transport for one provider.
     *
     * @param watchdog the scheduler that enforces total timeouts; shared, owned by the caller
     */
    public static HelidonTransport create(ProviderConfig config, ScheduledExecutorService watchdog) {
        return new HelidonTransport(config, watchdog);
    }

    @Override
    public UpstreamResponse send(UpstreamRequest request) {
        HttpClientRequest call = client.method(Method.create(request.method()))
                .uri(request.uri())
                .readTimeout(Duration.ofMillis(request.timeouts().firstByteMs()));
        if (!protocolId.isEmpty()) {
            call.protocolId(protocolId);
        }
        call.headers(headers -> request.headers().forEach((name, value) ->
                headers.set(io.tollgate.node.http.HeaderNameCache.of(name), value)));
        HttpClientResponse response;
        try {
            response = request.body().length == 0 && "GET".equals(request.method())
                    ? call.request()
                    : call.submit(request.body());
        } catch (RuntimeException e) {
            throw classify(e);
        }
        return HelidonUpstreamResponse.start(response, watchdog,
                Duration.ofMillis(request.timeouts().totalMs()));
    }

    private GatewayException classify(RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SocketTimeoutException) {
                return GatewayException.of(ErrorKind.UPSTREAM_TIMEOUT,
                        "Provider '" + provider + "' did not answer in time.", e);
            }
            if (t instanceof ConnectException || t instanceof UnknownHostException
                    || t instanceof NoRouteToHostException) {
                return GatewayException.of(ErrorKind.UPSTREAM_UNREACHABLE,
                        "Provider '" + provider + "' could not be reached (" + t.getClass().getSimpleName() + ").",
                        e);
            }
        }
        String message = e.getMessage() == null ? "" : e.getMessage().toLowerCase(java.util.Locale.ROOT);
        if (message.contains("timed out") || message.contains("timeout")) {
            return GatewayException.of(ErrorKind.UPSTREAM_TIMEOUT,
                    "Provider '" + provider + "' did not answer in time.", e);
        }
        // not a network failure we know: keep the stack for diagnosis (at FINE: messages may quote request data)
        LOG.warning("upstream call to provider '" + provider + "' failed with " + causes(e));
        LOG.log(Level.FINE, "upstream call to provider '" + provider + "' failed", e);
        return GatewayException.of(ErrorKind.UPSTREAM_UNREACHABLE,
                "Provider '" + provider + "' could not be reached (" + e.getClass().getSimpleName() + ").", e);
    }

    private static String causes(Throwable e) {
        StringBuilder chain = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            chain.append(chain.isEmpty() ? "" : " <- ").append(t.getClass().getName());
            StackTraceElement[] stack = t.getStackTrace();
            if (stack.length > 0) {
                chain.append(" at ").append(stack[0]);
            }
        }
        return chain.toString();
    }

    @Override
    public void close() {
        client.closeResource();
    }
}
