package io.tollgate.node.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.tollgate.node.testing.Await;
import io.tollgate.node.testing.NodeClient;
import io.tollgate.node.testing.NodeHarness;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A node serves a mixed run (successes, a failure, a fallback, a stream, a cache hit); {@code /metrics} must parse
 * as Prometheus text, count exactly what was sent, and hold every name the shipped alert rules and dashboard use.
 */
@Timeout(60)
class MetricsIT {

    private static final String ADMIN = "metrics-admin-token-0001";
    private static final String KEY = "tg-metrics-0000000000001";
    private static final Path OPS = Path.of("..", "ops");
    private static final Pattern METRIC = Pattern.compile("tollgate_[a-z0-9_]+");

    private static NodeHarness node;
    private static final List<BigDecimal> costs = new ArrayList<>();
    private static int sent;
    private static PrometheusText scraped;

    @BeforeAll
    static void runTraffic() {
        node = NodeHarness.start("""
                server: { port: 0 }
                admin: { token: %s }
                providers:
                  mock: { type: mock }
                  broken: { type: mock, mock: { fail_status: 503 }, retries: { max: 1, backoff_initial_ms: 1 } }
                pricing:
                  mock/echo: { input: 1000, output: 1000 }
                  broken/echo: { input: 1000, output: 1000 }
                governance:
                  enforce: true
                  virtual_keys:
                    - { name: metrics, value: %s, budgets: [ { max_limit: 100, reset_duration: 1d } ],
                        rate_limit: { request_max_limit: 1000, request_reset_duration: 1m } }
                cache: { mode: exact }
                """.formatted(ADMIN, KEY));
        whole(chat("mock/echo", "hello", ""), 200);
        whole(chat("mock/echo", "again", ""), 200);
        whole(chat("broken/echo", "fails", ""), 503);
        whole(chat("broken/echo", "falls back", ",\"fallbacks\":[\"mock/echo\"]"), 200);
        whole(chat("nope/echo", "unknown provider", ""), 404);
        whole("{\"model\": \"mock/echo\", \"messages\": [", 400);   // refused before the pipeline: still counted
        streamed(chat("mock/echo", "a stream", ",\"stream\":true"));
        String cached = chat("mock/echo", "remember me", "");
        whole(cached, 200);
        // the answer is stored after the response: ask again until it is there
        Await.until("the cached answer", Duration.ofSeconds(10), () -> whole(cached, 200)
                .headers().firstValue("x-tollgate-cache").orElse("").equals("hit-exact"));
        scraped = PrometheusText.parse(scrape());
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void shouldCountEveryRequestWithItsStatusStreamAndRoute() {
        assertThat(scraped.sum("tollgate_requests_total")).isEqualTo(sent);
        assertThat(scraped.sum("tollgate_requests_total", "status", "503", "provider", "broken")).isEqualTo(1);
        assertThat(scraped.sum("tollgate_requests_total", "status", "404", "provider", "none")).isEqualTo(1);
        assertThat(scraped.sum("tollgate_requests_total", "status", "400", "route", "openai.chat")).isEqualTo(1);
        assertThat(scraped.sum("tollgate_requests_total", "stream", "true", "route", "openai.chat")).isEqualTo(1);
        assertThat(scraped.sum("tollgate_requests_in_flight")).isZero();
    }

    @Test
    void shouldCountCostAsTheSumOfTheCostHeaders() {
        double headers = costs.stream().reduce(BigDecimal.ZERO, BigDecimal::add).doubleValue();
        assertThat(headers).isPositive();
        assertThat(scraped.sum("tollgate_cost_usd_total")).isCloseTo(headers, within(1e-12));
        assertThat(scraped.sum("tollgate_tokens_total", "type", "input")).isPositive();
        assertThat(scraped.sum("tollgate_tokens_total", "type", "output")).isPositive();
    }

    @Test
    void shouldCountRetriesFallbacksAndCacheHits() {
        assertThat(scraped.sum("tollgate_retries_total", "provider", "broken")).as("two calls each, two requests")
                .isGreaterThanOrEqualTo(1);
        assertThat(scraped.sum("tollgate_fallbacks_total", "provider", "mock", "model", "echo")).isEqualTo(1);
        assertThat(scraped.sum("tollgate_requests_total", "cache", "hit-exact")).isEqualTo(1);
        assertThat(scraped.sum("tollgate_cache_saved_usd_total")).isPositive();
        assertThat(scraped.sum("tollgate_cache_lookups_total", "result", "exact")).isEqualTo(1);
        assertThat(scraped.sum("tollgate_cache_entries")).isPositive();
    }

    @Test
    void shouldExposeHistogramsWithBuckets() {
        assertThat(scraped.types()).containsEntry("tollgate_gateway_overhead_seconds", "histogram")
                .containsEntry("tollgate_upstream_latency_seconds", "histogram")
                .containsEntry("tollgate_request_duration_seconds", "histogram");
        assertThat(scraped.sum("tollgate_request_duration_seconds_count")).isEqualTo(sent);
        assertThat(scraped.find("tollgate_gateway_overhead_seconds_bucket", "le", "+Inf")).isNotEmpty();
    }

    @Test
    void shouldExposePolledGaugesOfKeysBudgetsLimitsAndCluster() {
        assertThat(scraped.sum("tollgate_provider_key_up", "provider", "mock")).isPositive();
        assertThat(scraped.find("tollgate_budget_limit_usd", "level", "virtual_key")).singleElement()
                .extracting(PrometheusText.Sample::value).isEqualTo(100.0);
        assertThat(scraped.sum("tollgate_budget_usage_usd")).isPositive();
        assertThat(scraped.find("tollgate_budget_reserved_usd")).isNotEmpty();
        assertThat(scraped.find("tollgate_rate_limit_limit", "kind", "requests")).singleElement()
                .extracting(PrometheusText.Sample::value).isEqualTo(1000.0);
        assertThat(scraped.find("tollgate_rate_limit_usage")).isNotEmpty();
        assertThat(scraped.sum("tollgate_cluster_members")).isEqualTo(1);
        assertThat(scraped.sum("tollgate_cluster_partitions_safe")).isEqualTo(1);
    }

    @Test
    void shouldLogARequestRefusedBeforeThePipeline() {
        Await.until("the refused request's log row", Duration.ofSeconds(10), () -> NodeClient.parse(node.get(
                "/api/logs?status=400", "authorization", "Bearer " + ADMIN).body()).path("logs").size() == 1);
        JsonNode row = NodeClient.parse(node.get("/api/logs?status=400", "authorization", "Bearer " + ADMIN).body())
                .path("logs").get(0);
        assertThat(row.path("error_type").asText()).isEqualTo("invalid_request");
        assertThat(row.path("route").asText()).isEqualTo("openai.chat");
    }

    @Test
    void shouldRefuseAScrapeWithoutTheAdminToken() {
        assertThat(node.get("/metrics").statusCode()).isEqualTo(401);
        assertThat(node.get("/metrics", "authorization", "Bearer wrong").statusCode()).isEqualTo(401);
    }

    @Test
    void shouldReferenceOnlyExistingMetricsInTheAlertRules() throws IOException {
        JsonNode rules = new ObjectMapper(new YAMLFactory()).readTree(OPS.resolve("prometheus/tollgate-alerts.yml")
                .toFile());
        List<String> exprs = new ArrayList<>();
        rules.path("groups").forEach(group -> group.path("rules").forEach(rule -> exprs.add(rule.path("expr")
                .asText())));
        assertThat(exprs).hasSizeGreaterThanOrEqualTo(6);
        assertThat(missing(exprs)).isEmpty();
    }

    @Test
    void shouldReferenceOnlyExistingMetricsInTheDashboard() throws IOException {
        JsonNode dashboard = new ObjectMapper().readTree(OPS.resolve("grafana/tollgate-dashboard.json").toFile());
        List<String> exprs = new ArrayList<>();
        dashboard.findValues("expr").forEach(expr -> exprs.add(expr.asText()));
        assertThat(exprs).hasSizeGreaterThanOrEqualTo(8);
        assertThat(missing(exprs)).isEmpty();
    }

    /** Names in these expressions that the scrape has neither as a family nor as a sample. */
    private static TreeSet<String> missing(List<String> exprs) {
        TreeSet<String> missing = new TreeSet<>();
        for (String expr : exprs) {
            Matcher m = METRIC.matcher(expr);
            while (m.find()) {
                String name = m.group();
                if (!scraped.has(name) && !scraped.types().containsKey(name)) {
                    missing.add(name);
                }
            }
        }
        return missing;
    }

    private static String chat(String model, String text, String extra) {
        return "{\"model\":\"" + model + "\",\"max_tokens\":8,\"messages\":[{\"role\":\"user\",\"content\":\""
                + text + "\"}]" + extra + "}";
    }

    private static HttpResponse<String> whole(String body, int status) {
        HttpResponse<String> response = node.post("/v1/chat/completions", body, "authorization", "Bearer " + KEY);
        sent++;
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        response.headers().firstValue("x-tollgate-cost-usd").ifPresent(cost -> costs.add(new BigDecimal(cost)));
        return response;
    }

    private static void streamed(String body) {
        HttpResponse<InputStream> response = node.postStreaming("/v1/chat/completions", body,
                "authorization", "Bearer " + KEY);
        sent++;
        String text;
        try (InputStream in = response.body()) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Matcher cost = Pattern.compile(": x-tollgate-cost-usd=([0-9.]+)").matcher(text);
        assertThat(cost.find()).as(text).isTrue();
        costs.add(new BigDecimal(cost.group(1)));
    }

    private static String scrape() {
        HttpResponse<String> response = node.get("/metrics", "authorization", "Bearer " + ADMIN);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type").orElse("")).startsWith("text/plain");
        return response.body();
    }
}
