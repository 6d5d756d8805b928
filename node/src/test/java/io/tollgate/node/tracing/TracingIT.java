package io.tollgate.node.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.tollgate.node.testing.FakeUpstream;
import io.tollgate.node.testing.FakeUpstream.Reply;
import io.tollgate.node.testing.NodeHarness;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Traces checked with the OpenTelemetry SDK's in-memory exporter: one server span per request continuing the
 * client's {@code traceparent}, child spans for governance, cache, accounting and each upstream attempt, the GenAI
 * attributes, and the attempt's context passed upstream.
 */
@Timeout(60)
class TracingIT {

    private static final String KEY = "tg-tracing-key-00000000001";
    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String COMPLETION = """
            {"id":"chatcmpl-t","object":"chat.completion","created":1700000000,"model":"gpt-t",
             "choices":[{"index":0,"message":{"role":"assistant","content":"ok"},"finish_reason":"stop"}],
             "usage":{"prompt_tokens":10,"completion_tokens":4,"total_tokens":14}}""";

    private final InMemorySpanExporter spans = InMemorySpanExporter.create();
    private FakeUpstream upstream;
    private NodeHarness node;

    @BeforeEach
    void start() {
        upstream = FakeUpstream.start();
        upstream.on("/v1/chat/completions", Reply.json(200, COMPLETION));
        OpenTelemetrySdk sdk = OpenTelemetrySdk.builder().setTracerProvider(SdkTracerProvider.builder()
                .addSpanProcessor(SimpleSpanProcessor.create(spans)).build()).build();
        node = NodeHarness.start("""
                server: { port: 0 }
                providers:
                  fake: { type: openai, base_url: "%s/v1", keys: [ { name: k1, value: sk-tracing-upstream-00 } ] }
                pricing:
                  fake/gpt-t: { input: 1000, output: 1000 }
                governance:
                  virtual_keys:
                    - { name: traced, value: %s, budgets: [ { max_limit: 10, reset_duration: 1d } ] }
                cache: { mode: exact }
                """.formatted(upstream.url(), KEY), Map.of(), Clock.systemUTC(), RequestTracing.create(sdk));
    }

    @AfterEach
    void stop() {
        if (node != null) {
            node.close();
        }
        upstream.close();
    }

    @Test
    void shouldTraceARequestAsASpanTreeWithTheGenAiAttributesAndPassItsContextUpstream() {
        HttpResponse<String> response = node.post("/v1/chat/completions", "{\"model\":\"fake/gpt-t\","
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", "authorization", "Bearer " + KEY,
                "traceparent", "00-" + TRACE_ID + "-00f067aa0ba902b7-01");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<SpanData> finished = spans.getFinishedSpanItems();
        SpanData request = finished.stream().filter(s -> s.getKind() == SpanKind.SERVER).findFirst().orElseThrow();
        assertThat(request.getTraceId()).as("continues the client's trace").isEqualTo(TRACE_ID);
        assertThat(request.getParentSpanId()).isEqualTo("00f067aa0ba902b7");
        assertThat(request.getName()).isEqualTo("chat fake/gpt-t");
        assertThat(request.getAttributes().get(AttributeKey.stringKey("gen_ai.system"))).isEqualTo("openai");
        assertThat(request.getAttributes().get(AttributeKey.stringKey("gen_ai.request.model"))).isEqualTo("fake/gpt-t");
        assertThat(request.getAttributes().get(AttributeKey.longKey("gen_ai.usage.input_tokens"))).isEqualTo(10);
        assertThat(request.getAttributes().get(AttributeKey.longKey("gen_ai.usage.output_tokens"))).isEqualTo(4);
        assertThat(request.getAttributes().get(AttributeKey.stringKey("tollgate.cost_usd"))).isEqualTo("0.014");
        assertThat(request.getAttributes().get(AttributeKey.stringKey("tollgate.virtual_key.id"))).startsWith("vk_");
        assertThat(request.getAttributes().get(AttributeKey.stringKey("tollgate.cache.status"))).isEqualTo("miss");

        SpanData governance = named(finished, "governance");
        SpanData cache = named(finished, "cache");
        SpanData accounting = named(finished, "accounting");
        SpanData attempt = named(finished, "upstream attempt");
        assertThat(List.of(governance, cache, accounting, attempt))
                .allSatisfy(span -> assertThat(span.getTraceId()).isEqualTo(TRACE_ID));
        assertThat(governance.getParentSpanId()).isEqualTo(request.getSpanId());
        assertThat(cache.getParentSpanId()).isEqualTo(governance.getSpanId());
        assertThat(accounting.getParentSpanId()).isEqualTo(cache.getSpanId());
        assertThat(attempt.getParentSpanId()).isEqualTo(accounting.getSpanId());
        assertThat(attempt.getAttributes().get(AttributeKey.stringKey("tollgate.provider_key"))).isEqualTo("k1");
        assertThat(upstream.last().headers().get("traceparent")).as("the attempt's context goes upstream")
                .isEqualTo("00-" + TRACE_ID + "-" + attempt.getSpanId() + "-01");
    }

    @Test
    void shouldStartANewTraceWithoutATraceparentAndMarkAFailedRequest() {
        HttpResponse<String> response = node.post("/v1/chat/completions", "{\"model\":\"fake/gpt-t\","
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", "authorization", "Bearer tg-wrong-key-000000000");

        assertThat(response.statusCode()).isEqualTo(401);
        SpanData request = spans.getFinishedSpanItems().stream().filter(s -> s.getKind() == SpanKind.SERVER)
                .findFirst().orElseThrow();
        assertThat(request.getParentSpanContext().isValid()).isFalse();
        assertThat(request.getStatus().getStatusCode()).hasToString("ERROR");
        assertThat(request.getAttributes().get(AttributeKey.longKey("http.response.status_code"))).isEqualTo(401);
    }

    private static SpanData named(List<SpanData> spans, String name) {
        return spans.stream().filter(span -> span.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no span " + name + " in " + spans));
    }
}
