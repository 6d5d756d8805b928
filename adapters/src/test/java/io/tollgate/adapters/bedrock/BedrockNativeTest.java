package io.tollgate.adapters.bedrock;

import static io.tollgate.adapters.translate.Fixtures.json;
import static io.tollgate.adapters.translate.Fixtures.object;
import static io.tollgate.adapters.translate.Fixtures.tree;
import static io.tollgate.adapters.translate.Fixtures.wire;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.adapters.ErrorKind;
import io.tollgate.adapters.GatewayException;
import io.tollgate.adapters.SseEvent;
import io.tollgate.adapters.StreamTranslator;
import io.tollgate.adapters.Usage;
import io.tollgate.adapters.sse.SseReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@link BedrockNative}: a Converse client served from the OpenAI hub. */
class BedrockNativeTest {

    @Test
    void shouldTranslateAConverseRequestIntoChatCompletions() {
        ObjectNode openAi = BedrockNative.request(json("bedrock/converse_request_native.json"), "gpt-4o", false,
                1024);

        assertThat(wire(openAi)).isEqualTo(tree("""
                {"model":"gpt-4o",
                 "messages":[
                   {"role":"system","content":"You are terse."},
                   {"role":"user","content":[{"type":"text","text":"What is in this image, and what is the weather?"},
                     {"type":"image_url","image_url":{"url":"data:image/jpeg;base64,/9j/4AAQ"}}]},
                   {"role":"assistant","content":"A cat. Checking the weather.",
                    "tool_calls":[{"id":"tooluse_1","type":"function",
                      "function":{"name":"get_weather","arguments":"{\\"city\\":\\"Paris\\"}"}}]},
                   {"role":"tool","tool_call_id":"tooluse_1","content":"Error: {\\"temp\\":21}"}],
                 "max_tokens":256,"stop":["STOP"],"temperature":0.5,"top_p":0.9,
                 "tools":[{"type":"function","function":{"name":"get_weather","description":"Current weather",
                   "parameters":{"type":"object","properties":{"city":{"type":"string"}}}}}],
                 "tool_choice":"required"}"""));
    }

    @Test
    void shouldStreamWithUsageAndTheDefaultMaxTokens() {
        ObjectNode openAi = BedrockNative.request(object("""
                {"messages":[{"role":"user","content":[{"text":"Hi"}]}]}"""), "gpt-4o", true, 1024);

        assertThat(wire(openAi)).isEqualTo(tree("""
                {"model":"gpt-4o","messages":[{"role":"user","content":"Hi"}],"max_tokens":1024,
                 "stream":true,"stream_options":{"include_usage":true}}"""));
    }

