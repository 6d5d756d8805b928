package io.tollgate.adapters.bedrock;

import static io.tollgate.adapters.translate.Fixtures.assertSameEvents;
import static io.tollgate.adapters.translate.Fixtures.parseSse;
import static io.tollgate.adapters.translate.Fixtures.run;
import static io.tollgate.adapters.translate.Fixtures.sse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.adapters.ErrorKind;
import io.tollgate.adapters.GatewayException;
import io.tollgate.adapters.SseEvent;
import io.tollgate.adapters.StreamTranslator;
import io.tollgate.adapters.Usage;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link BedrockConverse#stream}: ConverseStream events to OpenAI chunks. */
class BedrockStreamTest {

    private static final String BASE = "\"id\":\"chatcmpl-9\",\"object\":\"chat.completion.chunk\","
            + "\"created\":1700000000,\"model\":\"claude\"";

    @Test
    void shouldStreamTextWithTheUsageChunkWhenAsked() {
        StreamTranslator translator = BedrockConverse.stream("claude", "chatcmpl-9", 1700000000, true);

        List<SseEvent> out = run(translator, sse("bedrock/stream_text.sse"));

        assertSameEvents(out, parseSse(chunk("{\"role\":\"assistant\",\"content\":\"\"}", "null")
                + chunk("{\"content\":\"Hello\"}", "null")
                + chunk("{\"content\":\" world\"}", "null")
                + chunk("{}", "\"length\"")
                + "data: {" + BASE + ",\"choices\":[],\"usage\":{\"prompt_tokens\":310,\"completion_tokens\":2,"
                + "\"total_tokens\":312,\"prompt_tokens_details\":{\"cached_tokens\":300},"
                + "\"completion_tokens_details\":{\"reasoning_tokens\":0}}}\n\n"
                + "data: [DONE]\n\n"));
        assertThat(translator.usage()).isEqualTo(new Usage(10, 300, 0, 0, 2, 0));
        assertThat(translator.completed()).isTrue();
    }

    @Test
    void shouldStreamToolUseWithoutTheUsageChunkWhenNotAsked() {
        StreamTranslator translator = BedrockConverse.stream("claude", "chatcmpl-9", 1700000000, false);

        List<SseEvent> out = run(translator, sse("bedrock/stream_tool_use.sse"));

        assertSameEvents(out, parseSse(chunk("{\"role\":\"assistant\",\"content\":\"\"}", "null")
                + chunk("{\"content\":\"Checking.\"}", "null")
                + chunk("{\"tool_calls\":[{\"index\":0,\"id\":\"tooluse_abc\",\"type\":\"function\","
                        + "\"function\":{\"name\":\"get_weather\",\"arguments\":\"\"}}]}", "null")
                + chunk("{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{\\\"city\\\":\"}}]}", "null")
                + chunk("{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"\\\"Paris\\\"}\"}}]}", "null")
                + chunk("{}", "\"tool_calls\"")
                + "data: [DONE]\n\n"));
        assertThat(translator.usage()).isEqualTo(Usage.of(20, 30));
    }

    @Test
    void shouldNotCompleteWhenTheStreamEndsBeforeMetadata() {
        StreamTranslator translator = BedrockConverse.stream("claude", "chatcmpl-9", 1700000000, false);
        List<SseEvent> events = sse("bedrock/stream_text.sse");

        run(translator, events.subList(0, events.size() - 1));

        assertThat(translator.completed()).isFalse();
        assertThat(translator.usage()).isEqualTo(Usage.ZERO);
    }

    @Test
    void shouldThrowForAnExceptionEvent() {
        StreamTranslator translator = BedrockConverse.stream("claude", "chatcmpl-9", 1700000000, false);
        translator.onEvent(SseEvent.named("messageStart", "{\"role\":\"assistant\"}"));

        assertThatThrownBy(() -> translator.onEvent(SseEvent.named("throttlingException",
                "{\"message\":\"Too many tokens, please wait before trying again.\"}")))
                .isInstanceOfSatisfying(GatewayException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.UPSTREAM_ERROR);
                    assertThat(e.status()).isEqualTo(429);
                    assertThat(e.upstreamType()).contains("throttlingException");
                })
                .hasMessage("Too many tokens, please wait before trying again.");
    }

    @Test
    void shouldGiveStatusesToStreamExceptions() {
        assertThat(BedrockErrors.status("validationException")).isEqualTo(400);
        assertThat(BedrockErrors.status("modelStreamErrorException")).isEqualTo(502);
        assertThat(BedrockErrors.status("serviceUnavailableException")).isEqualTo(503);
        assertThat(BedrockErrors.status("modelTimeoutException")).isEqualTo(504);
        assertThat(BedrockErrors.status("internalServerException")).isEqualTo(502);
    }

    @Test
    void shouldReadTheJsonFormOfTheStreamToo() {
        StreamTranslator translator = BedrockConverse.stream("claude", "chatcmpl-9", 1700000000, false);

        List<SseEvent> out = translator.onEvent(SseEvent.data(
                "{\"contentBlockDelta\":{\"contentBlockIndex\":0,\"delta\":{\"text\":\"Hi\"}}}"));

        assertSameEvents(out, parseSse(chunk("{\"content\":\"Hi\"}", "null")));
    }

    private static String chunk(String delta, String finishReason) {
        return "data: {" + BASE + ",\"choices\":[{\"index\":0,\"delta\":" + delta
                + ",\"logprobs\":null,\"finish_reason\":" + finishReason + "}]}\n\n";
    }
}
