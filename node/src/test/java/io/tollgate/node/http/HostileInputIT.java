package io.tollgate.node.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.node.testing.ErrorShape;
import io.tollgate.node.testing.FuzzTries;
import io.tollgate.node.testing.HostileRequests;
import io.tollgate.node.testing.NodeClient;
import io.tollgate.node.testing.NodeHarness;
import io.tollgate.node.testing.RawHttp;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Fuzzes every client-facing route of one node (the offline mock provider, an enforced virtual key, the admin
 * token) with {@link HostileRequests}: hostile bodies and headers on the OpenAI, Anthropic, Gemini and Bedrock
 * routes and the management API's JSON (and CSV) bodies, and hostile request heads over a raw socket. Whatever comes,
 * the answer comes (within 10 s), is never a 5xx (the mock answers every valid request, so no 502/503 is expected
 * either), and a 4xx is an error of the route's shape with a message. Tries: see {@link FuzzTries}; a long run is
 * {@code mvn -o -pl node -am test -Dtest=HostileInputIT -Dsurefire.failIfNoSpecifiedTests=false
 * -Dtollgate.fuzz.tries=100000}.
 */
@AddLifecycleHook(FuzzTries.class)
class HostileInputIT {

    private static final String KEY = "tg-hostile-input-key-00000001";
    private static final String ADMIN = "hostile-admin-token-000000001";
    private static final String CHAT = "{\"model\":\"mock/echo\",\"max_tokens\":8,\"messages\":[{\"role\":\"user\","
            + "\"content\":\"hi\"}]}";
    private static final List<Route> API = List.of(
            new Route("POST", "/v1/chat/completions", List.of(CHAT, CHAT.replace("\"hi\"}]", "\"hi\"}],\"stream\":true,"
                    + "\"stream_options\":{\"include_usage\":true}"), CHAT.replace("\"hi\"}]", "\"hi\"}],\"tools\":[{"
                    + "\"type\":\"function\",\"function\":{\"name\":\"f\",\"parameters\":{\"type\":\"object\"}}}],"
                    + "\"tool_choice\":\"required\",\"temperature\":0.5,\"n\":1")),
                    List.of("/model", "/messages", "/messages/0", "/messages/0/role", "/messages/0/content",
                            "/max_tokens", "/stream", "/tools", "/tools/0/function", "/tool_choice", "/n")),
            new Route("POST", "/openai/v1/completions", List.of("{\"model\":\"mock/echo\",\"prompt\":\"hi\","
                    + "\"max_tokens\":5}"), List.of("/model", "/prompt", "/max_tokens", "/stream")),
            new Route("POST", "/v1/embeddings", List.of("{\"model\":\"mock/echo\",\"input\":[\"a\",\"b\"]}"),
                    List.of("/model", "/input", "/input/0", "/dimensions")),
            new Route("POST", "/v1/responses", List.of("{\"model\":\"mock/echo\",\"input\":\"hi\","
                    + "\"max_output_tokens\":16}", "{\"model\":\"mock/echo\",\"instructions\":\"be brief\",\"input\":"
                    + "[{\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":\"hi\"}]}],\"stream\":true,"
                    + "\"tools\":[{\"type\":\"function\",\"name\":\"f\",\"parameters\":{\"type\":\"object\"}}]}"),
                    List.of("/model", "/input", "/input/0", "/input/0/role", "/input/0/content",
                            "/input/0/content/0", "/input/0/content/0/type", "/instructions", "/max_output_tokens",
                            "/stream", "/tools", "/tools/0", "/text", "/reasoning", "/previous_response_id")),
            new Route("POST", "/anthropic/v1/messages", List.of("{\"model\":\"mock/echo\",\"max_tokens\":8,"
                    + "\"system\":\"be brief\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\","
                    + "\"text\":\"hi\"}]}]}", "{\"model\":\"mock/echo\",\"max_tokens\":8,\"stream\":true,"
                    + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"),
                    List.of("/model", "/max_tokens", "/system", "/messages", "/messages/0/content",
                            "/messages/0/content/0", "/messages/0/content/0/type", "/stream", "/tools")),
            new Route("POST", "/genai/v1beta/models/mock/echo:generateContent", List.of(Gemini.REQUEST),
                    Gemini.POINTERS),
            new Route("POST", "/genai/v1beta/models/mock/echo:streamGenerateContent?alt=sse",
                    List.of(Gemini.REQUEST), Gemini.POINTERS),
            new Route("POST", "/genai/v1/models/echo:countTokens", List.of(Gemini.REQUEST), Gemini.POINTERS),
            new Route("POST", "/bedrock/model/mock%2Fecho/converse", List.of(Bedrock.REQUEST), Bedrock.POINTERS),
            new Route("POST", "/bedrock/model/mock/echo/converse-stream", List.of(Bedrock.REQUEST),
                    Bedrock.POINTERS));
    private static final List<String> CONTENT_TYPES = List.of("application/json", "application/json; charset=utf-8",
            "text/plain", "application/json; charset=utf-16", "multipart/form-data; boundary=x",
            "application/x-www-form-urlencoded", "*/*", "application/octet-stream", "x");
    private static final List<String[]> HEADERS = List.of(new String[] {"authorization", "Bearer"},
            new String[] {"authorization", "Bearer tg-unknown-key"}, new String[] {"authorization", "Basic eDp5"},
            new String[] {"x-api-key", KEY}, new String[] {"x-goog-api-key", KEY}, new String[] {"api-key", "x"},
            new String[] {"content-encoding", "gzip"}, new String[] {"content-encoding", "deflate"},
            new String[] {"content-encoding", "br"}, new String[] {"content-encoding", "x-unknown"},
            new String[] {"x-tollgate-cache-mode", "semantic"}, new String[] {"x-tollgate-cache-mode", "??"},
            new String[] {"x-tollgate-cache-ttl", "-1"}, new String[] {"x-tollgate-cache-ttl", "99999999999999999999"},
            new String[] {"x-tollgate-cache-threshold", "NaN"}, new String[] {"x-tollgate-cache-threshold", "2"},
            new String[] {"x-tollgate-cache-no-store", "yes"}, new String[] {"x-tollgate-cache-force", "true"},
            new String[] {"x-tollgate-cache-key", "k".repeat(5_000)}, new String[] {"anthropic-version", "1999"},
            new String[] {"anthropic-beta", ",,,"}, new String[] {"traceparent", "00-zz-zz-zz"},
            new String[] {"traceparent", "00-" + "0".repeat(32) + "-" + "0".repeat(16) + "-01"},
            new String[] {"x-request-id", "r".repeat(3_000)}, new String[] {"x-request-id", "\t"},
            new String[] {"accept", "text/event-stream"}, new String[] {"accept-encoding", "gzip"},
            new String[] {"openai-organization", "org"}, new String[] {"x-tollgate-vk", "tg-nope"});

    private static NodeHarness node;
    private static HttpClient http;
    private static List<Route> management;

    @BeforeContainer
    static void start() {
        node = NodeHarness.start("""
                server: { port: 0, max_body_bytes: 65536 }
                admin: { token: %s, login_failures_per_minute: 1000000 }   # the fuzzing fails to log in by design
                providers:
                  mock: { type: mock }
                pricing:
                  mock/echo: { input: 1, output: 10000 }
                governance:
                  enforce: true
                  customers: [ { name: fuzz-customer } ]
                  virtual_keys:
                    - { name: fuzz, value: %s, budgets: [ { max_limit: 100000000, reset_duration: 1d } ],
                        rate_limit: { token_max_limit: 1000000000000000, token_reset_duration: 1h } }
                    - { name: throwaway, value: tg-hostile-throwaway-00000001, customer: fuzz-customer }
                """.formatted(ADMIN, KEY));
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
                .build();
        management = Management.routes(id("/api/governance/customers", "customers", "fuzz-customer"),
                id("/api/governance/virtual-keys", "virtual_keys", "fuzz"),
                id("/api/governance/virtual-keys", "virtual_keys", "throwaway"));
    }

    @AfterContainer
    static void stop() {
        http.close();
        node.close();
    }

    @Property(tries = 200)
    void shouldAnswerAnyBodyOnAnApiRouteWithoutAServerError(@ForAll("apiRequests") Request request) {
        assertAnswered(request);
        // the fuzzing reaches the pipeline and the mock, not only the first check
        Statistics.coverage(checker -> checker.check("2xx").percentage(p -> p >= 3));
    }

    @Property(tries = 150)
    void shouldAnswerAnyBodyOnTheManagementApiWithoutAServerError(@ForAll("managementRequests") Request request) {
        assertAnswered(request);
        Statistics.coverage(checker -> checker.check("2xx").percentage(p -> p >= 3));
    }

    @Property(tries = 100)
    void shouldAnswerAnyRequestHeadWithoutAServerError(@ForAll("heads") byte[] head) {
        try (RawHttp raw = RawHttp.connect(node.node().baseUri())) {
            raw.send(head);
            raw.send(new byte[] {'\r', '\n', '\r', '\n'});
            RawHttp.Response response;
            try {
                response = raw.read();
            } catch (java.io.UncheckedIOException closed) {
                return;   // the server may end a connection that is not HTTP without a word
            }
            assertThat(response.status()).as(response.text()).isLessThan(500);
        }
        assertThat(node.post("/v1/chat/completions", CHAT, "authorization", "Bearer " + KEY).statusCode())
                .isEqualTo(200);
    }

    @Example
    void shouldRefuseNumbersWithAbsurdExponentsAtOnce() {
        Route revenue = management.stream().filter(route -> route.path().equals("/api/revenue")).findFirst()
                .orElseThrow();
        List<Request> requests = new ArrayList<>();
        for (String amount : List.of("1e100000000", "\"1e100000000\"", "\"-1e-100000000\"")) {
            requests.add(new Request(revenue, HostileRequests.mutate(revenue.seeds().get(0), "/amount_usd", amount,
                    false).getBytes(StandardCharsets.UTF_8), "application/json", List.of(), true));
        }
        requests.add(new Request(API.get(0), CHAT.replace("\"max_tokens\"", "\"temperature\":1e100000000,"
                + "\"max_tokens\"").getBytes(StandardCharsets.UTF_8), "application/json", List.of(), true));
        for (Request request : requests) {
            long start = System.nanoTime();
            RawHttp.Response response = send(request);

            assertThat(response.status()).as("%s", request).isEqualTo(400);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        }
    }

    @Example
    void shouldReserveForAnyOutputWithinTheApisLimitAndRefuseMore() {
        // a billion tokens at $10,000 per million: the budget's worst case is exact, no overflow (it was a 500)
        for (String field : List.of("max_tokens", "max_completion_tokens")) {
            assertThat(chat("\"" + field + "\":1000000000").status()).isEqualTo(200);
            for (String max : List.of("2147483648", "9223372036854775807")) {
                RawHttp.Response refused = chat("\"" + field + "\":" + max);

                assertThat(refused.status()).isEqualTo(400);
                assertThat(refused.text()).contains("\"param\":\"" + field + "\"");
            }
        }
        assertThat(chat("\"max_tokens\":100,\"n\":100000000").status()).isEqualTo(400);
    }

    /** A chat with these fields in place of {@code max_tokens}. */
    private static RawHttp.Response chat(String fields) {
        return send(new Request(API.get(0), CHAT.replace("\"max_tokens\":8", fields)
                .getBytes(StandardCharsets.UTF_8), "application/json", List.of(), true));
    }

    @Provide
    Arbitrary<Request> apiRequests() {
        return requests(API);
    }

    @Provide
    Arbitrary<Request> managementRequests() {
        return requests(management);
    }

    @Provide
    Arbitrary<byte[]> heads() {
        Arbitrary<String> path = Arbitraries.oneOf(Arbitraries.of(API).map(Route::path),
                Arbitraries.of("/", "*", "//", "/v1/chat/completions?%zz", "/genai/v1beta/models/%", "/%00",
                        "/bedrock/model/%2F%2F/converse", "/anthropic/../admin", "http://x/v1/chat/completions",
                        "/v1/chat/completions#frag", "/a b"));
        Arbitrary<String> method = Arbitraries.of("POST", "GET", "PUT", "DELETE", "OPTIONS", "TRACE", "PRI", "post",
                "", "P\u00d6ST");
        Arbitrary<String> version = Arbitraries.of("HTTP/1.1", "HTTP/1.0", "HTTP/2.0", "HTTP/9", "", "http/1.1");
        Arbitrary<String> line = Arbitraries.of("Host: x", "Content-Length: -1", "Content-Length: 1, 2",
                "Content-Length: 99999999999999999999", "Transfer-Encoding: chunked",
                "Transfer-Encoding: gzip, chunked",
                "Expect: 100-continue", "Connection: upgrade", "Upgrade: h2c", "X: \u00ff", "no colon", ": empty name",
                "X-Long: " + "l".repeat(9_000), " leading: space", "Content-Type: application/json");
        Arbitrary<String> text = Combinators.combine(method, path, version, line.list().ofMaxSize(5))
                .as((m, p, v, lines) -> m + " " + p + " " + v + "\r\n" + String.join("\r\n", lines));
        return Arbitraries.oneOf(text.map(t -> t.getBytes(StandardCharsets.UTF_8)),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(200));
    }

    private static Arbitrary<Request> requests(List<Route> routes) {
        return Arbitraries.of(routes).flatMap(route -> Combinators.combine(
                HostileRequests.bodies(route.seeds(), route.pointers()),
                Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(9, Arbitraries.just(route.contentType())),
                        net.jqwik.api.Tuple.of(1, Arbitraries.of(CONTENT_TYPES))),
                Arbitraries.of(HEADERS).list().ofMaxSize(3), Arbitraries.of(true, true, true, false))
                .as((body, type, headers, authorized) -> new Request(route, body, type, headers, authorized)));
    }

