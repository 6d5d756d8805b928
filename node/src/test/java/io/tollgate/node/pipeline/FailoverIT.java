package io.tollgate.node.pipeline;

import static io.tollgate.node.testing.NodeHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.node.testing.AdminClient;
import io.tollgate.node.testing.FakeUpstream;
import io.tollgate.node.testing.FakeUpstream.Reply;
import io.tollgate.node.testing.NodeHarness;
import io.tollgate.node.testing.SseText;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Retries and failover a client never sees: a 5xx moves on to the next key and then to the fallback model, a 429
 * cools its key down and moves to another key at once, a 401 marks its key dead, a 400 is the client's and comes
 * back at once; a stream fails over while nothing has been sent; each candidate is priced at its own rates and
 * settled once. One node, a fake upstream serving two OpenAI-type providers.
 */
@Timeout(120)
class FailoverIT {

    private static final String ADMIN = "failover-admin-token-0123456789";
    private static final String KEY = "tg-failover-key-00000000000001";
    /** A virtual key whose own fallbacks apply when a request names none. */
    private static final String DEFAULTED = "tg-failover-defaulted-0000001";
    private static final String CHAT = "{\"model\":\"%s\",\"max_tokens\":4,%s\"messages\":[{\"role\":\"user\","
            + "\"content\":\"hi\"}]}";
    /** 10 + 2 tokens. */
    private static final String COMPLETION = """
            {"id":"chatcmpl-fo","object":"chat.completion","created":1700000000,"model":"m",
             "choices":[{"index":0,"message":{"role":"assistant","content":"ok"},"finish_reason":"stop"}],
             "usage":{"prompt_tokens":10,"completion_tokens":2,"total_tokens":12}}""";
    private static final String OVERLOADED = "{\"error\":{\"message\":\"overloaded\",\"type\":\"server_error\"}}";

    private FakeUpstream upstream;
    private NodeHarness node;

    @BeforeEach
    void start() {
        upstream = FakeUpstream.start();
        node = NodeHarness.start("""
                server: { port: 0 }
                admin: { token: %s }
                providers:
                  primary:
                    type: openai
                    base_url: %s/primary/v1
                    keys: [ { name: p1, value: sk-primary-one-000000 }, { name: p2, value: sk-primary-two-000000 } ]
                    retries: { max: 2, backoff_initial_ms: 1, backoff_max_ms: 2 }
                    balancing: round-robin
                  backup:
                    type: openai
                    base_url: %s/backup/v1
                    keys: [ { name: b1, value: sk-backup-one-0000000 } ]
                  dead:
                    type: openai
                    base_url: %s/dead/v1
                    keys: [ { name: d1, value: sk-dead-one-00000000 }, { name: d2, value: sk-dead-two-00000000 } ]
                pricing:
                  primary/gpt-a: { input: 1000, output: 1000 }
                  backup/gpt-b: { input: 2000, output: 2000 }
                  dead/gpt-d: { input: 1000, output: 1000 }
                governance:
                  virtual_keys:
                    - { name: failover, value: %s, budgets: [ { max_limit: 10, reset_duration: 1d } ] }
                    - { name: defaulted, value: %s, fallbacks: [ backup/gpt-b ] }
                """.formatted(ADMIN, upstream.url(), upstream.url(), upstream.url(), KEY, DEFAULTED));
    }

    @AfterEach
    void stop() {
        if (node != null) {
            node.close();
        }
        if (upstream != null) {
            upstream.close();
        }
    }

