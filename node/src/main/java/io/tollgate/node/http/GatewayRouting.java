package io.tollgate.node.http;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRouting;
import io.tollgate.adapters.Dialect;
import io.tollgate.adapters.ErrorKind;
import io.tollgate.adapters.GatewayException;
import io.tollgate.adapters.Operation;
import io.tollgate.adapters.pricing.PricingCatalog;
import io.tollgate.config.TollgateConfig;
import io.tollgate.node.pipeline.Pipeline;
import io.tollgate.node.pipeline.ResourceCall;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.BooleanSupplier;

/** Registers every route of a node on a Helidon routing builder. */
public final class GatewayRouting {

    /** The routes, for the start banner: method, path, what it is. */
    public static final List<String> ROUTES = List.of(
            "POST /v1/chat/completions        OpenAI chat (also under /openai)",
            "POST /v1/completions             OpenAI legacy completions (also under /openai)",
            "POST /v1/embeddings              OpenAI embeddings (also under /openai)",
            "POST /v1/responses               OpenAI Responses (also under /openai)",
            "GET  /v1/models                  models by provider/model (also under /openai)",
            "POST /anthropic/v1/messages      Anthropic Messages",
            "POST /anthropic/v1/messages/count_tokens, /v1/responses/input_tokens   token counts, never billed",
            "POST /v1/moderations             OpenAI moderations, never billed (also under /openai)",
            "POST /v1/images/generations      OpenAI images, priced per image (also under /openai)",
            "POST /v1/audio/speech            OpenAI text to speech, priced per character (also under /openai)",
            "POST /v1/audio/transcriptions, /v1/audio/translations   OpenAI speech to text (multipart), priced per "
                    + "second or token (also under /openai)",
            "POST /v1/files, /v1/batches; GET /v1/batches, /v1/batches/{id}   OpenAI batches at batch prices (also "
                    + "under /openai)",
            "GET, DELETE /v1/responses/{id}; GET .../{id}/input_items   stored Responses (also under /openai)",
            "POST /anthropic/v1/messages/batches; GET .../{id}, .../{id}/results   Anthropic Message Batches",
            "POST /genai/v1beta/models/{model}:generateContent, :streamGenerateContent   Google GenAI (Gemini)",
            "POST /bedrock/model/{modelId}/converse, /converse-stream                    AWS Bedrock Converse",
            "GET  /health, /ready             liveness and readiness");

    /** The output cap a Converse client gets when its {@code inferenceConfig} sets none (Anthropic needs one). */
    private static final long DEFAULT_MAX_TOKENS = 4096;

    private GatewayRouting() {
    }

