package io.tollgate.adapters.bedrock;

import static io.tollgate.adapters.translate.Fixtures.json;
import static io.tollgate.adapters.translate.Fixtures.object;
import static io.tollgate.adapters.translate.Fixtures.tree;
import static io.tollgate.adapters.translate.Fixtures.wire;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.adapters.ErrorKind;
import io.tollgate.adapters.GatewayException;
import io.tollgate.adapters.Usage;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link BedrockConverse}: OpenAI requests to Converse, Converse responses and usage back to OpenAI. */
class BedrockConverseTest {

    @Test
    void shouldTranslateAMultiTurnRequestWithSystemImagesAndTools() {
        ObjectNode converse = BedrockConverse.request(json("bedrock/openai_request_tools.json"));

        assertThat(wire(converse)).isEqualTo(tree(io.tollgate.adapters.translate.Fixtures.text(
                "bedrock/converse_request_tools.json")));
    }

    @Test
    void shouldSendPlainTextWithoutMaxTokensWhenTheClientSetNone() {
        ObjectNode converse = BedrockConverse.request(object("""
                {"model":"m","messages":[{"role":"user","content":"Hi"}]}"""));

        assertThat(wire(converse)).isEqualTo(tree("""
                {"messages":[{"role":"user","content":[{"text":"Hi"}]}]}"""));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "\"auto\"|{\"auto\":{}}",
        "\"required\"|{\"any\":{}}",
        "\"none\"|"})
    void shouldMapToolChoice(String openAi, String converse) {
        ObjectNode request = object("""
                {"model":"m","messages":[{"role":"user","content":"Hi"}],
                 "tools":[{"type":"function","function":{"name":"f"}}],"tool_choice":%s}""".formatted(openAi));

        JsonNode toolConfig = BedrockConverse.request(request).path("toolConfig");

        assertThat(toolConfig.path("tools").get(0)).isEqualTo(tree("""
                {"toolSpec":{"name":"f","inputSchema":{"json":{"type":"object","properties":{}}}}}"""));
        if (converse == null) {
            assertThat(toolConfig.has("toolChoice")).isFalse();
        } else {
            assertThat(toolConfig.path("toolChoice")).isEqualTo(tree(converse));
        }
    }

    @Test
    void shouldRefuseAnImageGivenByUrl() {
        ObjectNode request = object("""
                {"model":"m","messages":[{"role":"user","content":[{"type":"text","text":"look"},
                 {"type":"image_url","image_url":{"url":"https://example.com/cat.png"}}]}]}""");

        assertThatThrownBy(() -> BedrockConverse.request(request))
                .isInstanceOfSatisfying(GatewayException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
                    assertThat(e.param()).contains("messages[0].content[1].image_url.url");
                })
                .hasMessage("Bedrock takes images only as base64 data URLs (data:image/png;base64,...), not by URL");
    }

    @Test
    void shouldRefuseAnImageFormatBedrockDoesNotTake() {
        ObjectNode request = object("""
                {"model":"m","messages":[{"role":"user","content":[
                 {"type":"image_url","image_url":{"url":"data:image/bmp;base64,Qk0="}}]}]}""");

        assertThatThrownBy(() -> BedrockConverse.request(request))
                .isInstanceOfSatisfying(GatewayException.class,
                        e -> assertThat(e.param()).contains("messages[0].content[0]"))
                .hasMessage("Bedrock takes png, jpeg, gif or webp images, not 'image/bmp'");
    }

    @Test
    void shouldTranslateATextResponseAndDropReasoning() {
        ObjectNode completion = BedrockConverse.response(json("bedrock/converse_response_text.json"), "claude",
                "chatcmpl-1", 1700000000);

        assertThat(wire(completion)).isEqualTo(tree("""
                {"id":"chatcmpl-1","object":"chat.completion","created":1700000000,"model":"claude",
                 "choices":[{"index":0,"message":{"role":"assistant","content":"Hello! How can I help?"},
                   "logprobs":null,"finish_reason":"stop"}],
                 "usage":{"prompt_tokens":12,"completion_tokens":7,"total_tokens":19,
                   "prompt_tokens_details":{"cached_tokens":0},"completion_tokens_details":{"reasoning_tokens":0}}}
                """));
    }

    @Test
    void shouldTranslateAToolUseResponseWithCacheUsage() {
        ObjectNode completion = BedrockConverse.response(json("bedrock/converse_response_tool_use.json"), "claude",
                "chatcmpl-2", 1700000000);

        assertThat(wire(completion.path("choices").get(0))).isEqualTo(tree("""
                {"index":0,"message":{"role":"assistant","content":"Let me check the weather.",
                  "tool_calls":[{"id":"tooluse_kZJMlvQmRJ6eAyJE5GIl7Q","type":"function",
                    "function":{"name":"get_weather","arguments":"{\\"city\\":\\"Paris\\",\\"unit\\":\\"celsius\\"}"}}]},
                 "logprobs":null,"finish_reason":"tool_calls"}"""));
        assertThat(wire(completion.path("usage"))).isEqualTo(tree("""
                {"prompt_tokens":3005,"completion_tokens":40,"total_tokens":3045,
                 "prompt_tokens_details":{"cached_tokens":1000},"completion_tokens_details":{"reasoning_tokens":0}}"""));
    }

    @Test
    void shouldReadUsageIntoDisjointBucketsWithTheCacheWritesSplitByTtl() {
        Usage usage = BedrockConverse.usage(json("bedrock/converse_response_tool_use.json").path("usage"));

        assertThat(usage).isEqualTo(new Usage(5, 1000, 500, 1500, 40, 0));
    }

    @Test
    void shouldCountAllCacheWritesAsFiveMinutesWithoutDetails() {
        Usage usage = BedrockConverse.usage(tree("""
                {"inputTokens":3,"outputTokens":9,"totalTokens":2012,"cacheReadInputTokens":0,
                 "cacheWriteInputTokens":2000}"""));

        assertThat(usage).isEqualTo(new Usage(3, 0, 2000, 0, 9, 0));
        assertThat(BedrockConverse.usage(tree("null"))).isEqualTo(Usage.ZERO);
    }

    @ParameterizedTest
    @CsvSource({"end_turn,stop", "stop_sequence,stop", "max_tokens,length", "tool_use,tool_calls",
        "guardrail_intervened,content_filter", "content_filtered,content_filter",
        "model_context_window_exceeded,length", "something_new,stop"})
    void shouldMapEveryStopReason(String stopReason, String finishReason) {
        ObjectNode response = json("bedrock/converse_response_text.json").put("stopReason", stopReason);

        ObjectNode completion = BedrockConverse.response(response, "m", "id", 1);

        assertThat(completion.path("choices").get(0).path("finish_reason").asText()).isEqualTo(finishReason);
    }

    @Test
    void shouldRefuseAResponseWithoutOutput() {
        assertThatThrownBy(() -> BedrockConverse.response(tree("{\"stopReason\":\"end_turn\"}"), "m", "id", 1))
                .isInstanceOfSatisfying(GatewayException.class,
                        e -> assertThat(e.kind()).isEqualTo(ErrorKind.UPSTREAM_ERROR))
                .hasMessage("Bedrock answered without output.message.content");
    }

    @Test
    void shouldReadAnErrorBodyWithItsTypeHeader() {
        GatewayException error = BedrockConverse.error(429,
                "ThrottlingException:http://internal.amazon.com/coral/com.amazon.bedrock/",
                "{\"message\":\"Too many requests, please wait before trying again.\"}"
                        .getBytes(StandardCharsets.UTF_8));

        assertThat(error.kind()).isEqualTo(ErrorKind.UPSTREAM_ERROR);
        assertThat(error.status()).isEqualTo(429);
        assertThat(error.upstreamType()).contains("ThrottlingException");
        assertThat(error.getMessage()).isEqualTo("Too many requests, please wait before trying again.");
    }

    @Test
    void shouldReadAnErrorBodyWithoutJsonOrType() {
        GatewayException error = BedrockConverse.error(503, "", "Service Unavailable".getBytes(StandardCharsets.UTF_8));

        assertThat(error.status()).isEqualTo(503);
        assertThat(error.upstreamType()).isEmpty();
        assertThat(error.getMessage()).isEqualTo("upstream answered HTTP 503: Service Unavailable");
    }

    @Test
    void shouldEncodeTheModelIdInThePath() {
        assertThat(BedrockConverse.path("anthropic.claude-3-haiku-20240307-v1:0", true))
                .isEqualTo("/model/anthropic.claude-3-haiku-20240307-v1%3A0/converse-stream");
        assertThat(BedrockConverse.path("arn:aws:bedrock:us-east-1:123:inference-profile/us.x", false))
                .isEqualTo("/model/arn%3Aaws%3Abedrock%3Aus-east-1%3A123%3Ainference-profile%2Fus.x/converse");
    }
}