    /** Sends the request and checks the answer: within 10 s, below 500, a 4xx in the route's shape. */
    private static void assertAnswered(Request request) {
        RawHttp.Response response = send(request);
        Statistics.collect(response.status() / 100 + "xx");
        assertThat(response.status()).as("%s answered %s", request, response.text()).isLessThan(500);
        if (response.status() >= 400) {
            ErrorShape.of(request.route().path()).check(response.status(), response.text(),
                    name -> Optional.ofNullable(response.headers().get(name)));
        }
    }

    /**
     * The answer to the request. The server may refuse a request before reading all its body (an unknown content
     * coding, a body it cannot decode) and close the connection; the JDK client, still writing, then sees a broken
     * pipe and drops the answer. Such a request is sent again over a raw socket, which reads the answer anyway: the
     * server must have given one. A request that gets no answer in 10 s fails.
     */
    private static RawHttp.Response send(Request request) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(node.url() + request.route().path()))
                .timeout(Duration.ofSeconds(10))
                .method(request.route().method(), HttpRequest.BodyPublishers.ofByteArray(request.body()));
        headers(request).forEach(builder::header);
        try {
            HttpResponse<byte[]> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
            Map<String, String> first = new HashMap<>();
            response.headers().map().forEach((name, values) -> first.put(name.toLowerCase(Locale.ROOT), values.get(0)));
            return new RawHttp.Response(response.statusCode(), first, response.body());
        } catch (HttpTimeoutException e) {
            throw new AssertionError("no answer within 10 s to " + request, e);
        } catch (IOException e) {
            return sendRaw(request);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static RawHttp.Response sendRaw(Request request) {
        List<String> lines = new ArrayList<>();
        headers(request).forEach((name, value) -> lines.add(name + ": " + value));
        lines.add("Content-Length: " + request.body().length);
        lines.add("Connection: close");
        try (RawHttp raw = RawHttp.connect(node.node().baseUri())) {
            raw.send(RawHttp.head(request.route().method(), request.route().path(), lines.toArray(String[]::new)));
            raw.send(request.body());
            return raw.read();
        } catch (java.io.UncheckedIOException e) {
            throw new AssertionError("no answer to " + request + ", even read over a raw socket", e);
        }
    }

    /** The request's headers: content type, credential (unless left out) and the fuzzed ones, in order. */
    private static Map<String, String> headers(Request request) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", request.contentType());
        if (request.authorized()) {
            headers.put("authorization", request.route().path().startsWith("/api/") ? "Bearer " + ADMIN
                    : "Bearer " + KEY);
        }
        for (String[] header : request.headers()) {
            headers.merge(header[0], header[1], (first, second) -> first + ", " + second);
        }
        return headers;
    }

    /** The id of the entity named {@code name} in a management listing. */
    private static String id(String path, String field, String name) {
        HttpResponse<String> listing = node.get(path, "authorization", "Bearer " + ADMIN);
        for (JsonNode item : NodeClient.parse(listing.body()).path(field)) {
            if (item.path("name").asText().equals(name)) {
                return item.path("id").asText();
            }
        }
        throw new AssertionError("no " + name + " in " + listing.body());
    }

    /**
     * A route to fuzz.
     *
     * @param seeds valid bodies
     * @param pointers the fields worth breaking
     */
    record Route(String method, String path, List<String> seeds, List<String> pointers) {
        String contentType() {
            return path.contains("/invoices") ? "text/csv" : "application/json";
        }
    }

    /** One fuzzed request. */
    record Request(Route route, byte[] body, String contentType, List<String[]> headers, boolean authorized) {
        @Override
        public String toString() {
            List<String> named = new ArrayList<>();
            headers.forEach(header -> named.add(header[0] + ": " + header[1]));
            String text = new String(body, StandardCharsets.UTF_8);
            return route.method() + " " + route.path() + " [" + contentType + (authorized ? "" : ", no credential")
                    + "] " + named + " " + (text.length() > 600 ? text.substring(0, 600) + "..." : text);
        }
    }

    /** Gemini's request and the fields worth breaking. */
    private static final class Gemini {
        static final String REQUEST = "{\"systemInstruction\":{\"parts\":[{\"text\":\"be brief\"}]},\"contents\":["
                + "{\"role\":\"user\",\"parts\":[{\"text\":\"hi\"}]},{\"role\":\"model\",\"parts\":[{\"functionCall\":"
                + "{\"name\":\"f\",\"args\":{\"a\":1}}}]},{\"role\":\"user\",\"parts\":[{\"functionResponse\":{"
                + "\"name\":\"f\",\"response\":{\"r\":2}}},{\"inlineData\":{\"mimeType\":\"image/png\",\"data\":"
                + "\"iVBORw0KGgo=\"}}]}],\"tools\":[{\"functionDeclarations\":[{\"name\":\"f\",\"parameters\":{"
                + "\"type\":\"OBJECT\",\"properties\":{\"a\":{\"type\":\"INTEGER\"}}}}]}],\"toolConfig\":{"
                + "\"functionCallingConfig\":{\"mode\":\"AUTO\"}},\"generationConfig\":{\"maxOutputTokens\":8,"
                + "\"temperature\":0.5,\"stopSequences\":[\"x\"],\"responseMimeType\":\"application/json\"}}";
        static final List<String> POINTERS = List.of("/contents", "/contents/0", "/contents/0/parts",
                "/contents/0/parts/0", "/contents/0/parts/0/text", "/contents/0/role",
                "/contents/1/parts/0/functionCall",
                "/contents/1/parts/0/functionCall/args", "/contents/2/parts/0/functionResponse/name",
                "/contents/2/parts/1/inlineData", "/systemInstruction", "/systemInstruction/parts", "/tools",
                "/tools/0/functionDeclarations/0/parameters", "/toolConfig/functionCallingConfig/mode",
                "/generationConfig", "/generationConfig/maxOutputTokens", "/generationConfig/stopSequences",
                "/cachedContent", "/safetySettings");
    }

    /** Bedrock's Converse request and the fields worth breaking. */
    private static final class Bedrock {
        static final String REQUEST = "{\"system\":[{\"text\":\"be brief\"}],\"messages\":[{\"role\":\"user\","
                + "\"content\":[{\"text\":\"ping\"},{\"image\":{\"format\":\"png\",\"source\":{\"bytes\":"
                + "\"iVBORw0KGgo=\"}}}]},{\"role\":\"assistant\",\"content\":[{\"toolUse\":{\"toolUseId\":\"t1\","
                + "\"name\":\"f\",\"input\":{\"a\":1}}}]},{\"role\":\"user\",\"content\":[{\"toolResult\":{"
                + "\"toolUseId\":\"t1\",\"content\":[{\"json\":{\"r\":2}}],\"status\":\"success\"}}]}],"
                + "\"inferenceConfig\":{\"maxTokens\":50,\"temperature\":0.5,\"stopSequences\":[\"x\"]},"
                + "\"toolConfig\":{\"tools\":[{\"toolSpec\":{\"name\":\"f\",\"inputSchema\":{\"json\":{"
                + "\"type\":\"object\"}}}}],\"toolChoice\":{\"auto\":{}}}}";
        static final List<String> POINTERS = List.of("/messages", "/messages/0", "/messages/0/role",
                "/messages/0/content", "/messages/0/content/0", "/messages/0/content/1/image/format",
                "/messages/0/content/1/image/source", "/messages/1/content/0/toolUse",
                "/messages/1/content/0/toolUse/input", "/messages/2/content/0/toolResult/content",
                "/messages/2/content/0/toolResult/content/0", "/system", "/system/0", "/inferenceConfig",
                "/inferenceConfig/maxTokens", "/toolConfig/tools/0/toolSpec", "/toolConfig/toolChoice",
                "/additionalModelRequestFields", "/guardrailConfig");
    }

    /** The management API's routes with bodies, for the entities of the fuzzing node. */
    private static final class Management {
        static List<Route> routes(String customerId, String keyId, String throwawayId) {
            String budget = "{\"max_limit\":5,\"reset_duration\":\"1M\",\"calendar_aligned\":true}";
            String rate = "{\"request_max_limit\":100,\"request_reset_duration\":\"1m\",\"token_max_limit\":1000,"
                    + "\"token_reset_duration\":\"1h\"}";
            List<String> owned = List.of("/name", "/budgets", "/budgets/0", "/budgets/0/max_limit",
                    "/budgets/0/reset_duration", "/rate_limit", "/rate_limit/request_max_limit", "/customer_id");
            String record = "{\"idempotency_key\":\"fz-1\",\"provider\":\"mock\",\"model\":\"echo\","
                    + "\"virtual_key_id\":\"" + keyId + "\",\"usage\":{\"input_tokens\":10,\"output_tokens\":10},"
                    + "\"time\":\"2026-11-01T12:00:00Z\"}";
            return List.of(
                    new Route("POST", "/api/governance/customers", List.of("{\"name\":\"fz-c\",\"budgets\":[" + budget
                            + "],\"rate_limit\":" + rate + "}"), owned),
                    new Route("POST", "/api/governance/teams", List.of("{\"name\":\"fz-t\",\"customer_id\":\""
                            + customerId + "\",\"budget\":{\"max_limit\":2,\"reset_duration\":\"1w\"}}"),
                            List.of("/name", "/customer_id", "/budget", "/budget/max_limit")),
                    new Route("POST", "/api/governance/virtual-keys", List.of("{\"name\":\"fz-k\",\"budgets\":["
                            + budget + "],\"rate_limit\":" + rate + ",\"provider_configs\":[{\"provider\":\"mock\","
                            + "\"allowed_models\":[\"*\"],\"weight\":1}]}"), List.of("/name", "/budgets",
                            "/provider_configs", "/provider_configs/0", "/provider_configs/0/allowed_models",
                            "/provider_configs/0/weight", "/rate_limit")),
                    new Route("PUT", "/api/governance/virtual-keys/" + throwawayId, List.of("{\"name\":\"throwaway\","
                            + "\"customer_id\":\"" + customerId + "\",\"reset_usage\":true,\"budgets\":[" + budget
                            + "]}"), owned),
                    new Route("PUT", "/api/governance/customers/" + customerId, List.of("{\"name\":\"fuzz-customer\","
                            + "\"budgets\":[" + budget + "]}"), owned),
                    new Route("POST", "/api/ingest", List.of("{\"records\":[" + record + "]}"), List.of("/records",
                            "/records/0", "/records/0/usage", "/records/0/usage/input_tokens", "/records/0/time",
                            "/records/0/model", "/records/0/provider", "/records/0/virtual_key_id",
                            "/records/0/idempotency_key")),
                    new Route("POST", "/api/revenue", List.of("{\"idempotency_key\":\"fz-r\",\"customer_id\":\""
                            + customerId + "\",\"amount_usd\":\"12.50\",\"period\":\"2026-10\"}"),
                            List.of("/amount_usd", "/period", "/customer_id", "/team_id", "/idempotency_key")),
                    new Route("POST", "/api/reconcile/invoices?provider=mock", List.of("date,model,cost_usd,requests,"
                            + "input_tokens,output_tokens\n2026-11-01,echo,1.25,3,100,20\n"), List.of("/x")));
        }
    }
}