    @Test
    void shouldServeFromTheFallbackWhenEveryKeyOfThePrimaryFailsWith5xxAndBillTheFallbacksRates() {
        upstream.on("/primary/v1/chat/completions", Reply.json(503, OVERLOADED));
        upstream.on("/backup/v1/chat/completions", Reply.json(200, COMPLETION));

        HttpResponse<String> response = chat("primary/gpt-a", "\"fallbacks\":[\"backup/gpt-b\"],");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(json(response).at("/choices/0/message/content").asText()).isEqualTo("ok");
        assertThat(response.headers().firstValue("x-tollgate-provider")).contains("backup");
        assertThat(response.headers().firstValue("x-tollgate-model")).contains("backup/gpt-b");
        assertThat(response.headers().firstValue("x-tollgate-key")).contains("b1");
        assertThat(response.headers().firstValue("x-tollgate-attempts")).as("three on the primary, one on the backup")
                .contains("4");
        assertThat(response.headers().firstValue("x-tollgate-cost-usd")).contains("0.024");
        assertThat(upstream.requests()).filteredOn(r -> r.path().startsWith("/backup")).singleElement()
                .satisfies(sent -> assertThat(sent.body()).doesNotContain("fallbacks"));
        JsonNode budget = AdminClient.of(node, ADMIN).get("/budgets").path("budgets").get(0);
        assertThat(budget.path("usage_usd").decimalValue()).as("settled once, at the fallback's price")
                .isEqualByComparingTo(new BigDecimal("0.024"));
        assertThat(budget.path("reserved_usd").decimalValue()).isZero();
    }

