package io.tollgate.node.http;

import static io.tollgate.node.testing.NodeHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.adapters.Operation;
import io.tollgate.node.http.RouteTable.Entry;
import io.tollgate.node.http.RouteTable.Kind;
import io.tollgate.node.testing.FakeUpstream;
import io.tollgate.node.testing.FakeUpstream.Reply;
import io.tollgate.node.testing.Fixtures;
import io.tollgate.node.testing.Forms;
import io.tollgate.node.testing.NodeHarness;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Enumerates the routes a started node registered ({@link RouteTable}) and proves that every inference route is
 * governed: classified as inference (its handler runs the pipeline), refused without a virtual key in the route's
 * own error shape, refused by a spent budget and by an exhausted rate limit — and that in none of these cases did
 * anything reach the upstream. Routes in the client API's paths that are not inference must be exactly the declared
 * ungoverned ones, and plausible paths nobody registered fall to the 404 catch-all, never upstream.
 */
@Timeout(60)
class RouteGovernanceIT {

    private static final String OPEN = "tg-open-0000000000000001";
    private static final String SPENT = "tg-spent-000000000000001";
    private static final String THROTTLED = "tg-throttled-00000000001";
    /** The routes of the client API that run no pipeline, on purpose: no upstream call, no cost. */
    private static final Set<String> UNGOVERNED = Set.of("GET /v1/models " + Kind.CATALOG,
            "GET /openai/v1/models " + Kind.CATALOG, "GET /health " + Kind.HEALTH, "GET /ready " + Kind.HEALTH,
            "* * " + Kind.FALLBACK);
    /** Operations that cost nothing: a spent budget does not refuse them. */
    private static final Set<Operation> UNBILLED = Set.of(Operation.COUNT_TOKENS, Operation.MODERATIONS);
    private static final Pattern PARAMETER = Pattern.compile("\\{([^}]+)}");
    private static final Map<String, String> PARAMETERS = Map.of("provider", "openai", "modelId", "gpt-4o-mini",
            "model", "gpt-4o-mini", "action", "gpt-4o-mini:generateContent", "id", "batch_probe");

    private static FakeUpstream upstream;
    private static NodeHarness node;

    @BeforeAll
    static void start() {
        upstream = FakeUpstream.start();
        upstream.on("/v1/chat/completions", Reply.json(200, Fixtures.OPENAI_COMPLETION));
        upstream.on("/v1/moderations", Reply.json(200, "{\"id\":\"modr-1\",\"results\":[]}"));
        upstream.on("/v1/responses/input_tokens", Reply.json(200, "{\"object\":\"response.input_tokens\","
                + "\"input_tokens\":3}"));
        node = NodeHarness.start("""
                server: { port: 0 }
                admin: { token: admin-secret-token-123 }
                providers:
                  mock: { type: mock }
                  openai:
                    type: openai
                    base_url: %s/v1
                    keys: [ { name: k1, value: sk-a-0000000000000000 } ]
                  anthropic:
                    type: anthropic
                    base_url: %s
                    keys: [ { name: a1, value: sk-ant-00000000000000 } ]
                governance:
                  enforce: true
                  virtual_keys:
                    - { name: open, value: %s }
                    - { name: spent, value: %s, budgets: [ { max_limit: 0, reset_duration: 1d } ] }
                    - name: throttled
                      value: %s
                      rate_limit: { request_max_limit: 1, request_reset_duration: 1h }
                """.formatted(upstream.url(), upstream.url(), OPEN, SPENT, THROTTLED));
    }

    @AfterAll
    static void stop() {
        node.close();
        upstream.close();
    }

    private int seen;

    @BeforeEach
    void rememberUpstreamCalls() {
        seen = upstream.requests().size();
    }

    @Test
    void shouldClassifyEveryRouteAndLeaveNoneUndeclared() {
        List<Entry> entries = node.node().routes().entries();
        String all = node.node().routes().toString();
        assertThat(entries).as(all).noneMatch(e -> e.kind() == Kind.UNDECLARED);
        assertThat(entries).as(all).extracting(Entry::kind)
                .contains(Kind.INFERENCE, Kind.MANAGEMENT, Kind.UI, Kind.METRICS, Kind.HEALTH, Kind.FALLBACK);
        assertThat(entries.stream().filter(e -> e.kind() != Kind.INFERENCE)
                .filter(e -> RouteTable.gatewayPath(e.path()) || e.kind() != Kind.MANAGEMENT && e.kind() != Kind.UI
                        && e.kind() != Kind.METRICS)
                .map(e -> e.method() + " " + e.path() + " " + e.kind()))
                .as("routes of the client API that skip the pipeline").containsExactlyInAnyOrderElementsOf(UNGOVERNED);
        assertThat(inference()).extracting(e -> e.method() + " " + e.path()).contains(
                "POST /v1/chat/completions", "POST /openai/v1/chat/completions", "POST /v1/completions",
                "POST /v1/embeddings", "POST /anthropic/v1/messages", "POST /genai/v1beta/models/{action}",
                "POST /bedrock/model/{provider}/{modelId}/converse-stream", "POST /v1/files", "POST /v1/batches",
                "GET /v1/batches/{id}", "GET /v1/files/{id}/content", "POST /anthropic/v1/messages/batches",
                "GET /anthropic/v1/messages/batches/{id}/results", "POST /v1/audio/transcriptions",
                "POST /openai/v1/audio/translations", "GET /v1/responses/{id}",
                "DELETE /openai/v1/responses/{id}", "GET /v1/responses/{id}/input_items");
        assertThat(inference()).allMatch(e -> e.operation().isPresent() && (e.method().equals("POST")
                || e.operation().get() == Operation.RESOURCE && Set.of("GET", "DELETE").contains(e.method())));
    }

