package io.tollgate.adapters.gemini;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.adapters.ErrorKind;
import io.tollgate.adapters.GatewayException;
import io.tollgate.adapters.Usage;
import io.tollgate.adapters.translate.Fixtures;
import org.junit.jupiter.api.Test;

/** Gemini responses presented to an OpenAI client. */
class GeminiResponseTest {

    private static final long CREATED = 1741569952L;

    private static Translation translate(String fixture) {
        return OpenAiToGemini.response(Fixtures.json("gemini/" + fixture), "gpt-4o", "chatcmpl-gw0", CREATED);
    }

    @Test
    void shouldTranslateATextResponse() {
        Translation translated = translate("response_text.json");

        assertThat(Fixtures.wire(translated.body())).isEqualTo(Fixtures.tree("""
                {"id": "chatcmpl-gw0", "object": "chat.completion", "created": 1741569952, "model": "gpt-4o",
                 "choices": [{"index": 0, "message": {"role": "assistant",
                   "content": "AI learns patterns from data to make predictions or decisions."},
                   "logprobs": null, "finish_reason": "stop"}],
                 "usage": {"prompt_tokens": 8, "completion_tokens": 12, "total_tokens": 20,
                           "prompt_tokens_details": {"cached_tokens": 0},
                           "completion_tokens_details": {"reasoning_tokens": 0}}}"""));
        assertThat(translated.usage()).isEqualTo(Usage.of(8, 12));
    }

    @Test
    void shouldTranslateFunctionCallsKeepingTheThoughtSignature() {
        Translation translated = translate("response_function_call.json");

        assertThat(Fixtures.wire(translated.body().path("choices"))).isEqualTo(Fixtures.tree("""
                [{"index": 0, "message": {"role": "assistant", "content": null, "tool_calls": [
                   {"id": "call_0", "type": "function", "function": {"name": "schedule_meeting",
                    "arguments": "{\\"attendees\\":[\\"Bob\\",\\"Alice\\"],\\"date\\":\\"2025-03-27\\",\\"time\\":\\"10:00\\",\\"topic\\":\\"Q3 planning\\"}"},
                    "extra_content": {"google": {"thought_signature": "CiQB0e2Kb8Zq5Yv0Qz3sZ1Jb2W5aT0EXAMPLE"}}},
                   {"id": "call_1", "type": "function", "function": {"name": "get_weather",
                    "arguments": "{\\"location\\":\\"San Francisco, CA\\"}"}}]},
                  "logprobs": null, "finish_reason": "tool_calls"}]"""));
    }

    @Test
    void shouldHideThoughtsAndCountCachedThoughtAndToolUseTokens() {
        Translation translated = translate("response_thinking_cached.json");

        assertThat(translated.body().path("choices").get(0).path("message").path("content").asText())
                .isEqualTo("There are 8 prime numbers below 20.");
        assertThat(translated.usage()).isEqualTo(new Usage(72, 2048, 0, 0, 10, 352));
        assertThat(Fixtures.wire(translated.body().path("usage"))).isEqualTo(Fixtures.tree("""
                {"prompt_tokens": 2120, "completion_tokens": 362, "total_tokens": 2482,
                 "prompt_tokens_details": {"cached_tokens": 2048},
                 "completion_tokens_details": {"reasoning_tokens": 352}}"""));
    }

    @Test
    void shouldMapEveryFinishReason() {
        String[][] pairs = {{"STOP", "stop"}, {"MAX_TOKENS", "length"}, {"SAFETY", "content_filter"},
                {"RECITATION", "content_filter"}, {"BLOCKLIST", "content_filter"},
                {"PROHIBITED_CONTENT", "content_filter"}, {"SPII", "content_filter"},
                {"IMAGE_SAFETY", "content_filter"}, {"LANGUAGE", "stop"}, {"OTHER", "stop"},
                {"MALFORMED_FUNCTION_CALL", "stop"}, {"FINISH_REASON_UNSPECIFIED", "stop"}};
        for (String[] pair : pairs) {
            ObjectNode response = Fixtures.json("gemini/response_text.json");
            ((ObjectNode) response.path("candidates").get(0)).put("finishReason", pair[0]);

            assertThat(OpenAiToGemini.response(response, "m", "id", CREATED).body().path("choices").get(0)
                    .path("finish_reason").asText()).as(pair[0]).isEqualTo(pair[1]);
        }
        assertThat(translate("response_function_call.json").body().path("choices").get(0).path("finish_reason")
                .asText()).as("STOP with calls").isEqualTo("tool_calls");
    }

    @Test
    void shouldTurnEveryCandidateIntoAChoice() {
        Translation translated = OpenAiToGemini.response(Fixtures.tree("""
                {"candidates": [{"content": {"parts": [{"text": "Red"}], "role": "model"}, "finishReason": "STOP"},
                                {"content": {"parts": [{"text": "Blue"}], "role": "model"}, "finishReason": "MAX_TOKENS",
                                 "index": 1}],
                 "usageMetadata": {"promptTokenCount": 5, "candidatesTokenCount": 2, "totalTokenCount": 7}}"""),
                "m", "id", CREATED);

        assertThat(Fixtures.wire(translated.body().path("choices"))).isEqualTo(Fixtures.tree("""
                [{"index": 0, "message": {"role": "assistant", "content": "Red"}, "logprobs": null,
                  "finish_reason": "stop"},
                 {"index": 1, "message": {"role": "assistant", "content": "Blue"}, "logprobs": null,
                  "finish_reason": "length"}]"""));
    }

    @Test
    void shouldAnswerABlockedPromptAsContentFilter() {
        Translation translated = translate("response_blocked.json");

        assertThat(Fixtures.wire(translated.body().path("choices"))).isEqualTo(Fixtures.tree("""
                [{"index": 0, "message": {"role": "assistant", "content": null,
                   "refusal": "The upstream provider blocked the prompt (SAFETY)."},
                  "logprobs": null, "finish_reason": "content_filter"}]"""));
        assertThat(translated.usage()).isEqualTo(Usage.of(9, 0));
    }

    @Test
    void shouldThrowTheUpstreamErrorOfAnErrorBodyOrAnEmptyAnswer() {
        assertThatThrownBy(() -> translate("error_invalid_argument.json"))
                .isInstanceOfSatisfying(GatewayException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.UPSTREAM_ERROR);
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.getMessage())
                            .isEqualTo("Invalid JSON payload received. Unknown name \"foo\": Cannot find field.");
                });
        assertThatThrownBy(() -> OpenAiToGemini.response(Fixtures.tree("{\"modelVersion\": \"x\"}"), "m", "id",
                CREATED)).isInstanceOfSatisfying(GatewayException.class, e -> {
                    assertThat(e.status()).isEqualTo(502);
                    assertThat(e.getMessage()).isEqualTo("upstream answered without a candidate");
                });
    }
}
