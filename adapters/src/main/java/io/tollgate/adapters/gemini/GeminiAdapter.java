package io.tollgate.adapters.gemini;

import io.tollgate.adapters.Dialect;
import io.tollgate.adapters.ErrorKind;
import io.tollgate.adapters.GatewayException;
import io.tollgate.adapters.spi.ChatAdapter;
import io.tollgate.adapters.spi.HttpTransport;
import io.tollgate.adapters.spi.UpstreamRequest;
import io.tollgate.adapters.spi.UpstreamResponse;
import io.tollgate.config.ProviderConfig;
import io.tollgate.config.ProviderKey;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Google AI Studio's Gemini API: {@code POST {base}/v1beta/models/{model}:generateContent}, or
 * {@code :streamGenerateContent?alt=sse} for a streaming client (server-sent events, one partial response each); the
 * API key goes in the {@code x-goog-api-key} header, never in the URL. Chat only.
 */
public final class GeminiAdapter extends ChatAdapter {

    private GeminiAdapter(ProviderConfig config, HttpTransport transport) {
        super(config, transport);
    }

    /** An adapter for this provider sending through this transport. */
    public static GeminiAdapter create(ProviderConfig config, HttpTransport transport) {
        return new GeminiAdapter(config, transport);
    }

    @Override
    public Dialect dialect() {
        return Dialect.GEMINI;
    }

    @Override
    protected UpstreamResponse call(String model, ProviderKey key, byte[] body, Map<String, String> passHeaders,
                                    boolean stream) {
        Map<String, String> headers = UpstreamRequest.baseHeaders(config, passHeaders);
        headers.put("x-goog-api-key", key.value().reveal());
        return transport.send(new UpstreamRequest("POST", uri(model, stream), headers, body, config.timeouts()));
    }

    URI uri(String model, boolean stream) {
        String name = URLEncoder.encode(model, StandardCharsets.UTF_8);
        String path = "/v1beta/models/" + name + (stream ? ":streamGenerateContent?alt=sse" : ":generateContent");
        try {
            return URI.create(config.baseUrl() + path);
        } catch (IllegalArgumentException e) {
            throw GatewayException.of(ErrorKind.INTERNAL, "provider '" + config.name() + "' has an invalid base_url",
                    e);
        }
    }
}
