package io.tollgate.adapters.gemini;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.adapters.GatewayException;
import io.tollgate.adapters.SseEvent;
import io.tollgate.adapters.StreamTranslator;
import io.tollgate.adapters.Usage;
import io.tollgate.adapters.translate.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

/** OpenAI responses and chunk streams presented to a Gemini client. */
class GeminiClientResponseTest {

    @Test
    void shouldTranslateATextCompletion() {
        Translation translated = GeminiToOpenAi.response(Fixtures.json("openai/chat_completion_text.json"),
                "gemini-2.5-flash", "resp-1");

        assertThat(translated.body().path("candidates").get(0).path("finishReason").asText()).isEqualTo("STOP");
        assertThat(translated.body().path("candidates").get(0).path("content").path("parts").get(0).has("text"))
                .isTrue();
        assertThat(Fixtures.wire(translated.body().path("usageMetadata")))
                .isEqualTo(Fixtures.wire(GeminiUsage.toGemini(translated.usage())));
        assertThat(translated.body().path("modelVersion").asText()).isEqualTo("gemini-2.5-flash");
        assertThat(translated.body().path("responseId").asText()).isEqualTo("resp-1");
    }

    @Test
    void shouldTranslateToolCallsIntoFunctionCalls() {
        Translation translated = GeminiToOpenAi.response(Fixtures.json("openai/chat_completion_tool_calls.json"),
                "gemini-2.5-flash", "resp-2");

        assertThat(Fixtures.wire(translated.body())).isEqualTo(Fixtures.tree("""
                {"candidates": [{"content": {"role": "model", "parts": [
                   {"functionCall": {"id": "call_abc123", "name": "get_current_weather",
                                     "args": {"location": "Boston, MA"}}},
                   {"functionCall": {"id": "call_def456", "name": "get_current_weather",
                                     "args": {"location": "Paris, France", "unit": "celsius"}}}]},
                   "finishReason": "STOP", "index": 0}],
                 "usageMetadata": {"promptTokenCount": 82, "candidatesTokenCount": 17, "totalTokenCount": 99},
                 "modelVersion": "gemini-2.5-flash", "responseId": "resp-2"}"""));
        assertThat(translated.usage()).isEqualTo(Usage.of(82, 17));
    }

    @Test
    void shouldMapFinishReasonsBack() {
        String[][] pairs = {{"stop", "STOP"}, {"length", "MAX_TOKENS"}, {"tool_calls", "STOP"},
                {"content_filter", "SAFETY"}, {"function_call", "STOP"}};
        for (String[] pair : pairs) {
            assertThat(FinishReasons.toGemini(pair[0])).as(pair[0]).isEqualTo(pair[1]);
        }
    }

    @Test
    void shouldThrowOnAnErrorOrArgumentsThatAreNotAnObject() {
        assertThatThrownBy(() -> GeminiToOpenAi.response(Fixtures.json("openai/error_rate_limit.json"), "m", "r"))
                .isInstanceOf(GatewayException.class);
        assertThatThrownBy(() -> GeminiToOpenAi.response(Fixtures.tree("""
                {"choices": [{"index": 0, "finish_reason": "tool_calls", "message": {"role": "assistant",
                  "tool_calls": [{"id": "c", "type": "function", "function": {"name": "f", "arguments": "[1]"}}]}}]}"""),
                "m", "r")).isInstanceOfSatisfying(GatewayException.class, e -> assertThat(e.getMessage())
                .isEqualTo("upstream returned tool-call arguments that are not a JSON object"));
    }

    @Test
    void shouldStreamTextAndSendFunctionCallsWholeInTheLastEvent() {
        StreamTranslator translator = GeminiToOpenAi.stream("gemini-2.5-flash", "resp-3");

        List<SseEvent> out = Fixtures.run(translator,
                Fixtures.sse("translate/openai_chunks_from_anthropic_tool_use.sse"));

        String tail = ",\"modelVersion\":\"gemini-2.5-flash\",\"responseId\":\"resp-3\"}";
        Fixtures.assertSameEvents(out, List.of(
                SseEvent.data("{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"Okay\"}]},"
                        + "\"index\":0}]" + tail),
                SseEvent.data("{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":"
                        + "\", let me check both cities:\"}]},\"index\":0}]" + tail),
                SseEvent.data("{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":["
                        + "{\"functionCall\":{\"id\":\"toolu_01T1x1fJ34qAmk2tNTrN7Up6\",\"name\":\"get_weather\","
                        + "\"args\":{\"location\":\"San Francisco, CA\",\"unit\":\"fahrenheit\"}}},"
                        + "{\"functionCall\":{\"id\":\"toolu_01VfU5vzdZ3bhLtZmrHrQgXR\",\"name\":\"get_weather\","
                        + "\"args\":{\"location\":\"New York, NY\"}}}]},\"finishReason\":\"STOP\",\"index\":0}],"
                        + "\"usageMetadata\":{\"promptTokenCount\":472,\"candidatesTokenCount\":89,"
                        + "\"totalTokenCount\":561}" + tail)));
        assertThat(translator.completed()).isTrue();
        assertThat(translator.usage()).isEqualTo(Usage.of(472, 89));
    }

    @Test
    void shouldCompleteWithoutDoneAfterAFinishButNotBefore() {
        StreamTranslator finished = GeminiToOpenAi.stream("m", "r");
        finished.onEvent(SseEvent.data("""
                {"choices": [{"index": 0, "delta": {"content": "Hi"}, "finish_reason": "length"}]}"""));
        StreamTranslator cut = GeminiToOpenAi.stream("m", "r");
        cut.onEvent(SseEvent.data("""
                {"choices": [{"index": 0, "delta": {"content": "Hi"}, "finish_reason": null}]}"""));

        List<SseEvent> last = finished.onEnd();

        assertThat(Fixtures.tree(last.get(0).data()).path("candidates").get(0).path("finishReason").asText())
                .isEqualTo("MAX_TOKENS");
        assertThat(finished.completed()).isTrue();
        assertThat(cut.onEnd()).isEmpty();
        assertThat(cut.completed()).isFalse();
    }

    @Test
    void shouldThrowAnErrorChunk() {
        assertThatThrownBy(() -> GeminiToOpenAi.stream("m", "r").onEvent(SseEvent.data("""
                {"error": {"message": "Rate limit reached", "type": "requests", "code": "rate_limit_exceeded"}}""")))
                .isInstanceOfSatisfying(GatewayException.class,
                        e -> assertThat(e.getMessage()).isEqualTo("Rate limit reached"));
    }
}