    @Test
    void shouldRefuseContentTheRouteCannotCarry() {
        ObjectNode request = object("""
                {"messages":[{"role":"user","content":[{"document":{"format":"pdf","name":"a"}}]}]}""");

        assertThatThrownBy(() -> BedrockNative.request(request, "gpt-4o", false, 1024))
                .isInstanceOfSatisfying(GatewayException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
                    assertThat(e.param()).contains("messages[0].content[0]");
                })
                .hasMessage("content block document is not supported by this route; "
                        + "use text, image, toolUse or toolResult");
    }

    @Test
    void shouldTranslateACompletionIntoAConverseResponse() {
        ObjectNode converse = BedrockNative.response(json("openai/chat_completion_tool_calls.json"), 250);

        assertThat(converse.path("stopReason").asText()).isEqualTo("tool_use");
        assertThat(converse.path("output").path("message").path("content").get(0).has("toolUse")).isTrue();
        assertThat(converse.path("metrics").path("latencyMs").asLong()).isEqualTo(250);
    }

    @Test
    void shouldWriteUsageWithCacheReadsApartFromTheInput() {
        ObjectNode converse = BedrockNative.response(tree("""
                {"id":"chatcmpl-1","object":"chat.completion","created":1,"model":"gpt-4o",
                 "choices":[{"index":0,"message":{"role":"assistant","content":"Hi"},"finish_reason":"length"}],
                 "usage":{"prompt_tokens":100,"completion_tokens":20,"total_tokens":120,
                   "prompt_tokens_details":{"cached_tokens":60},"completion_tokens_details":{"reasoning_tokens":5}}}
                """), 99);

        assertThat(wire(converse)).isEqualTo(tree("""
                {"output":{"message":{"role":"assistant","content":[{"text":"Hi"}]}},"stopReason":"max_tokens",
                 "usage":{"inputTokens":40,"outputTokens":20,"totalTokens":120,"cacheReadInputTokens":60,
                   "cacheWriteInputTokens":0},
                 "metrics":{"latencyMs":99}}"""));
        assertThat(BedrockConverse.usage(converse.path("usage"))).isEqualTo(new Usage(40, 60, 0, 0, 20, 0));
    }

    @Test
    void shouldStreamChunksAsConverseEventsThroughTheFraming() throws IOException {
        MovingClock clock = new MovingClock();
        StreamTranslator translator = BedrockNative.stream("gpt-4o", clock);
        List<SseEvent> events = new ArrayList<>();
        for (SseEvent chunk : io.tollgate.adapters.translate.Fixtures.sse("openai/stream_tool_calls.sse")) {
            clock.advance(Duration.ofMillis(10));
            events.addAll(translator.onEvent(chunk));
        }
        events.addAll(translator.onEnd());
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        for (SseEvent event : events) {
            wire.write(EventStreams.encode(event));
        }

        List<SseEvent> decoded = decode(wire.toByteArray());

        assertThat(decoded).isEqualTo(events);
        assertThat(decoded.stream().map(SseEvent::event).toList()).startsWith("messageStart").contains(
                "contentBlockStart", "contentBlockDelta", "contentBlockStop").endsWith("messageStop", "metadata");
        assertThat(tree(decoded.get(decoded.size() - 2).data())).isEqualTo(tree("{\"stopReason\":\"tool_use\"}"));
        assertThat(tree(decoded.get(decoded.size() - 1).data()).path("metrics").path("latencyMs").asLong())
                .isEqualTo(clock.elapsedMillis());
        assertThat(translator.completed()).isTrue();
    }

    @Test
    void shouldNameErrorsTheWayBedrockDoes() {
        GatewayException throttled = GatewayException.of(ErrorKind.RATE_LIMITED, "slow down");

        assertThat(BedrockNative.errorType(throttled)).isEqualTo("ThrottlingException");
        assertThat(BedrockNative.errorType(GatewayException.invalid("messages", "bad")))
                .isEqualTo("ValidationException");
        assertThat(BedrockNative.errorType(GatewayException.of(ErrorKind.AUTHENTICATION, "who")))
                .isEqualTo("AccessDeniedException");
        assertThat(BedrockNative.errorType(GatewayException.of(ErrorKind.INTERNAL, "oops")))
                .isEqualTo("InternalServerException");
        assertThat(new String(BedrockNative.errorBody(throttled), java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo("{\"message\":\"slow down\"}");
    }

    private static List<SseEvent> decode(byte[] bytes) throws IOException {
        SseReader reader = SseReader.create(EventStreams.sse(new ByteArrayInputStream(bytes)));
        List<SseEvent> out = new ArrayList<>();
        for (Optional<SseEvent> event = reader.next(); event.isPresent(); event = reader.next()) {
            out.add(event.get());
        }
        return out;
    }

    /** A clock the test moves. */
    private static final class MovingClock extends Clock {
        private final Instant start = Instant.parse("2026-01-01T00:00:00Z");
        private Instant now = start;

        void advance(Duration by) {
            now = now.plus(by);
        }

        long elapsedMillis() {
            return Duration.between(start, now).toMillis();
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
