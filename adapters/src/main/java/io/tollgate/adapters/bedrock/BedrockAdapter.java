package io.tollgate.adapters.bedrock;

import io.tollgate.adapters.Dialect;
import io.tollgate.adapters.ErrorKind;
import io.tollgate.adapters.GatewayException;
import io.tollgate.adapters.spi.ChatAdapter;
import io.tollgate.adapters.spi.HttpTransport;
import io.tollgate.adapters.spi.UpstreamRequest;
import io.tollgate.adapters.spi.UpstreamResponse;
import io.tollgate.config.ProviderConfig;
import io.tollgate.config.ProviderKey;
import io.tollgate.config.Secret;
import java.io.InputStream;
import java.net.URI;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * AWS Bedrock's Converse API: {@code POST {base}/model/{modelId}/converse}, or {@code /converse-stream} for a
 * streaming client, whose binary event stream is handed on as server-sent events ({@link EventStreams#sse}) so the
 * gateway's relay reads it like any other stream. A key with an {@code access_key_id} signs each request with SigV4
 * (the AWS SDK's signer, the provider's region, service {@code bedrock}); a key without one is a Bedrock API key sent
 * as a bearer token. Chat only.
 */
public final class BedrockAdapter extends ChatAdapter {

    private final Clock clock;
    private final String region;

    private BedrockAdapter(ProviderConfig config, HttpTransport transport, Clock clock) {
        super(config, transport);
        this.clock = clock;
        this.region = config.region().orElseThrow(() -> new IllegalArgumentException("bedrock needs a region"));
    }

    /** An adapter for this provider sending through this transport, signing with this clock's time. */
    public static BedrockAdapter create(ProviderConfig config, HttpTransport transport, Clock clock) {
        return new BedrockAdapter(config, transport, clock);
    }

    @Override
    public Dialect dialect() {
        return Dialect.BEDROCK;
    }

    @Override
    protected UpstreamResponse call(String model, ProviderKey key, byte[] body, Map<String, String> passHeaders,
                                    boolean stream) {
        URI uri = uri(model, stream);
        Map<String, String> headers = UpstreamRequest.baseHeaders(config, passHeaders);
        headers.put("accept", stream ? EventStreams.CONTENT_TYPE : "application/json");
        if (key.accessKeyId().isPresent()) {
            BedrockSigner signer = BedrockSigner.create(key.accessKeyId().get(), key.value().reveal(),
                    key.sessionToken().map(Secret::reveal).orElse(""), region);
            headers.putAll(signer.sign("POST", uri, headers, body, clock.instant()));
        } else {
            headers.put("authorization", "Bearer " + key.value().reveal());
        }
        UpstreamResponse response = transport.send(new UpstreamRequest("POST", uri, headers, body,
                config.timeouts()));
        boolean events = stream && response.status() / 100 == 2;
        return events ? new AsEvents(response) : response;
    }

    URI uri(String model, boolean stream) {
        try {
            return URI.create(config.baseUrl() + BedrockConverse.path(model, stream));
        } catch (IllegalArgumentException e) {
            throw GatewayException.of(ErrorKind.INTERNAL, "provider '" + config.name() + "' has an invalid base_url",
                    e);
        }
    }

    /** A streamed answer whose binary event stream reads as server-sent events. */
    private static final class AsEvents implements UpstreamResponse {
        private final UpstreamResponse response;
        private InputStream body;

        AsEvents(UpstreamResponse response) {
            this.response = response;
        }

        @Override
        public int status() {
            return response.status();
        }

        @Override
        public Optional<String> header(String name) {
            if (name.equalsIgnoreCase("content-type")) {
                return Optional.of("text/event-stream");
            }
            if (name.equalsIgnoreCase("content-length")) {
                return Optional.empty();
            }
            return response.header(name);
        }

        @Override
        public InputStream body() {
            if (body == null) {
                body = EventStreams.sse(response.body());
            }
            return body;
        }

        @Override
        public boolean timedOut() {
            return response.timedOut();
        }

        @Override
        public void close() {
            response.close();
        }
    }
}
