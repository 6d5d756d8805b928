package io.tollgate.node.cache;

import static io.tollgate.node.testing.NodeHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import io.tollgate.node.testing.AdminClient;
import io.tollgate.node.testing.NodeHarness;
import io.tollgate.node.testing.SseText;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The response cache on one node with the real local embedding model: exact and semantic hits, tenant isolation,
 * replay across streaming and whole answers (read by the official OpenAI SDK), what is not cached, headers, and
 * how a hit is settled. The fake upstream numbers its answers, so a test sees which call an answer came from.
 */
@Timeout(180)
class CacheIT {

    private static final String ADMIN = "cache-admin-token-0123456789";
    private static final String ALPHA = "tg-cache-alpha-000000000001";
    private static final String BETA = "tg-cache-beta-0000000000001";
    private static final String TEAM_ONE = "tg-cache-team-one-000000001";
    private static final String TEAM_TWO = "tg-cache-team-two-000000001";
    private static final String EXACT = "tg-cache-exact-only-0000001";
    private static final String OFF = "tg-cache-off-0000000000001";

    private static NumberedUpstream upstream;
    private static NodeHarness node;

    @BeforeAll
    static void start() {
        upstream = new NumberedUpstream();
        node = NodeHarness.start("""
                server: { port: 0 }
                admin: { token: %s }
                providers:
                  fake: { type: openai, base_url: "%s/v1", keys: [ { name: k1, value: sk-cache-upstream-0000 } ] }
                pricing:
                  fake/gpt-c: { input: 1000, output: 1000 }
                governance:
                  teams: [ { name: research } ]
                  virtual_keys:
                    - { name: alpha, value: %s, budgets: [ { max_limit: 100, reset_duration: 1d } ],
                        rate_limit: { request_max_limit: 1000, request_reset_duration: 1m } }
                    - { name: beta, value: %s }
                    - { name: team-one, value: %s, team: research }
                    - { name: team-two, value: %s, team: research }
                    - { name: exact-only, value: %s }
                    - { name: cache-off, value: %s }
                cache:
                  mode: semantic
                  threshold: 0.85
                  virtual_keys:
                    team-one: { scope: team }
                    team-two: { scope: team }
                    exact-only: { mode: exact }
                    cache-off: { mode: "off" }
                """.formatted(ADMIN, upstream.url(), ALPHA, BETA, TEAM_ONE, TEAM_TWO, EXACT, OFF));
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
        if (upstream != null) {
            upstream.close();
        }
    }

    @BeforeEach
    void clearCache() {
        admin("DELETE", "/api/cache");
    }

    private static String chat(String question, String extra) {
        return "{\"model\":\"fake/gpt-c\",\"temperature\":0," + extra + "\"messages\":[{\"role\":\"user\",\"content\":\""
                + question + "\"}]}";
    }

    private static HttpResponse<String> post(String key, String body, String... headers) {
        String[] all = new String[headers.length + 2];
        all[0] = "authorization";
        all[1] = "Bearer " + key;
        System.arraycopy(headers, 0, all, 2, headers.length);
        HttpResponse<String> response = node.post("/v1/chat/completions", body, all);
        node.node().cache().flush();
        return response;
    }

