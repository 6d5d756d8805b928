package io.tollgate.adapters.openai;

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
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Any OpenAI-compatible API: OpenAI itself and the presets of the family ({@code groq}, {@code mistral}, ...), whose
 * bodies are rewritten where their servers refuse parts of OpenAI's format ({@link CompatibleQuirks}). With
 * {@code api_version} configured it speaks Azure OpenAI: the key goes in the {@code api-key} header, the version in
 * the {@code api-version} query parameter, and {@code {model}} in the base URL names the deployment.
 */
public final class OpenAiAdapter implements ProviderAdapter {

    private final ProviderConfig config;
    private final HttpTransport transport;
    private final boolean azure;
    private final String query;

    private OpenAiAdapter(ProviderConfig config, HttpTransport transport) {
        this.config = config;
        this.transport = transport;
        this.azure = config.apiVersion().isPresent();
        this.query = config.apiVersion()
                .map(v -> "?api-version=" + URLEncoder.encode(v, StandardCharsets.UTF_8))
                .orElse("");
    }

    /** An adapter for this provider sending through this transport. */
    public static OpenAiAdapter create(ProviderConfig config, HttpTransport transport) {
        return new OpenAiAdapter(config, transport);
    }

    @Override
    public ProviderConfig config() {
        return config;
    }

    @Override
    public Dialect dialect() {
        return Dialect.OPENAI;
    }

    /** The Responses API natively on OpenAI only; Azure and the other compatible servers get it translated to chat. */
    @Override
    public boolean supports(Operation operation) {
        return operation != Operation.RESPONSES || config.type() == io.tollgate.config.ProviderType.OPENAI && !azure;
    }

    @Override
    public UpstreamResponse send(Operation operation, String model, ProviderKey key, byte[] body,
                                 Map<String, String> passHeaders) {
        Map<String, String> headers = UpstreamRequest.baseHeaders(config, passHeaders);
        if (azure) {
            headers.put("api-key", key.value().reveal());
        } else {
            headers.put("authorization", "Bearer " + key.value().reveal());
        }
        byte[] accepted = CompatibleQuirks.apply(config.type(), body);
        return transport.send(new UpstreamRequest("POST", uri(operation, model), headers, accepted,
                config.timeouts()));
    }

    /** Audio uploads go to the model's own URL (an Azure deployment's too), as the client's form, with its boundary. */
    @Override
    public UpstreamResponse sendForm(Operation operation, String model, ProviderKey key, byte[] body,
                                     String contentType, Map<String, String> passHeaders) {
        Map<String, String> headers = UpstreamRequest.baseHeaders(config, passHeaders);
        headers.put("content-type", contentType);
        if (azure) {
            headers.put("api-key", key.value().reveal());
        } else {
            headers.put("authorization", "Bearer " + key.value().reveal());
        }
        return transport.send(new UpstreamRequest("POST", uri(operation, model), headers, body, config.timeouts()));
    }

    /** Files, batches and stored responses live at OpenAI itself, not at Azure or the compatible servers. */
    @Override
    public boolean hasResources() {
        return config.type() == io.tollgate.config.ProviderType.OPENAI && !azure;
    }

    @Override
    public UpstreamResponse call(ProviderKey key, String method, String path, byte[] body, String contentType,
                                 Map<String, String> passHeaders) {
        if (!hasResources()) {
            return ProviderAdapter.super.call(key, method, path, body, contentType, passHeaders);
        }
        Map<String, String> headers = UpstreamRequest.baseHeaders(config, passHeaders);
        headers.remove("content-type");
        if (contentType != null) {
            headers.put("content-type", contentType);
        }
        headers.put("authorization", "Bearer " + key.value().reveal());
        return transport.send(new UpstreamRequest(method, UpstreamRequest.resourceUri(config.baseUrl(), path), headers, body,
                config.timeouts()));
    }

    URI uri(Operation operation, String model) {
        String base = config.baseUrl().replace("{model}", URLEncoder.encode(model, StandardCharsets.UTF_8));
        String path = switch (operation) {
            case CHAT -> "/chat/completions";
            case COMPLETIONS -> "/completions";
            case EMBEDDINGS -> "/embeddings";
            case RESPONSES -> "/responses";
            case COUNT_TOKENS -> "/responses/input_tokens";
            case MODERATIONS -> "/moderations";
            case IMAGES -> "/images/generations";
            case SPEECH -> "/audio/speech";
            case TRANSCRIPTION -> "/audio/transcriptions";
            case TRANSLATION -> "/audio/translations";
            case BATCH, RESOURCE -> throw new IllegalArgumentException(operation + " goes through call(), not send()");
        };
        try {
            return URI.create(base + path + query);
        } catch (IllegalArgumentException e) {
            throw GatewayException.of(ErrorKind.INTERNAL,
                    "provider '" + config.name() + "' has an invalid base_url", e);
        }
    }
}