    @Test
    void shouldRefuseEveryInferenceRouteWithoutAVirtualKeyInItsOwnErrorShape() {
        refuseEverywhere(401, "authentication_error");
        assertThat(upstream.requestsSince(seen)).isEmpty();
    }

    @Test
    void shouldRefuseEveryBilledInferenceRouteWhenTheBudgetIsSpentAndChargeUnbilledOnesNothing() {
        refuseEverywhere(402, "billing_error", "authorization", "Bearer " + SPENT);
        assertThat(upstream.requestsSince(seen)).isEmpty();
        for (Entry route : inference()) {
            if (UNBILLED.contains(route.operation().orElseThrow())) {
                HttpResponse<String> counted = post(route, "authorization", "Bearer " + SPENT);
                assertThat(counted.statusCode()).as(route + ": " + counted.body()).isEqualTo(200);
                assertThat(counted.headers().firstValue("x-tollgate-cost-usd")).as(route.path()).hasValue("0");
            }
        }
        assertThat(upstream.requestsSince(seen)).extracting(FakeUpstream.Recorded::path)
                .containsOnly("/v1/responses/input_tokens", "/v1/moderations");
    }

    @Test
    void shouldRefuseEveryInferenceRouteWhenTheRequestRateLimitIsExhausted() {
        HttpResponse<String> first = node.post("/v1/chat/completions", "{\"model\":\"mock/echo\",\"messages\":"
                + "[{\"role\":\"user\",\"content\":\"hi\"}]}", "x-api-key", THROTTLED);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        refuseEverywhere(429, "rate_limit_error", "x-api-key", THROTTLED);
        assertThat(upstream.requestsSince(seen)).isEmpty();
    }

    /** Every inference route refuses the request (a spent budget does not refuse what costs nothing). */
    private static void refuseEverywhere(int status, String anthropicType, String... headers) {
        for (Entry route : inference()) {
            if (status == 402 && UNBILLED.contains(route.operation().orElseThrow())) {
                continue;
            }
            if (status != 401 && stateful(route)) {
                // only the key that created a file or batch may name it, and it is looked up before governance
                // (as a model is): its budget and rate limits are proved in BatchIT
                continue;
            }
            HttpResponse<String> response = post(route, headers);
            assertThat(response.statusCode()).as(route + ": " + response.body()).isEqualTo(status);
            assertShape(route, response, anthropicType, status);
            if (status == 429) {
                assertThat(response.headers().firstValue("retry-after")).as(route.path()).isPresent();
            }
        }
    }

    @Test
    void shouldAnswerUnregisteredPathsWith404AndNeverPassThemUpstream() {
        List<String> paths = List.of("/v1/uploads", "/v1/vector_stores", "/v1/fine_tuning/jobs", "/v1/assistants",
                "/v1/chat/completions/extra", "/openai/v1/uploads", "/v2/chat/completions", "/anthropic/v1/complete",
                "/anthropic/v1/files", "/anthropic/v1/chat/completions", "/genai/v1beta/files",
                "/genai/v1beta/cachedContents", "/bedrock/model/gpt-4o-mini/invoke", "/chat/completions",
                "/openai/deployments/gpt/chat/completions");
        for (String path : paths) {
            HttpResponse<String> response = node.post(path, "{\"model\":\"gpt-4o-mini\",\"messages\":[]}",
                    "authorization", "Bearer " + OPEN);
            assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(404);
            // in the surface's own error shape: OpenAI's and Gemini's nest it under "error", Bedrock's is flat
            String message = path.startsWith("/bedrock/") ? json(response).path("message").asText()
                    : json(response).at("/error/message").asText();
            assertThat(message).as(path + ": " + response.body()).containsIgnoringCase("route");
        }
        assertThat(upstream.requestsSince(seen)).isEmpty();
    }

