package io.tollgate.adapters.anthropic;

import io.tollgate.adapters.Dialect;
import io.tollgate.adapters.ErrorKind;
import io.tollgate.adapters.GatewayException;
import io.tollgate.adapters.Operation;
import io.tollgate.adapters.spi.HttpTransport;
import io.tollgate.adapters.spi.ProviderAdapter;
import io.tollgate.adapters.spi.UpstreamRequest;
import io.tollgate.adapters.spi.UpstreamResponse;
import io.tollgate.config.ProviderConfig;
import io.tollgate.config.ProviderKey;
import java.net.URI;
import java.util.Map;

/**
 * Anthropic's Messages API at its default base URL or a configured one (proxies, test doubles). Sends the key as
 * {@code x-api-key} and {@code anthropic-version: 2023-06-01} unless the client sent its own version.
 */
public final class AnthropicAdapter implements ProviderAdapter {

    /** The API version sent when the client names none. */
    public static final String DEFAULT_VERSION = "2023-06-01";

    private final ProviderConfig config;
    private final HttpTransport transport;
    private final URI messages;
    private final URI countTokens;

    private AnthropicAdapter(ProviderConfig config, HttpTransport transport) {
        this.config = config;
        this.transport = transport;
        try {
            this.messages = URI.create(config.baseUrl() + "/v1/messages");
            this.countTokens = URI.create(config.baseUrl() + "/v1/messages/count_tokens");
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("provider '" + config.name() + "' has an invalid base_url", e);
        }
    }

    /** An adapter for this provider sending through this transport. */
    public static AnthropicAdapter create(ProviderConfig config, HttpTransport transport) {
        return new AnthropicAdapter(config, transport);
    }

    @Override
    public ProviderConfig config() {
        return config;
    }

    @Override
    public Dialect dialect() {
        return Dialect.ANTHROPIC;
    }

    @Override
    public boolean supports(Operation operation) {
        return operation == Operation.CHAT || operation == Operation.COUNT_TOKENS;
    }

    @Override
    public UpstreamResponse send(Operation operation, String model, ProviderKey key, byte[] body,
                                 Map<String, String> passHeaders) {
        if (!supports(operation)) {
            throw GatewayException.of(ErrorKind.INVALID_REQUEST,
                    "Provider '" + config.name() + "' (anthropic) does not offer " + operation.name().toLowerCase()
                            + "; use an OpenAI-type provider for it.");
        }
        Map<String, String> headers = UpstreamRequest.baseHeaders(config, passHeaders);
        headers.putIfAbsent("anthropic-version", DEFAULT_VERSION);
        headers.put("x-api-key", key.value().reveal());
        URI uri = operation == Operation.COUNT_TOKENS ? countTokens : messages;
        return transport.send(new UpstreamRequest("POST", uri, headers, body, config.timeouts()));
    }

    /** Message Batches live under {@code /v1/messages/batches}. */
    @Override
    public boolean hasResources() {
        return true;
    }

    @Override
    public UpstreamResponse call(ProviderKey key, String method, String path, byte[] body, String contentType,
                                 Map<String, String> passHeaders) {
        Map<String, String> headers = UpstreamRequest.baseHeaders(config, passHeaders);
        headers.remove("content-type");
        if (contentType != null) {
            headers.put("content-type", contentType);
        }
        headers.putIfAbsent("anthropic-version", DEFAULT_VERSION);
        headers.put("x-api-key", key.value().reveal());
        return transport.send(new UpstreamRequest(method, UpstreamRequest.resourceUri(config.baseUrl() + "/v1", path), headers, body, config.timeouts()));
    }
}