    /**
     * Adds the routes.
     *
     * @param ready tells whether the node is ready to serve (false while starting or stopping)
     * @param timer sweeps the deadlines of request bodies ({@code server.body_timeout_ms})
     */
    public static void register(HttpRouting.Builder routing, TollgateConfig config, PricingCatalog catalog,
                                Pipeline pipeline, BooleanSupplier ready, ScheduledExecutorService timer) {
        RequestBodies bodies = new RequestBodies(config.server().maxBodyBytes(),
                Deadlines.start(Duration.ofMillis(config.server().timeouts().bodyMs()), timer));
        ModelsHandler models = new ModelsHandler(config, catalog);
        for (String prefix : List.of("", "/openai")) {
            routing.post(prefix + "/v1/chat/completions", new ApiHandler(Dialect.OPENAI, Operation.CHAT, pipeline, bodies));
            routing.post(prefix + "/v1/completions",
                    new ApiHandler(Dialect.OPENAI, Operation.COMPLETIONS, pipeline, bodies));
            routing.post(prefix + "/v1/embeddings",
                    new ApiHandler(Dialect.OPENAI, Operation.EMBEDDINGS, pipeline, bodies));
            routing.post(prefix + "/v1/responses",
                    new ApiHandler(Dialect.OPENAI, Operation.RESPONSES, pipeline, bodies));
            routing.get(prefix + "/v1/models", models);
            routing.post(prefix + "/v1/images/generations",
                    new ApiHandler(Dialect.OPENAI, Operation.IMAGES, pipeline, bodies));
            routing.post(prefix + "/v1/audio/speech",
                    new ApiHandler(Dialect.OPENAI, Operation.SPEECH, pipeline, bodies));
            routing.post(prefix + "/v1/audio/transcriptions",
                    new ApiHandler(Dialect.OPENAI, Operation.TRANSCRIPTION, pipeline, bodies, new AudioEdge()));
            routing.post(prefix + "/v1/audio/translations",
                    new ApiHandler(Dialect.OPENAI, Operation.TRANSLATION, pipeline, bodies, new AudioEdge()));
            routing.post(prefix + "/v1/moderations",
                    new ApiHandler(Dialect.OPENAI, Operation.MODERATIONS, pipeline, bodies));
            routing.post(prefix + "/v1/responses/input_tokens",
                    new ApiHandler(Dialect.OPENAI, Operation.COUNT_TOKENS, pipeline, bodies));
            StoredResponseRoutes.register(routing, pipeline, bodies, prefix);
            resource(routing, pipeline, bodies, Dialect.OPENAI, Operation.RESOURCE, ResourceCall.Kind.FILE_UPLOAD,
                    "POST", prefix + "/v1/files", "/files", false);
            resource(routing, pipeline, bodies, Dialect.OPENAI, Operation.RESOURCE, ResourceCall.Kind.FILE_GET,
                    "GET", prefix + "/v1/files/{id}", "/files/{id}", false);
            resource(routing, pipeline, bodies, Dialect.OPENAI, Operation.RESOURCE, ResourceCall.Kind.FILE_CONTENT,
                    "GET", prefix + "/v1/files/{id}/content", "/files/{id}/content", false);
            resource(routing, pipeline, bodies, Dialect.OPENAI, Operation.RESOURCE, ResourceCall.Kind.FILE_DELETE,
                    "DELETE", prefix + "/v1/files/{id}", "/files/{id}", false);
            resource(routing, pipeline, bodies, Dialect.OPENAI, Operation.BATCH, ResourceCall.Kind.BATCH_CREATE,
                    "POST", prefix + "/v1/batches", "/batches", true);
            routing.get(prefix + "/v1/batches", new ApiHandler(Dialect.OPENAI, Operation.RESOURCE, pipeline, bodies,
                    new ResourceEdge(ResourceCall.Kind.BATCH_LIST, Dialect.OPENAI, "GET", "/batches", false,
                            request -> BatchListQuery.of(request, "after", 100))));
            resource(routing, pipeline, bodies, Dialect.OPENAI, Operation.RESOURCE, ResourceCall.Kind.BATCH_GET,
                    "GET", prefix + "/v1/batches/{id}", "/batches/{id}", false);
            resource(routing, pipeline, bodies, Dialect.OPENAI, Operation.RESOURCE, ResourceCall.Kind.BATCH_CANCEL,
                    "POST", prefix + "/v1/batches/{id}/cancel", "/batches/{id}/cancel", false);
        }
        resource(routing, pipeline, bodies, Dialect.ANTHROPIC, Operation.BATCH,
                ResourceCall.Kind.MESSAGE_BATCH_CREATE, "POST", "/anthropic/v1/messages/batches", "/messages/batches",
                true);
        routing.get("/anthropic/v1/messages/batches", new ApiHandler(Dialect.ANTHROPIC, Operation.RESOURCE, pipeline,
                bodies, new ResourceEdge(ResourceCall.Kind.MESSAGE_BATCH_LIST, Dialect.ANTHROPIC, "GET",
                        "/messages/batches", false, request -> BatchListQuery.of(request, "after_id", 1000))));
        resource(routing, pipeline, bodies, Dialect.ANTHROPIC, Operation.RESOURCE,
                ResourceCall.Kind.MESSAGE_BATCH_GET, "GET", "/anthropic/v1/messages/batches/{id}",
                "/messages/batches/{id}", false);
        resource(routing, pipeline, bodies, Dialect.ANTHROPIC, Operation.RESOURCE,
                ResourceCall.Kind.MESSAGE_BATCH_RESULTS, "GET", "/anthropic/v1/messages/batches/{id}/results",
                "/messages/batches/{id}/results", false);
        resource(routing, pipeline, bodies, Dialect.ANTHROPIC, Operation.RESOURCE,
                ResourceCall.Kind.MESSAGE_BATCH_CANCEL, "POST", "/anthropic/v1/messages/batches/{id}/cancel",
                "/messages/batches/{id}/cancel", false);
        resource(routing, pipeline, bodies, Dialect.ANTHROPIC, Operation.RESOURCE,
                ResourceCall.Kind.MESSAGE_BATCH_DELETE, "DELETE", "/anthropic/v1/messages/batches/{id}",
                "/messages/batches/{id}", false);
        routing.post("/anthropic/v1/messages", new ApiHandler(Dialect.ANTHROPIC, Operation.CHAT, pipeline, bodies));
        routing.post("/anthropic/v1/messages/count_tokens",
                new ApiHandler(Dialect.ANTHROPIC, Operation.COUNT_TOKENS, pipeline, bodies));
        ApiHandler gemini = new ApiHandler(Dialect.OPENAI, Operation.CHAT, pipeline, bodies,
                new NativeEdge(new GeminiFormat(), GeminiRoute.of(config)));
        for (boolean stream : List.of(false, true)) {
            ApiHandler bedrock = new ApiHandler(Dialect.OPENAI, Operation.CHAT, pipeline, bodies, new NativeEdge(
                    new BedrockFormat(java.time.Clock.systemUTC(), DEFAULT_MAX_TOKENS), BedrockRoute.of(config, stream)));
            String action = stream ? "/converse-stream" : "/converse";
            routing.post("/bedrock/model/{modelId}" + action, bedrock);
            routing.post("/bedrock/model/{provider}/{modelId}" + action, bedrock);
        }
        for (String version : List.of("v1", "v1beta")) {   // Google's SDKs use either, by version and backend
            routing.post("/genai/" + version + "/models/{action}", gemini);
            routing.post("/genai/" + version + "/models/{provider}/{action}", gemini);
        }
        routing.get("/health", (req, res) -> json(res, 200, "{\"status\":\"alive\"}"));
        routing.get("/ready", (req, res) -> {
            if (ready.getAsBoolean()) {
                json(res, 200, "{\"status\":\"ready\"}");
            } else {
                json(res, 503, "{\"status\":\"not ready\"}");
            }
        });
        routing.any((req, res) -> {
            GatewayException e = GatewayException.of(ErrorKind.NOT_FOUND, "Unknown route: "
                    + req.prologue().method().text() + " " + req.path().path() + ".").withCode("unknown_route");
            RouteErrors.Answer answer = RouteErrors.of(req.path().path(), e);
            res.status(404);
            res.header(HeaderNames.CONTENT_TYPE, "application/json");
            answer.headers().forEach((name, value) -> res.header(HeaderNameCache.of(name), value));
            res.send(answer.body());
        });
    }

    /** A route on a provider's stored resources, through the pipeline like any inference route. */
    private static void resource(HttpRouting.Builder routing, Pipeline pipeline, RequestBodies bodies,
                                 Dialect dialect, Operation operation, ResourceCall.Kind kind, String method,
                                 String path, String upstreamPath, boolean jsonBody) {
        ApiHandler handler = new ApiHandler(dialect, operation, pipeline, bodies,
                new ResourceEdge(kind, dialect, method, upstreamPath, jsonBody));
        switch (method) {
            case "GET" -> routing.get(path, handler);
            case "DELETE" -> routing.delete(path, handler);
            default -> routing.post(path, handler);
        }
    }

    private static void json(io.helidon.webserver.http.ServerResponse res, int status, String body) {
        res.status(status);
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.send(body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
