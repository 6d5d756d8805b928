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

/** Gemini event streams presented to an OpenAI client. */
class GeminiStreamTest {

    private static final String BASE = "\"id\":\"chatcmpl-s\",\"object\":\"chat.completion.chunk\","
            + "\"created\":1741569952,\"model\":\"gpt-4o\"";

    private static String chunk(String delta, String finish) {
        return "{" + BASE + ",\"choices\":[{\"index\":0,\"delta\":" + delta + ",\"logprobs\":null,"
                + "\"finish_reason\":" + finish + "}]}";
    }

    private static StreamTranslator translator(boolean includeUsage) {
        return OpenAiToGemini.stream("gpt-4o", "chatcmpl-s", 1741569952L, includeUsage);
    }

    @Test
    void shouldStreamTextThenTheUsageChunkAndDone() {
        StreamTranslator translator = translator(true);

        List<SseEvent> out = Fixtures.run(translator, Fixtures.sse("gemini/stream_text.sse"));

        Fixtures.assertSameEvents(out, List.of(
                SseEvent.data(chunk("{\"role\":\"assistant\",\"content\":\"\"}", "null")),
                SseEvent.data(chunk("{\"content\":\"Hello!\"}", "null")),
                SseEvent.data(chunk("{\"content\":\" How can I help you today\"}", "null")),
                SseEvent.data(chunk("{\"content\":\"?\"}", "null")),
                SseEvent.data(chunk("{}", "\"stop\"")),
                SseEvent.data("{" + BASE + ",\"choices\":[],\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":9,"
                        + "\"total_tokens\":10,\"prompt_tokens_details\":{\"cached_tokens\":0},"
                        + "\"completion_tokens_details\":{\"reasoning_tokens\":0}}}"),
                SseEvent.data("[DONE]")));
        assertThat(translator.completed()).isTrue();
        assertThat(translator.usage()).isEqualTo(Usage.of(1, 9));
    }

    @Test
    void shouldStreamFunctionCallsWholeAndHideThoughts() {
        StreamTranslator translator = translator(false);

        List<SseEvent> out = Fixtures.run(translator, Fixtures.sse("gemini/stream_function_call.sse"));

        Fixtures.assertSameEvents(out, List.of(
                SseEvent.data(chunk("{\"role\":\"assistant\",\"content\":\"\"}", "null")),
                SseEvent.data(chunk("{\"content\":\"Let me check both cities.\"}", "null")),
                SseEvent.data(chunk("{\"tool_calls\":[{\"index\":0,\"id\":\"call_0\",\"type\":\"function\","
                        + "\"function\":{\"name\":\"get_weather\",\"arguments\":\"{\\\"location\\\":\\\"Paris\\\"}\"},"
                        + "\"extra_content\":{\"google\":{\"thought_signature\":\"CsUBAdHtim9sig\"}}}]}", "null")),
                SseEvent.data(chunk("{\"tool_calls\":[{\"index\":1,\"id\":\"call_1\",\"type\":\"function\","
                        + "\"function\":{\"name\":\"get_weather\",\"arguments\":\"{\\\"location\\\":\\\"London\\\"}\"}}]}",
                        "null")),
                SseEvent.data(chunk("{}", "\"tool_calls\"")),
                SseEvent.data("[DONE]")));
        assertThat(translator.usage()).isEqualTo(new Usage(74, 0, 0, 0, 36, 50));
    }

    @Test
    void shouldFinishABlockedPromptWithContentFilter() {
        StreamTranslator translator = translator(false);

        List<SseEvent> out = Fixtures.run(translator, List.of(SseEvent.data("""
                {"promptFeedback": {"blockReason": "PROHIBITED_CONTENT"},
                 "usageMetadata": {"promptTokenCount": 7, "totalTokenCount": 7}}""")));

        Fixtures.assertSameEvents(out, List.of(
                SseEvent.data(chunk("{\"role\":\"assistant\",\"content\":\"\"}", "null")),
                SseEvent.data(chunk("{\"refusal\":\"The upstream provider blocked the prompt (PROHIBITED_CONTENT).\"}",
                        "null")),
                SseEvent.data(chunk("{}", "\"content_filter\"")),
                SseEvent.data("[DONE]")));
        assertThat(translator.usage()).isEqualTo(Usage.of(7, 0));
    }

    @Test
    void shouldThrowAnErrorEventAsAnUpstreamError() {
        StreamTranslator translator = translator(true);
        List<SseEvent> events = Fixtures.sse("gemini/stream_error.sse");

        assertThat(translator.onEvent(events.get(0))).hasSize(2);
        assertThatThrownBy(() -> translator.onEvent(events.get(1)))
                .isInstanceOfSatisfying(GatewayException.class, e -> {
                    assertThat(e.status()).isEqualTo(503);
                    assertThat(e.getMessage()).isEqualTo("The model is overloaded. Please try again later.");
                    assertThat(e.code()).contains("UNAVAILABLE");
                });
    }

    @Test
    void shouldNotCompleteAStreamCutBeforeAFinishReason() {
        StreamTranslator translator = translator(true);
        List<SseEvent> events = Fixtures.sse("gemini/stream_text.sse");

        translator.onEvent(events.get(0));

        assertThat(translator.onEnd()).isEmpty();
        assertThat(translator.completed()).isFalse();
    }

    @Test
    void shouldRefuseAnEventThatIsNotJson() {
        assertThatThrownBy(() -> translator(false).onEvent(SseEvent.data("{not json")))
                .isInstanceOfSatisfying(GatewayException.class, e -> assertThat(e.status()).isEqualTo(502));
    }
}
