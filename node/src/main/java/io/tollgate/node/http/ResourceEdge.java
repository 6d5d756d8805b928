package io.tollgate.node.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.tollgate.adapters.Dialect;
import io.tollgate.adapters.ErrorKind;
import io.tollgate.adapters.GatewayException;
import io.tollgate.adapters.Json;
import io.tollgate.node.pipeline.ErrorBodies;
import io.tollgate.node.pipeline.Exchange;
import io.tollgate.node.pipeline.ResourceCall;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The edge of a route on a provider's stored resources (files, batches): the body, when it is JSON, is the exchange's
 * body; the call itself (its kind, the id in the path, the upstream path, the client's raw body and content type)
 * goes with the exchange as a {@link ResourceCall}. Stateless and thread-safe.
 */
final class ResourceEdge implements ApiHandler.Edge {

    /** What provider ids look like: no slashes, dots or escapes reach the upstream path. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,200}");

    private final ResourceCall.Kind kind;
    private final Dialect dialect;
    private final String method;
    private final String upstreamPath;
    private final boolean jsonBody;
    private final java.util.function.Function<ServerRequest, String> query;

    /**
     * @param upstreamPath the path under the provider's API root, with {@code {id}} for the path's id
     * @param jsonBody true when the client sends a JSON body the pipeline reads
     */
    ResourceEdge(ResourceCall.Kind kind, Dialect dialect, String method, String upstreamPath, boolean jsonBody) {
        this(kind, dialect, method, upstreamPath, jsonBody, request -> "");
    }

    /**
     * @param query the checked and encoded query passed upstream ({@code ?limit=20}, or empty), from the client's
     *     request; throws {@link GatewayException} for a value it refuses
     */
    ResourceEdge(ResourceCall.Kind kind, Dialect dialect, String method, String upstreamPath, boolean jsonBody,
                 java.util.function.Function<ServerRequest, String> query) {
        this.kind = kind;
        this.dialect = dialect;
        this.method = method;
        this.upstreamPath = upstreamPath;
        this.jsonBody = jsonBody;
        this.query = query;
    }

    @Override
    public ObjectNode body(ServerRequest request, byte[] raw) {
        id(request);   // an id that cannot be the provider's is refused before anything else
        query.apply(request);   // and so is a query it refuses
        return jsonBody ? Json.parseObject(raw) : Json.object();
    }

    @Override
    public io.tollgate.node.pipeline.ClientChannel channel(HelidonChannel channel, ServerRequest request,
                                                           String id) {
        return channel;
    }

    @Override
    public byte[] error(GatewayException error) {
        return ErrorBodies.body(dialect, error);
    }

    @Override
    public void attach(Exchange exchange, ServerRequest request, byte[] raw) {
        Optional<String> id = id(request);
        String path = id.map(value -> upstreamPath.replace("{id}", value)).orElse(upstreamPath)
                + query.apply(request);
        exchange.resource(ResourceCall.of(kind, id, method, path, raw,
                request.headers().first(HeaderNames.CONTENT_TYPE).orElse(null)));
    }

    private static Optional<String> id(ServerRequest request) {
        Optional<String> id = request.path().pathParameters().first("id").asOptional();
        if (id.isPresent() && !ID.matcher(id.get()).matches()) {
            throw GatewayException.of(ErrorKind.NOT_FOUND, "No file, batch or Response has the id '"
                    + id.get().substring(0, Math.min(64, id.get().length())) + "'.").withCode("not_found");
        }
        return id;
    }
}