    /** A route whose probe would need a file, batch or stored Response the caller created. */
    private static boolean stateful(Entry route) {
        Operation operation = route.operation().orElseThrow();
        return operation == Operation.RESOURCE || operation == Operation.BATCH && !route.path().startsWith("/anthropic/");
    }

    private static List<Entry> inference() {
        List<Entry> routes = node.node().routes().entries().stream().filter(e -> e.kind() == Kind.INFERENCE).toList();
        assertThat(routes).isNotEmpty();
        return routes;
    }

    /** The route's path with its parameters filled in. */
    private static String path(Entry route) {
        Matcher matcher = PARAMETER.matcher(route.path());
        StringBuilder path = new StringBuilder();
        while (matcher.find()) {
            String value = PARAMETERS.get(matcher.group(1));
            assertThat(value).as("a value for parameter {" + matcher.group(1) + "} of " + route.path()).isNotNull();
            matcher.appendReplacement(path, value);
        }
        return matcher.appendTail(path).toString();
    }

    /** Sends the route a request it accepts: a JSON body, or a form for the audio uploads. */
    private static HttpResponse<String> post(Entry route, String... headers) {
        if (route.operation().orElseThrow().audioUpload()) {
            return node.postForm(path(route), Forms.audio(new byte[] {'I', 'D', '3', 0, 1},
                    "model", "openai/whisper-1"), headers);
        }
        return node.send(route.method(), path(route), body(route), headers);
    }

    /** A request the route accepts, in its client format; a new kind of route needs one here. */
    private static String body(Entry route) {
        if (route.path().startsWith("/genai/")) {
            return "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hi\"}]}]}";
        }
        if (route.path().startsWith("/bedrock/")) {
            return "{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"hi\"}]}]}";
        }
        Operation operation = route.operation().orElseThrow();
        return switch (operation.name()) {
            case "CHAT" -> "{\"model\":\"openai/gpt-4o-mini\",\"max_tokens\":4,"
                    + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
            case "COMPLETIONS" -> "{\"model\":\"openai/gpt-4o-mini\",\"max_tokens\":4,\"prompt\":\"hi\"}";
            case "EMBEDDINGS" -> "{\"model\":\"openai/text-embedding-3-small\",\"input\":\"hi\"}";
            case "RESPONSES" -> "{\"model\":\"openai/gpt-4o-mini\",\"max_output_tokens\":4,\"input\":\"hi\"}";
            case "SPEECH" -> "{\"model\":\"openai/tts-1\",\"voice\":\"alloy\",\"input\":\"hi\"}";
            case "IMAGES" -> "{\"model\":\"openai/dall-e-3\",\"prompt\":\"a cat\"}";
            case "MODERATIONS" -> "{\"model\":\"openai/omni-moderation-latest\",\"input\":\"hi\"}";
            case "RESOURCE" -> "";
            case "BATCH" -> route.path().startsWith("/anthropic/")
                    ? "{\"requests\":[{\"custom_id\":\"p\",\"params\":{\"model\":\"anthropic/claude-haiku-4-5\","
                            + "\"max_tokens\":4,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}}]}"
                    : "{\"input_file_id\":\"file-probe\",\"endpoint\":\"/v1/chat/completions\"}";
            case "COUNT_TOKENS" -> route.path().startsWith("/anthropic/")
                    ? "{\"model\":\"openai/gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"
                    : "{\"model\":\"openai/gpt-4o-mini\",\"input\":\"hi\"}";
            default -> throw new AssertionError("no probe request for " + operation + " at " + route.path()
                    + ": add one to RouteGovernanceIT.body");
        };
    }

    /** The error is in the shape the route's clients read. */
    private static void assertShape(Entry route, HttpResponse<String> response, String anthropicType, int status) {
        JsonNode body = json(response);
        if (route.path().startsWith("/anthropic/")) {
            assertThat(body.path("type").asText()).as(route.path()).isEqualTo("error");
            assertThat(body.at("/error/type").asText()).as(route.path()).isEqualTo(anthropicType);
        } else if (route.path().startsWith("/genai/")) {
            assertThat(body.at("/error/code").asInt()).as(route.path()).isEqualTo(status);
            assertThat(body.at("/error/status").asText()).as(route.path()).isNotEmpty();
        } else if (route.path().startsWith("/bedrock/")) {
            assertThat(body.path("message").asText()).as(route.path()).isNotEmpty();
            assertThat(response.headers().firstValue("x-amzn-errortype")).as(route.path()).isPresent();
        } else {
            assertThat(body.at("/error/message").asText()).as(route.path()).isNotEmpty();
            assertThat(body.at("/error/type").asText()).as(route.path()).isNotEmpty();
        }
    }
}