    private static String content(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response).at("/choices/0/message/content").asText();
    }

    private static String cacheStatus(HttpResponse<?> response) {
        return response.headers().firstValue("x-tollgate-cache").orElse("none");
    }

    @Test
    void shouldHitExactlyOnTheSameRequestWithReorderedKeysAndMissOnAChangedParameter() {
        HttpResponse<String> first = post(ALPHA, chat("Name a prime number.", ""));
        int calls = upstream.calls();
        HttpResponse<String> again = post(ALPHA, """
                { "messages" : [ { "content" : "Name a prime number.", "role" : "user" } ],
                  "temperature" : 0.0, "model" : "fake/gpt-c" }""");
        HttpResponse<String> changed = post(ALPHA, chat("Name a prime number.", "\"max_tokens\":7,"));

        assertThat(cacheStatus(first)).isEqualTo("miss");
        assertThat(cacheStatus(again)).isEqualTo("hit-exact");
        assertThat(content(again)).isEqualTo(content(first));
        assertThat(again.headers().firstValue("x-tollgate-cache-similarity")).contains("1.0000");
        assertThat(new BigDecimal(again.headers().firstValue("x-tollgate-cost-usd").orElseThrow())).isZero();
        assertThat(new BigDecimal(again.headers().firstValue("x-tollgate-cache-saved-usd").orElseThrow()))
                .as("10 + 4 tokens at $1000 per million").isEqualByComparingTo("0.014");
        assertThat(json(again).path("id").asText()).isNotEqualTo(json(first).path("id").asText());
        assertThat(cacheStatus(changed)).isEqualTo("miss");
        assertThat(content(changed)).isEqualTo(NumberedUpstream.text(calls + 1));
        assertThat(upstream.calls()).isEqualTo(calls + 1);
    }

    @Test
    void shouldHitByMeaningOnAParaphraseAndMissOnAnUnrelatedQuestion() {
        String answer = content(post(ALPHA, chat("What is the capital of France?", "")));

        HttpResponse<String> paraphrase = post(ALPHA, chat("Tell me France's capital city", ""));
        HttpResponse<String> unrelated = post(ALPHA, chat("How do I bake bread?", ""));
        HttpResponse<String> strict = post(ALPHA, chat("Tell me France's capital city", ""),
                "x-tollgate-cache-threshold", "0.99", "x-tollgate-cache-no-store", "true");

        assertThat(cacheStatus(paraphrase)).isEqualTo("hit-semantic");
        assertThat(content(paraphrase)).isEqualTo(answer);
        assertThat(new BigDecimal(paraphrase.headers().firstValue("x-tollgate-cache-similarity").orElseThrow()))
                .isBetween(new BigDecimal("0.85"), new BigDecimal("0.99"));
        assertThat(cacheStatus(unrelated)).isEqualTo("miss");
        assertThat(content(unrelated)).isNotEqualTo(answer);
        assertThat(cacheStatus(strict)).as("a stricter threshold from the header").isEqualTo("miss");
    }

    @Test
    void shouldNeverServeOneTenantsAnswerToAnotherOnEitherPath() {
        String alphaAnswer = content(post(ALPHA, chat("What is the capital of Italy?", "")));

        HttpResponse<String> betaSame = post(BETA, chat("What is the capital of Italy?", ""));
        HttpResponse<String> betaParaphrase = post(BETA, chat("Tell me Italy's capital city", ""));
        HttpResponse<String> alphaNarrowed = post(ALPHA, chat("What is the capital of Italy?", ""),
                "x-tollgate-cache-key", "user-42");

        assertThat(cacheStatus(betaSame)).isEqualTo("miss");
        assertThat(content(betaSame)).isNotEqualTo(alphaAnswer);
        assertThat(cacheStatus(betaParaphrase)).as("beta's own answer, never alpha's").isEqualTo("hit-semantic");
        assertThat(content(betaParaphrase)).isEqualTo(content(betaSame)).isNotEqualTo(alphaAnswer);
        assertThat(cacheStatus(alphaNarrowed)).as("a narrower scope from the header").isEqualTo("miss");
        assertThat(content(alphaNarrowed)).isNotEqualTo(alphaAnswer);
    }

    @Test
    void shouldShareAnswersWithinATeamWhenTheScopeIsTheTeam() {
        String answer = content(post(TEAM_ONE, chat("What is the capital of Spain?", "")));

        HttpResponse<String> teammate = post(TEAM_TWO, chat("What is the capital of Spain?", ""));
        HttpResponse<String> outsider = post(BETA, chat("What is the capital of Spain?", ""));

        assertThat(cacheStatus(teammate)).isEqualTo("hit-exact");
        assertThat(content(teammate)).isEqualTo(answer);
        assertThat(cacheStatus(outsider)).isEqualTo("miss");
    }

    @Test
    void shouldReplayAWholeAnswerAsAStreamTheOpenAiSdkReadsAndTheReverse() {
        String whole = content(post(ALPHA, chat("Which ocean is the largest?", "")));
        OpenAIClient sdk = OpenAIOkHttpClient.builder().baseUrl(node.url() + "/v1").apiKey(ALPHA).maxRetries(0)
                .build();
        try {
            StringBuilder text = new StringBuilder();
            List<ChatCompletionChunk> chunks = new ArrayList<>();
            try (StreamResponse<ChatCompletionChunk> stream = sdk.chat().completions().createStreaming(
                    ChatCompletionCreateParams.builder().model("fake/gpt-c").temperature(0.0)
                            .addUserMessage("Which ocean is the largest?")
                            .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build())) {
                stream.stream().forEach(chunk -> {
                    chunks.add(chunk);
                    chunk.choices().forEach(c -> c.delta().content().ifPresent(text::append));
                });
            }
            assertThat(text.toString()).isEqualTo(whole);
            assertThat(chunks.size()).as("realistic chunking: several content chunks").isGreaterThan(4);
            assertThat(chunks.get(chunks.size() - 1).usage()).hasValueSatisfying(
                    usage -> assertThat(usage.completionTokens()).isEqualTo(4));
            int calls = upstream.calls();

            String streamedFirst = streamedText(post(ALPHA, chat("Which desert is the largest?", "\"stream\":true,")));
            ChatCompletion replayed = sdk.chat().completions().create(ChatCompletionCreateParams.builder()
                    .model("fake/gpt-c").temperature(0.0).addUserMessage("Which desert is the largest?").build());

            assertThat(replayed.choices().get(0).message().content()).contains(streamedFirst);
            assertThat(replayed.choices().get(0).finishReason()).hasToString("stop");
            assertThat(upstream.calls()).isEqualTo(calls + 1);
        } finally {
            sdk.close();
        }
    }

    @Test
    void shouldReplayOnTheAnthropicRouteInItsOwnFormat() {
        String body = "{\"model\":\"fake/gpt-c\",\"max_tokens\":50,\"temperature\":0,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"Name a colour.\"}]}";
        HttpResponse<String> first = node.post("/anthropic/v1/messages", body, "x-api-key", ALPHA);
        node.node().cache().flush();
        HttpResponse<InputStream> replay = node.postStreaming("/anthropic/v1/messages",
                body.replace("\"max_tokens\":50,", "\"max_tokens\":50,\"stream\":true,"), "x-api-key", ALPHA);
        String events = read(replay);

        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(cacheStatus(replay)).isEqualTo("hit-exact");
        assertThat(SseText.eventNames(events)).startsWith("message_start", "content_block_start")
                .endsWith("message_delta", "message_stop");
        StringBuilder text = new StringBuilder();
        SseText.dataLines(events).stream().map(SseText::parse)
                .filter(event -> event.path("type").asText().equals("content_block_delta"))
                .forEach(event -> text.append(event.at("/delta/text").asText()));
        assertThat(text.toString()).isEqualTo(json(first).at("/content/0/text").asText());
    }

    @Test
    void shouldNotCacheNonDeterministicRequestsUnlessForcedNorWhenOff() {
        HttpResponse<String> hot = post(ALPHA, chat("Write a haiku.", "").replace("\"temperature\":0",
                "\"temperature\":1.5"));
        HttpResponse<String> hotAgain = post(ALPHA, chat("Write a haiku.", "").replace("\"temperature\":0",
                "\"temperature\":1.5"));
        post(ALPHA, chat("Write a haiku.", "").replace("\"temperature\":0", "\"temperature\":1.5"),
                "x-tollgate-cache-force", "true");
        HttpResponse<String> forced = post(ALPHA, chat("Write a haiku.", "").replace("\"temperature\":0",
                "\"temperature\":1.5"), "x-tollgate-cache-force", "true");
        post(OFF, chat("Write a limerick.", ""));
        HttpResponse<String> off = post(OFF, chat("Write a limerick.", ""));
        HttpResponse<String> turnedOn = post(OFF, chat("Write a limerick.", ""), "x-tollgate-cache-mode", "exact");

        assertThat(cacheStatus(hot)).isEqualTo("skip");
        assertThat(hot.headers().firstValue("x-tollgate-cache-skip-reason")).contains("temperature");
        assertThat(content(hotAgain)).isNotEqualTo(content(hot));
        assertThat(cacheStatus(forced)).isEqualTo("hit-exact");
        assertThat(cacheStatus(off)).isEqualTo("none");
        assertThat(cacheStatus(turnedOn)).as("the header turns it on; nothing was stored while off").isEqualTo("miss");
    }

    @Test
    void shouldRefuseAMalformedCacheHeaderInTheRoutesErrorShape() {
        HttpResponse<String> openai = post(ALPHA, chat("Hi", ""), "x-tollgate-cache-ttl", "forever");
        HttpResponse<String> anthropic = node.post("/anthropic/v1/messages", "{\"model\":\"fake/gpt-c\","
                + "\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}", "x-api-key", ALPHA,
                "x-tollgate-cache-mode", "fuzzy");

        assertThat(openai.statusCode()).isEqualTo(400);
        assertThat(json(openai).at("/error/message").asText()).contains("x-tollgate-cache-ttl", "forever");
        assertThat(anthropic.statusCode()).isEqualTo(400);
        assertThat(json(anthropic).path("type").asText()).isEqualTo("error");
        assertThat(json(anthropic).at("/error/message").asText()).contains("x-tollgate-cache-mode");
    }

    @Test
    void shouldSettleAHitAtZeroAndCountItAsARequest() {
        post(ALPHA, chat("How many legs has a spider?", ""));
        JsonNode before = settledCounters();

        HttpResponse<String> hit = post(ALPHA, chat("How many legs has a spider?", ""));
        JsonNode after = settledCounters();

        assertThat(cacheStatus(hit)).isEqualTo("hit-exact");
        assertThat(after.path("budget").path("usage_usd").decimalValue())
                .isEqualByComparingTo(before.path("budget").path("usage_usd").decimalValue());
        // the hit counts once in the request window (which may have started again between the two reads)
        boolean samePeriod = after.path("window").path("resets_at").equals(before.path("window").path("resets_at"));
        assertThat(after.path("window").path("usage").asLong())
                .isEqualTo(samePeriod ? before.path("window").path("usage").asLong() + 1 : 1);
        JsonNode stats = admin("GET", "/api/cache");
        assertThat(stats.path("exact_hits").asLong()).isPositive();
        assertThat(stats.path("saved_usd").decimalValue()).isPositive();
    }

    /** Alpha's budget and request window once nothing is reserved any more (the lease flusher charges in ~50 ms). */
    private static JsonNode settledCounters() {
        JsonNode[] counters = new JsonNode[1];
        io.tollgate.node.testing.Await.until("alpha's reservations settled", java.time.Duration.ofSeconds(10), () -> {
            counters[0] = alphaCounters();
            return counters[0].path("budget").path("reserved_usd").decimalValue().signum() == 0;
        });
        return counters[0];
    }

    @Test
    void shouldClearOneScopeThroughTheManagementApi() {
        post(ALPHA, chat("What is two plus two?", ""));
        post(BETA, chat("What is two plus two?", ""));

        JsonNode cleared = admin("DELETE", "/api/cache?scope=virtual_key:alpha");

        assertThat(cleared.path("removed").asInt()).isEqualTo(1);
        assertThat(cacheStatus(post(ALPHA, chat("What is two plus two?", "")))).isEqualTo("miss");
        assertThat(cacheStatus(post(BETA, chat("What is two plus two?", "")))).isEqualTo("hit-exact");
    }

    private static JsonNode admin(String method, String path) {
        HttpResponse<String> response = node.send(method, path, "", "authorization", "Bearer " + ADMIN);
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isEqualTo(200);
        return json(response);
    }

    private static JsonNode alphaCounters() {
        JsonNode budgets = AdminClient.of(node, ADMIN).get("/budgets").path("budgets");
        JsonNode windows = AdminClient.of(node, ADMIN).get("/rate-limits").path("rate_limits");
        com.fasterxml.jackson.databind.node.ObjectNode out = io.tollgate.adapters.Json.object();
        budgets.forEach(b -> {
            if (b.path("owner_name").asText().equals("alpha")) {
                out.set("budget", b);
            }
        });
        windows.forEach(w -> {
            if (w.path("owner_name").asText().equals("alpha") && w.path("kind").asText().equals("requests")) {
                out.set("window", w);
            }
        });
        return out;
    }

    private static String streamedText(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        StringBuilder text = new StringBuilder();
        SseText.dataLines(response.body()).stream().filter(data -> !data.equals("[DONE]"))
                .forEach(data -> text.append(SseText.parse(data).at("/choices/0/delta/content").asText("")));
        return text.toString();
    }

    private static String read(HttpResponse<InputStream> response) {
        try (InputStream in = response.body()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
