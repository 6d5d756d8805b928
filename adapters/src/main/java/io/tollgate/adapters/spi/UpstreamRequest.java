package io.tollgate.adapters.spi;

import io.tollgate.adapters.ErrorKind;
import io.tollgate.adapters.GatewayException;
import io.tollgate.adapters.Operation;
import io.tollgate.config.ProviderConfig;
import io.tollgate.config.Timeouts;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One HTTP request to an upstream, fully prepared: URL, headers (credentials included) and body.
 *
 * @param method {@code GET} or {@code POST}
 * @param uri absolute URL
 * @param headers header names (lower case) to values; the credentials are among them, so never log this record's
 *     headers — its {@link #toString()} leaves them out
 * @param body the body, empty for {@code GET}
 * @param timeouts connect, first-byte and total timeouts
 */
public record UpstreamRequest(String method, URI uri, Map<String, String> headers, byte[] body,
                              Timeouts timeouts) {

    public UpstreamRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(timeouts, "timeouts");
        headers = Map.copyOf(headers);
    }

    /**
     * The headers every call to this provider carries, in a map the adapter may add its credentials to: the client
     * headers passed on, then the provider's configured headers, then {@code content-type: application/json}.
     */
    public static Map<String, String> baseHeaders(ProviderConfig provider,
                                                  Map<String, String> passHeaders) {
        Map<String, String> headers = new HashMap<>(provider.headers().size() + passHeaders.size() + 6);
        headers.putAll(passHeaders);
        headers.putAll(provider.headers());
        headers.put("content-type", "application/json");
        return headers;
    }

    /**
     * Refuses an operation other than chat for a chat-only provider.
     *
     * @throws GatewayException {@code INVALID_REQUEST} naming the provider and its type
     */
    public static void requireChat(ProviderConfig provider, Operation operation) {
        if (operation != Operation.CHAT) {
            throw GatewayException.of(ErrorKind.INVALID_REQUEST, "Provider '" + provider.name() + "' ("
                    + provider.type().configName() + ") serves chat requests only.");
        }
    }

    @Override
    public String toString() {
        return method + " " + uri + " (" + body.length + " bytes)";
    }
}
