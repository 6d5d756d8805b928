package io.tollgate.node.http;

import static io.tollgate.node.testing.SseText.dataLines;
import static io.tollgate.node.testing.SseText.eventNames;
import static io.tollgate.node.testing.SseText.parse;
import static io.tollgate.node.testing.NodeHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.node.testing.FakeUpstream;
import io.tollgate.node.testing.FakeUpstream.Reply;
import io.tollgate.node.testing.Fixtures;
import io.tollgate.node.testing.GatewayIT;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Anthropic route, and translation in both directions between the two formats. */
class AnthropicRoutesIT extends GatewayIT {


    @Test
    void shouldPassAnthropicRequestsToAnAnthropicUpstreamWithItsKeyAndVersion() {
        upstream.on("/v1/messages", Reply.json(200, Fixtures.ANTHROPIC_MESSAGE));
        HttpResponse<String> response = node.post("/anthropic/v1/messages", """
                {"model":"claude/claude-test","max_tokens":100,"system":"Be brief.",
                 "messages":[{"role":"user","content":"Hello"}]}""", "anthropic-beta", "prompt-caching-2024-07-31");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).at("/content/0/text").asText()).isEqualTo("Hello from Claude");
        FakeUpstream.Recorded sent = upstream.last();
        assertThat(parse(sent.body()).path("model").asText()).isEqualTo("claude-test");
        assertThat(parse(sent.body()).path("system").asText()).isEqualTo("Be brief.");
        assertThat(sent.headers()).containsEntry("x-api-key", Fixtures.ANTHROPIC_SECRET)
                .containsEntry("anthropic-version", "2023-06-01")
                .containsEntry("anthropic-beta", "prompt-caching-2024-07-31");
        // 100 input x $3 + 200 cache-write x $3.75 + 1000 cache-read x $0.30 + 50 output x $15, per 1M tokens
        assertThat(response.headers().firstValue("x-tollgate-cost-usd")).contains("0.0021");
    }

    @Test
    void shouldRelayAnAnthropicStreamEventByEvent() {
        upstream.on("/v1/messages", Reply.sse(Fixtures.ANTHROPIC_STREAM));
        HttpResponse<String> response = node.post("/anthropic/v1/messages", """
                {"model":"claude/claude-test","max_tokens":100,"stream":true,
                 "messages":[{"role":"user","content":"Hello"}]}""");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(eventNames(response.body())).containsExactly("message_start", "ping", "content_block_start",
                "content_block_delta", "content_block_delta", "content_block_stop", "message_delta", "message_stop");
        // 25 input x $3 + 15 output x $15 per 1M tokens
        assertThat(response.body()).endsWith(": x-tollgate-cost-usd=0.0003\n\n");
    }

    @Test
    void shouldTranslateAnOpenAiRequestForAnAnthropicUpstreamAndBack() {
        upstream.on("/v1/messages", Reply.json(200, Fixtures.ANTHROPIC_MESSAGE));
        HttpResponse<String> response = node.post("/v1/chat/completions", """
                {"model":"claude/claude-test","messages":[{"role":"system","content":"Be brief."},
                 {"role":"user","content":"Hello"}],"stop":["END"],"temperature":0.5}""");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = json(response);
        assertThat(body.path("object").asText()).isEqualTo("chat.completion");
        assertThat(body.at("/choices/0/message/content").asText()).isEqualTo("Hello from Claude");
        assertThat(body.at("/choices/0/finish_reason").asText()).isEqualTo("stop");
        assertThat(body.at("/usage/prompt_tokens").asLong()).isEqualTo(1300);
        JsonNode sent = parse(upstream.last().body());
        assertThat(sent.path("system").toString()).contains("Be brief.");
        assertThat(sent.path("max_tokens").asLong()).isPositive();
        assertThat(sent.path("stop_sequences").get(0).asText()).isEqualTo("END");
        assertThat(response.headers().firstValue("x-tollgate-cost-usd")).contains("0.0021");
    }

    @Test
    void shouldTranslateAnAnthropicStreamForAnOpenAiClient() {
        upstream.on("/v1/messages", Reply.sse(Fixtures.ANTHROPIC_STREAM));
        HttpResponse<String> response = node.post("/v1/chat/completions", """
                {"model":"claude/claude-test","stream":true,"stream_options":{"include_usage":true},
                 "messages":[{"role":"user","content":"Hello"}]}""");
        List<String> data = dataLines(response.body());
        StringBuilder text = new StringBuilder();
        for (String chunk : data.subList(0, data.size() - 1)) {
            text.append(parse(chunk).at("/choices/0/delta/content").asText(""));
        }
        assertThat(text.toString()).isEqualTo("Hello");
        assertThat(data.get(data.size() - 1)).isEqualTo("[DONE]");
        assertThat(parse(data.get(data.size() - 2)).at("/usage/completion_tokens").asLong()).isEqualTo(15);
        assertThat(response.body()).endsWith(": x-tollgate-cost-usd=0.0003\n\n");
    }

    @Test
    void shouldServeAnAnthropicClientFromAnOpenAiTypeProvider() {
        HttpResponse<String> response = node.post("/anthropic/v1/messages", """
                {"model":"mock/echo","max_tokens":50,"messages":[{"role":"user","content":"Bonjour"}]}""");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = json(response);
        assertThat(body.path("type").asText()).isEqualTo("message");
        assertThat(body.at("/content/0/text").asText()).isEqualTo("Mock reply to: Bonjour");
        assertThat(body.path("stop_reason").asText()).isEqualTo("end_turn");
        assertThat(body.at("/usage/output_tokens").asLong()).isEqualTo(4);
    }

    @Test
    void shouldStreamToAnAnthropicClientFromAnOpenAiTypeProvider() {
        HttpResponse<String> response = node.post("/anthropic/v1/messages", """
                {"model":"mock/echo","max_tokens":50,"stream":true,"messages":[{"role":"user","content":"Bonjour"}]}""");
        List<String> names = eventNames(response.body());
        assertThat(names.get(0)).isEqualTo("message_start");
        assertThat(names).contains("content_block_start", "content_block_delta", "content_block_stop",
                "message_delta");
        assertThat(names.get(names.size() - 1)).isEqualTo("message_stop");
        StringBuilder text = new StringBuilder();
        for (String chunk : dataLines(response.body())) {
            text.append(parse(chunk).at("/delta/text").asText(""));
        }
        assertThat(text.toString()).isEqualTo("Mock reply to: Bonjour");
    }
}
