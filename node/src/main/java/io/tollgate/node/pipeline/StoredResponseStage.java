package io.tollgate.node.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.adapters.Dialect;
import io.tollgate.adapters.ErrorKind;
import io.tollgate.adapters.GatewayException;
import io.tollgate.adapters.Json;
import io.tollgate.adapters.Operation;
import io.tollgate.adapters.responses.InputItems;
import io.tollgate.cluster.responses.ResponseStore;
import io.tollgate.cluster.responses.StoredResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Stored Responses. A {@code POST /v1/responses} whose {@code store} is not false is recorded once answered (no
 * database call before the upstream is asked or before a stream's first byte): its id, the virtual key that made it,
 * the provider, key and model that answered it; a Response the gateway made itself (its provider has no Responses
 * API) is kept whole with its input items, up to {@value #MAX_KEPT_CHARS} characters. The gateway's Responses get
 * an id of their own ({@code resp_} and 32 hex digits), never the client's request id. A call on a stored Response
 * ({@code GET}, {@code input_items}, {@code DELETE}) is allowed only to the virtual key that created it (others get
 * 404, as if it did not exist) and is routed to the model that answered it: a native one goes to the provider with
 * the key that holds it, the gateway's own is answered from the store by {@link LocalAnswerStage} after governance.
 * Runs before routing. Thread-safe.
 */
public final class StoredResponseStage implements Stage {

    /** The most characters of a Response object and its input items the gateway keeps for one Response. */
    public static final int MAX_KEPT_CHARS = 1_000_000;
    private static final Logger LOG = Logger.getLogger(StoredResponseStage.class.getName());

    private final ResponseStore store;
    private final Clock clock;

    private StoredResponseStage(ResponseStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** A stage recording in and answering from {@code store}. */
    public static StoredResponseStage create(ResponseStore store, Clock clock) {
        return new StoredResponseStage(store, clock);
    }

    @Override
    public void handle(Exchange exchange, Chain next) {
        Optional<ResourceCall> resource = exchange.resource();
        if (resource.isPresent()) {
            if (resource.get().kind().storedResponse()) {
                call(exchange, resource.get(), next);
            } else {
                next.proceed(exchange);
            }
        } else if (exchange.operation() == Operation.RESPONSES && exchange.dialect() == Dialect.OPENAI) {
            ObjectNode sent = exchange.body();
            Optional<ArrayNode> earlier = Optional.empty();
            JsonNode previous = sent.path("previous_response_id");
            if (previous.isTextual()) {
                // the one database read before the upstream, only for a request that continues a Response
                earlier = Conversations.earlier(store, previous.asText(), owner(exchange));
                earlier.ifPresent(items -> exchange.replaceBody(Conversations.continued(sent, items)));
            }
            if (sent.path("store").asBoolean(true)) {
                create(exchange, sent, earlier, next);
            } else {
                next.proceed(exchange);
            }
        } else {
            next.proceed(exchange);
        }
    }

    /**
     * @param sent the request as the client sent it
     * @param earlier the conversation before it, when it continues a Response the gateway keeps
     */
    private void create(Exchange exchange, ObjectNode sent, Optional<ArrayNode> earlier, Chain next) {
        String base = newBase(clock.millis());
        exchange.responseIdBase(base);
        ResponseCapture capture = new ResponseCapture("resp_" + base);
        if (exchange.stream()) {
            exchange.tapEvents(capture::onEvent);
        }
        next.proceed(exchange);
        try {
            record(exchange, capture, base, sent, earlier);
        } catch (RuntimeException e) {
            // the client has its answer; only a later read of it will miss
            LOG.log(Level.WARNING, "storing response of request " + exchange.id() + " failed: " + e.getMessage(), e);
        }
    }

    private void record(Exchange exchange, ResponseCapture capture, String base, ObjectNode sent,
                        Optional<ArrayNode> earlier) {
        Optional<Route> route = exchange.route();
        if (route.isEmpty()) {
            return;
        }
        Optional<String> id;
        Optional<String> whole = Optional.empty();
        if (exchange.streamed()) {
            id = capture.streamedId();
            if (id.isPresent() && capture.gatewayMade(id.get())) {
                whole = capture.streamedResponse();
                if (whole.isEmpty()) {
                    return;   // the stream did not complete: there is no Response to keep
                }
            }
        } else {
            Optional<Exchange.Response> answer = exchange.response()
                    .filter(response -> response.status() >= 200 && response.status() < 300);
            id = answer.flatMap(response -> ResponseCapture.idOf(response.body()));
            if (id.isPresent() && capture.gatewayMade(id.get())) {
                whole = answer.map(response -> new String(response.body(), StandardCharsets.UTF_8));
            }
        }
        if (id.isEmpty()) {
            return;
        }
        Optional<StoredResponse.Local> local = whole.map(object -> new StoredResponse.Local(object,
                Json.string(inputItems(sent, base, earlier))));
        if (local.isPresent() && local.get().length() > MAX_KEPT_CHARS) {
            LOG.log(Level.INFO, "response {0} is too large to keep ({1} characters, at most {2})",
                    new Object[] {id.get(), local.get().length(), MAX_KEPT_CHARS});
            return;
        }
        Route answered = route.get();
        store.put(new StoredResponse(id.get(), answered.model().provider(), answered.key().name(), owner(exchange),
                answered.model().address(), clock.instant(), local));
    }

    private void call(Exchange exchange, ResourceCall call, Chain next) {
        String id = call.resourceId().orElseThrow();
        StoredResponse response = store.find(id).filter(found -> found.virtualKeyId().equals(owner(exchange)))
                .orElseThrow(() -> GatewayException.of(ErrorKind.NOT_FOUND, "Response with id '" + id
                        + "' not found: none was stored through the gateway with this key.").withCode("not_found"));
        ObjectNode body = exchange.body().deepCopy();
        body.put("model", response.model());
        exchange.replaceBody(body);
        if (response.local().isPresent()) {
            call.answerLocally(() -> LocalResponses.answer(call, response, store));
        } else {
            call.pinKey(response.keyName());
            if (call.kind() == ResourceCall.Kind.RESPONSE_DELETE) {
                call.whenAnswered(answered -> store.delete(id));
            }
        }
        next.proceed(exchange);
    }

    /** A Response's input items: the conversation it continues, then what the client sent. */
    private static ArrayNode inputItems(ObjectNode sent, String base, Optional<ArrayNode> earlier) {
        ArrayNode items = Json.MAPPER.createArrayNode();
        earlier.ifPresent(items::addAll);
        items.addAll(InputItems.of(sent, base));
        return items;
    }

    private static Optional<String> owner(Exchange exchange) {
        return exchange.governed().map(governed -> governed.key().id());
    }

    /** 32 hex digits: the epoch millisecond (so ids sort by time), then 80 random bits. */
    static String newBase(long epochMillis) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return String.format("%012x%016x%04x", epochMillis & 0xffff_ffff_ffffL, random.nextLong(),
                random.nextInt(0x10000));
    }
}
