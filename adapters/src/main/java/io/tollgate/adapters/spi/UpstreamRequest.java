package io.tollgate.adapters.spi;

import io.tollgate.config.Timeouts;
import java.net.URI;
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

    @Override
    public String toString() {
        return method + " " + uri + " (" + body.length + " bytes)";
    }
}
