package io.tollgate.adapters.spi;

import io.tollgate.adapters.Operation;
import io.tollgate.config.ProviderConfig;
import io.tollgate.config.ProviderKey;
import java.util.Map;

/**
 * A chat-only upstream that chooses streaming by URL rather than by body (Gemini, Vertex AI, Bedrock): the
 * provider's configuration and transport, the refusal of other operations, and one {@link #call} per request with
 * the streaming choice. Subclasses are thread-safe.
 */
public abstract class ChatAdapter implements ProviderAdapter {

    /** The provider's configuration. */
    protected final ProviderConfig config;
    /** The HTTP transport requests go through. */
    protected final HttpTransport transport;

    protected ChatAdapter(ProviderConfig config, HttpTransport transport) {
        this.config = config;
        this.transport = transport;
    }

    @Override
    public final ProviderConfig config() {
        return config;
    }

    @Override
    public final boolean supports(Operation operation) {
        return operation == Operation.CHAT;
    }

    @Override
    public final UpstreamResponse send(Operation operation, String model, ProviderKey key, byte[] body,
                                       Map<String, String> passHeaders) {
        return send(operation, model, key, body, passHeaders, false);
    }

    @Override
    public final UpstreamResponse send(Operation operation, String model, ProviderKey key, byte[] body,
                                       Map<String, String> passHeaders, boolean stream) {
        UpstreamRequest.requireChat(config, operation);
        return call(model, key, body, passHeaders, stream);
    }

    /**
     * Sends one chat call.
     *
     * @param model the upstream's model name
     * @param key the key to use
     * @param body the body in {@link #dialect(String)}
     * @param passHeaders client headers to pass on
     * @param stream whether the client streams
     * @return the response as soon as its headers arrived
     */
    protected abstract UpstreamResponse call(String model, ProviderKey key, byte[] body,
                                             Map<String, String> passHeaders, boolean stream);
}
