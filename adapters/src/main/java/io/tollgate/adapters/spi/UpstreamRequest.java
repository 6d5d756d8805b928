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

    /**
     * The URL of a resource path under an API root.
     *
     * @param root the API's version root ({@code https://api.openai.com/v1})
     * @param path starting with {@code /}, with its query if any
     * @throws GatewayException {@code INVALID_REQUEST} when the path does not make a valid URL
     */
    public static URI resourceUri(String root, String path) {
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("a resource path starts with /, was " + path);
        }
        try {
            return URI.create(root + path);
        } catch (IllegalArgumentException e) {
            throw GatewayException.of(ErrorKind.INVALID_REQUEST, "The resource path is not a valid URL path.", e);
        }
    }

    @Override
    public String toString() {
        return method + " " + uri + " (" + body.length + " bytes)";
    }
}