    @Test
    void shouldFailAStreamOverWhenTheUpstreamFailsBeforeItsFirstByte() {
        upstream.on("/primary/v1/chat/completions", Reply.json(500, OVERLOADED));
        upstream.on("/backup/v1/chat/completions", Reply.sse(List.of(
                "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\","
                        + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"from backup\"}}]}\n\n",
                "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\","
                        + "\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}],"
                        + "\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":2,\"total_tokens\":12}}\n\n",
                "data: [DONE]\n\n")));

        HttpResponse<InputStream> response = node.postStreaming("/v1/chat/completions",
                CHAT.formatted("primary/gpt-a", "\"stream\":true,\"fallbacks\":[\"backup/gpt-b\"],"),
                "authorization", "Bearer " + KEY);
        String body = read(response);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("x-tollgate-provider")).contains("backup");
        StringBuilder text = new StringBuilder();
        SseText.dataLines(body).stream().filter(data -> !data.equals("[DONE]"))
                .forEach(data -> text.append(SseText.parse(data).at("/choices/0/delta/content").asText("")));
        assertThat(text.toString()).isEqualTo("from backup");
        assertThat(body).doesNotContain("error").contains("data: [DONE]");
    }

    @Test
    void shouldEndAStreamCutAfterItsFirstByteWithAnErrorEventBilledForWhatWasProducedWithoutFailover() {
        upstream.on("/primary/v1/chat/completions", Reply.sse(List.of(
                "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\","
                        + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"half an \"}}]}\n\n",
                "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\","
                        + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"answer\"}}]}\n\n")));
        upstream.on("/backup/v1/chat/completions", Reply.json(200, COMPLETION));

        HttpResponse<InputStream> response = node.postStreaming("/v1/chat/completions",
                CHAT.formatted("primary/gpt-a", "\"stream\":true,\"fallbacks\":[\"backup/gpt-b\"],"),
                "authorization", "Bearer " + KEY);
        String body = read(response);

        assertThat(body).contains("half an ").contains("data: {\"error\":").doesNotContain("[DONE]");
        assertThat(upstream.requests()).as("no failover once the client had bytes")
                .noneMatch(r -> r.path().startsWith("/backup"));
        JsonNode budget = AdminClient.of(node, ADMIN).get("/budgets").path("budgets").get(0);
        // no usage came: the gateway estimates (the input's upper bound and the output it relayed), never more
        // than the reservation (the input bound and max_tokens 4 at $0.001 per token: well under $0.1)
        assertThat(budget.path("usage_usd").decimalValue()).as("what was produced, estimated").isPositive()
                .isLessThan(new BigDecimal("0.1"));
        assertThat(budget.path("reserved_usd").decimalValue()).isZero();
    }

    @Test
    void shouldCoolARateLimitedKeyDownAndMoveToAnotherKeyAtOnce() {
        upstream.on("/primary/v1/chat/completions", Reply.byKey(Map.of(
                "sk-primary-one-000000", Reply.json(429, "{\"error\":{\"message\":\"slow down\"}}",
                        Map.of("retry-after", "30"))), Reply.json(200, COMPLETION)));

        for (int i = 0; i < 6; i++) {
            HttpResponse<String> response = chat("primary/gpt-a", "");
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(response.headers().firstValue("x-tollgate-key")).contains("p2");
        }

        long toFirstKey = upstream.requests().stream()
                .filter(r -> "Bearer sk-primary-one-000000".equals(r.headers().get("authorization"))).count();
        assertThat(toFirstKey).as("round robin chose p1; it answered 429 once, then cooled down for its Retry-After")
                .isEqualTo(1);
        JsonNode keys = json(node.get("/api/providers/keys", "authorization", "Bearer " + ADMIN)).path("keys");
        JsonNode p1 = null;
        JsonNode p2 = null;
        for (JsonNode key : keys) {
            if (key.path("provider").asText().equals("primary")) {
                if (key.path("name").asText().equals("p1")) {
                    p1 = key;
                } else {
                    p2 = key;
                }
            }
        }
        assertThat(p1).as(keys.toString()).isNotNull();
        assertThat(p1.path("state").asText()).isEqualTo("cooling");
        assertThat(p1.path("cooldown_until").asText()).isNotEmpty();
        assertThat(p2.path("state").asText()).isEqualTo("available");
        assertThat(p2.path("share").asDouble()).isPositive();
        assertThat(p2.path("latency_ms").isNumber()).isTrue();
        assertThat(keys.toString()).doesNotContain("sk-primary");
    }

    @Test
    void shouldReturnAClientErrorAtOnceWithoutRetryOrFallback() {
        upstream.on("/primary/v1/chat/completions", Reply.json(400, "{\"error\":{\"message\":\"bad tool schema\","
                + "\"type\":\"invalid_request_error\"}}"));
        upstream.on("/backup/v1/chat/completions", Reply.json(200, COMPLETION));

        HttpResponse<String> response = chat("primary/gpt-a", "\"fallbacks\":[\"backup/gpt-b\"],");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).at("/error/message").asText()).contains("bad tool schema");
        assertThat(upstream.requests()).hasSize(1);
    }

    @Test
    void shouldAnswer502NamingEachKeysStateWhenEveryKeyOfTheProviderIsDead() {
        upstream.on("/dead/v1/chat/completions", Reply.json(401, "{\"error\":{\"message\":\"invalid api key\"}}"));

        HttpResponse<String> first = chat("dead/gpt-d", "");
        HttpResponse<String> second = chat("dead/gpt-d", "");

        for (HttpResponse<String> response : List.of(first, second)) {
            assertThat(response.statusCode()).as(response.body()).isEqualTo(502);
            String message = json(response).at("/error/message").asText();
            assertThat(message).contains("'dead'").contains("d1").contains("d2").contains("dead")
                    .doesNotContain("sk-dead");
        }
        assertThat(upstream.requests()).as("both keys tried once; the second request calls nobody").hasSize(2);
    }

    @Test
    void shouldUseTheVirtualKeysFallbacksWhenTheRequestNamesNone() {
        upstream.on("/primary/v1/chat/completions", Reply.json(502, OVERLOADED));
        upstream.on("/backup/v1/chat/completions", Reply.json(200, COMPLETION));

        HttpResponse<String> response = node.post("/v1/chat/completions", CHAT.formatted("primary/gpt-a", ""),
                "authorization", "Bearer " + DEFAULTED);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("x-tollgate-model")).contains("backup/gpt-b");
    }

    @Test
    void shouldRefuseAFallbackOfAnUnknownProviderAsTheClientsMistake() {
        HttpResponse<String> response = chat("primary/gpt-a", "\"fallbacks\":[\"nowhere/x\"],");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).at("/error/param").asText()).isEqualTo("fallbacks");
        assertThat(upstream.requests()).isEmpty();
    }

    private HttpResponse<String> chat(String model, String extra) {
        return node.post("/v1/chat/completions", CHAT.formatted(model, extra), "authorization", "Bearer " + KEY);
    }

    private static String read(HttpResponse<InputStream> response) {
        try (InputStream in = response.body()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
