package io.tollgate.adapters.vertex;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.adapters.Dialect;
import io.tollgate.adapters.ErrorKind;
import io.tollgate.adapters.GatewayException;
import io.tollgate.adapters.Json;
import io.tollgate.adapters.spi.ChatAdapter;
import io.tollgate.adapters.spi.HttpTransport;
import io.tollgate.adapters.spi.UpstreamRequest;
import io.tollgate.adapters.spi.UpstreamResponse;
import io.tollgate.config.ProviderConfig;
import io.tollgate.config.ProviderKey;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Google Vertex AI in a project and location, with an OAuth bearer token minted from the key's service account
 * ({@link ServiceAccountTokens}). One provider serves two publishers' models, each in its own format, so
 * {@link #dialect(String)} depends on the model:
 * <ul>
 *   <li>Gemini: {@code POST {base}/v1/projects/{project}/locations/{region}/publishers/google/models/{model}
 *       :generateContent}, or {@code :streamGenerateContent?alt=sse} for a streaming client; the same JSON as Google
 *       AI Studio ({@link Dialect#GEMINI}), Google error bodies
 *       (https://cloud.google.com/vertex-ai/generative-ai/docs/model-reference/inference);</li>
 *   <li>Anthropic's Claude (model names starting {@code claude-}): {@code POST .../publishers/anthropic/models/{model}
 *       :rawPredict}, or {@code :streamRawPredict}; Anthropic's Messages body without {@code model} (it is in the
 *       URL) and with {@code "anthropic_version": "vertex-2023-10-16"} in place of the header; Anthropic's answers,
 *       streams and error bodies ({@link Dialect#ANTHROPIC})
 *       (https://docs.anthropic.com/en/api/claude-on-vertex-ai,
 *       https://cloud.google.com/vertex-ai/generative-ai/docs/partner-models/use-claude).</li>
 * </ul>
 * The location {@code global} is served at {@code https://aiplatform.googleapis.com} (the binder's default base URL).
 * Chat only. Thread-safe.
 */
public final class VertexAdapter extends ChatAdapter {

    /** The version Claude on Vertex AI takes in the body. */
    static final String ANTHROPIC_VERSION = "vertex-2023-10-16";
    private static final String CLAUDE_PREFIX = "claude-";
    private static final String UNRESERVED = "-._~@";

    private final AccessTokens tokens;
    private final String publishers;

    private VertexAdapter(ProviderConfig config, HttpTransport transport, AccessTokens tokens) {
        super(config, transport);
        this.tokens = tokens;
        String project = config.project().orElseThrow(() -> new IllegalArgumentException("vertex needs a project"));
        String region = config.region().orElseThrow(() -> new IllegalArgumentException("vertex needs a region"));
        this.publishers = "/v1/projects/" + segment(project) + "/locations/" + segment(region) + "/publishers/";
    }

    /**
     * An adapter for this provider sending through this transport; loads every key's service account.
     *
     * @throws IllegalArgumentException naming the provider and key when a key is not a usable service account
     */
    public static VertexAdapter create(ProviderConfig config, HttpTransport transport) {
        return new VertexAdapter(config, transport, ServiceAccountTokens.create(config));
    }

    /** An adapter taking its bearer tokens from {@code tokens}. */
    static VertexAdapter create(ProviderConfig config, HttpTransport transport, AccessTokens tokens) {
        return new VertexAdapter(config, transport, tokens);
    }

    /** Gemini's, the format of Google's own models; see {@link #dialect(String)}. */
    @Override
    public Dialect dialect() {
        return Dialect.GEMINI;
    }

    /** Anthropic's for Claude models, Gemini's for the rest. */
    @Override
    public Dialect dialect(String model) {
        return claude(model) ? Dialect.ANTHROPIC : Dialect.GEMINI;
    }

    @Override
    protected UpstreamResponse call(String model, ProviderKey key, byte[] body, Map<String, String> passHeaders,
                                    boolean stream) {
        URI uri = uri(model, stream);
        Map<String, String> headers = UpstreamRequest.baseHeaders(config, passHeaders);
        headers.remove("anthropic-version");
        headers.put("authorization", "Bearer " + tokens.token(key));
        byte[] upstreamBody = claude(model) ? claudeBody(body) : body;
        return transport.send(new UpstreamRequest("POST", uri, headers, upstreamBody, config.timeouts()));
    }

    URI uri(String model, boolean stream) {
        String method = claude(model) ? (stream ? ":streamRawPredict" : ":rawPredict")
                : (stream ? ":streamGenerateContent?alt=sse" : ":generateContent");
        String path = publishers + (claude(model) ? "anthropic" : "google") + "/models/" + segment(model) + method;
        try {
            return URI.create(config.baseUrl() + path);
        } catch (IllegalArgumentException e) {
            throw GatewayException.of(ErrorKind.INTERNAL, "provider '" + config.name() + "' has an invalid base_url",
                    e);
        }
    }

    /** Anthropic's Messages body as Vertex AI takes it: the model in the URL, the version in the body. */
    static byte[] claudeBody(byte[] body) {
        ObjectNode request = Json.parseObject(body);
        request.remove("model");
        request.put("anthropic_version", ANTHROPIC_VERSION);
        return Json.bytes(request);
    }

    private static boolean claude(String model) {
        return model.startsWith(CLAUDE_PREFIX);
    }

    /** A URL path segment: unreserved characters and {@code @} (Claude's {@code model@version}) as they are. */
    private static String segment(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || UNRESERVED.indexOf(c) >= 0) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            }
        }
        return out.toString();
    }
}
