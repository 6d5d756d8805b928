package io.tollgate.node.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.CloseConnectionException;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.tollgate.adapters.Dialect;
import io.tollgate.adapters.ErrorKind;
import io.tollgate.adapters.GatewayException;
import io.tollgate.adapters.Json;
import io.tollgate.adapters.Operation;
import io.tollgate.node.pipeline.ErrorBodies;
import io.tollgate.node.pipeline.Exchange;
import io.tollgate.node.pipeline.Pipeline;
import java.util.HashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One API route: reads and checks the body, runs the pipeline, writes the whole response (streams were written by
 * the pipeline), and answers every failure in the route's error shape. What the client speaks is the route's
 * {@link Edge}: OpenAI's and Anthropic's formats go to the pipeline as they are; a native route ({@link NativeEdge})
 * translates at the edge. Stateless and thread-safe.
 */
final class ApiHandler implements Handler {

    /** How a route's client format meets the pipeline. */
    interface Edge {
        /** The exchange's body, checked, from the request and its raw body. */
        ObjectNode body(ServerRequest request, byte[] raw);

        /** The channel the pipeline answers through. */
        io.tollgate.node.pipeline.ClientChannel channel(HelidonChannel channel, ServerRequest request, String id);

        /** The client's error body. */
        byte[] error(GatewayException error);

        /** Headers that go with an error answer; none by default. */
        default Map<String, String> errorHeaders(GatewayException error) {
            return Map.of();
        }

        /** Adds to a new exchange what the route knows beyond its body (a call on stored resources); none by default. */
        default void attach(Exchange exchange, ServerRequest request, byte[] raw) {
        }

        /** Client headers the pipeline reads under another name (Google's {@code x-goog-api-key}). */
        default void keep(ServerRequest request, Map<String, String> kept) {
        }
    }

    private static final Logger LOG = Logger.getLogger(ApiHandler.class.getName());
    private static final String[] KEPT_HEADERS = {"anthropic-version", "anthropic-beta", "traceparent", "tracestate",
        "openai-organization", "openai-project", "authorization", "x-api-key", "api-key", "x-tollgate-vk",
        "x-bf-vk", "x-tollgate-cache-mode", "x-tollgate-cache-ttl", "x-tollgate-cache-threshold",
        "x-tollgate-cache-no-store", "x-tollgate-cache-force", "x-tollgate-cache-key", "x-tollgate-end-user"};
    /** Request tags come in headers named with this prefix and the tag's name. */
    public static final String TAG_HEADER_PREFIX = "x-tollgate-tag-";
    private static final HeaderName REQUEST_ID = HeaderNames.create("x-request-id");

    private final Dialect dialect;
    private final Operation operation;
    private final Pipeline pipeline;
    private final RequestBodies bodies;
    private final Edge edge;

    ApiHandler(Dialect dialect, Operation operation, Pipeline pipeline, RequestBodies bodies) {
        this(dialect, operation, pipeline, bodies, new Edge() {
            @Override
            public ObjectNode body(ServerRequest request, byte[] raw) {
                ObjectNode body = Json.parseObject(raw);
                RequestChecks.check(dialect, operation, body);
                return body;
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
        });
    }

    /** A route whose client format is translated at {@code edge} to {@code dialect} for the pipeline. */
    ApiHandler(Dialect dialect, Operation operation, Pipeline pipeline, RequestBodies bodies, Edge edge) {
        this.dialect = dialect;
        this.operation = operation;
        this.pipeline = pipeline;
        this.bodies = bodies;
        this.edge = edge;
    }

    /** What the route asks of the upstream. */
    Operation operation() {
        return operation;
    }

    @Override
    public void handle(ServerRequest request, ServerResponse response) {
        long start = System.nanoTime();
        String id = RequestIds.of(request.headers().first(REQUEST_ID));
        response.header(REQUEST_ID, id);
        HelidonChannel helidon = new HelidonChannel(response);
        io.tollgate.node.pipeline.ClientChannel channel = helidon;
        Exchange exchange = null;
        try {
            byte[] raw = bodies.read(request);
            ObjectNode body = edge.body(request, raw);
            channel = edge.channel(helidon, request, id);
            exchange = Exchange.create(id, start, dialect, operation, body, kept(request), channel);
            edge.attach(exchange, request, raw);
            pipeline.run(exchange);
            if (!channel.committed()) {
                Exchange.Response whole = exchange.response()
                        .orElseThrow(() -> new IllegalStateException("the pipeline produced no response"));
                channel.send(whole.status(), whole.contentType(), whole.body());
            }
        } catch (GatewayException e) {
            boolean unread = exchange == null && !consumed(request);
            if (exchange == null) {
                observeRefusal(id, start, request, helidon, e);
            }
            if (unread) {
                helidon.header("connection", "close");
            }
            fail(helidon, e);
            if (unread) {
                // a body refused unread (too large, too slow) is neither drained nor read as the next request: the
                // connection ends with the answer
                throw new CloseConnectionException("the request body was refused unread");
            }
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "request " + id + " failed inside the gateway", e);
            fail(helidon, GatewayException.of(ErrorKind.INTERNAL,
                    "The gateway failed to handle this request (request id " + id + ")."));
        } finally {
            if (exchange != null) {
                exchange.events().ifPresent(io.tollgate.node.pipeline.ClientChannel.EventSink::close);
            }
        }
    }

    /** A request refused before the pipeline (unreadable body, failed checks) is still counted and logged. */
    private void observeRefusal(String id, long start, ServerRequest request, HelidonChannel channel,
                                GatewayException e) {
        try {
            pipeline.reject(Exchange.create(id, start, dialect, operation, Json.object(), kept(request), channel), e);
        } catch (GatewayException expected) {
            // reject always ends by throwing the refusal, which the caller answers
        } catch (RuntimeException fault) {
            LOG.log(Level.WARNING, "request " + id + " could not be observed", fault);
        }
    }

    private void fail(HelidonChannel channel, GatewayException e) {
        if (channel.committed()) {
            LOG.log(Level.FINE, "failure after the response was committed", e);
            return;
        }
        e.retryAfter().ifPresent(after -> channel.header("retry-after", Long.toString(after.toSeconds())));
        edge.errorHeaders(e).forEach(channel::header);
        channel.send(e.status(), "application/json", edge.error(e));
    }

    private static boolean consumed(ServerRequest request) {
        try {
            return request.content().consumed();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private Map<String, String> kept(ServerRequest request) {
        Map<String, String> kept = new HashMap<>(4);
        for (String name : KEPT_HEADERS) {
            request.headers().first(HeaderNames.create(name)).ifPresent(value -> kept.put(name, value));
        }
        for (io.helidon.http.Header header : request.headers()) {
            String name = header.name().toLowerCase(java.util.Locale.ROOT);
            if (name.startsWith(TAG_HEADER_PREFIX)) {
                kept.put(name, header.get());
            }
        }
        edge.keep(request, kept);
        return kept;
    }
}
