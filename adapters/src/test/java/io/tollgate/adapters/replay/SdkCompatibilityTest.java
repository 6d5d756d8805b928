package io.tollgate.adapters.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.ContentBlock;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import io.tollgate.adapters.Dialect;
import io.tollgate.adapters.SseEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The official SDKs parse, validate and accumulate every replayed event into the cached answer. */
class SdkCompatibilityTest {

    private static final ReplayOptions OPTIONS = new ReplayOptions("replayed-1", 1_750_000_000L, true);

    @Test
    void shouldLetTheOpenAiSdkAccumulateReplayedText() throws JsonProcessingException {
        ChatCompletion completion = openAi(Answers.openAiText(Answers.UNICODE));

        assertThat(completion.id()).isEqualTo("replayed-1");
        assertThat(completion.created()).isEqualTo(1_750_000_000L);
        assertThat(completion.model()).isEqualTo("gpt-4.1-2025-04-14");
        assertThat(completion.choices().getFirst().message().content()).hasValue(Answers.UNICODE);
        assertThat(completion.choices().getFirst().finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
        assertThat(completion.usage().orElseThrow().totalTokens()).isEqualTo(29);
        assertThat(completion.systemFingerprint()).hasValue("fp_44709d6fcb");
    }

    @Test
    void shouldLetTheOpenAiSdkAccumulateReplayedToolCalls() throws JsonProcessingException {
        ChatCompletion completion = openAi(Answers.openAiToolCalls());

        List<ChatCompletionMessageFunctionToolCall> calls = completion.choices().getFirst().message().toolCalls()
                .orElseThrow().stream().map(call -> call.asFunction()).toList();
        assertThat(calls).extracting(ChatCompletionMessageFunctionToolCall::id)
                .containsExactly("call_DdmO9pD3xa9XTPNJ32zg2hcA", "call_Kx3uWmF1fT7yqQ2cPpN4bLrD");
        assertThat(calls).extracting(call -> call.function().arguments())
                .containsExactly("{\"location\":\"Paris, France\"}", "{\"location\": \"Bogotá, Colombia\"}");
        assertThat(completion.choices().getFirst().finishReason())
                .isEqualTo(ChatCompletion.Choice.FinishReason.TOOL_CALLS);
    }

    @Test
    void shouldLetTheOpenAiSdkAccumulateTwoChoices() throws JsonProcessingException {
        ChatCompletion completion = openAi(Answers.openAiTwoChoices());

        assertThat(completion.choices()).extracting(choice -> choice.message().content().orElseThrow())
                .containsExactly("Roses are red.", "Violets are");
        assertThat(completion.choices()).extracting(ChatCompletion.Choice::index).containsExactly(0L, 1L);
    }

    @Test
    void shouldLetTheAnthropicSdkAccumulateReplayedThinkingAndText() throws JsonProcessingException {
        Message message = anthropic(Answers.anthropicThinking());

        assertThat(message.id()).isEqualTo("replayed-1");
        List<ContentBlock> content = message.content();
        assertThat(content.get(0).asThinking().thinking())
                .isEqualTo(Answers.anthropicThinking().path("content").path(0).path("thinking").asText());
        assertThat(content.get(0).asThinking().signature()).startsWith("EqQBCgIYAhIM");
        assertThat(content.get(1).asText().text()).endsWith("is **21**.");
        assertThat(message.stopSequence()).hasValue("###");
        assertThat(message.usage().outputTokens()).isEqualTo(142);
        assertThat(message.usage().inputTokens()).isEqualTo(48);
    }

    @Test
    void shouldLetTheAnthropicSdkAccumulateReplayedToolUse() throws JsonProcessingException {
        Message message = anthropic(Answers.anthropicToolUse());

        assertThat(message.content()).hasSize(3);
        assertThat(message.content().get(1).asToolUse().name()).isEqualTo("get_weather");
        assertThat(message.content().get(1).asToolUse()._input().convert(JsonNode.class))
                .isEqualTo(Answers.anthropicToolUse().path("content").path(1).path("input"));
        assertThat(message.content().get(2).asToolUse().id()).isEqualTo("toolu_01VfU5vzdZ3bhLtZmrHrQgXR");
    }

    @Test
    void shouldLetTheAnthropicSdkAccumulateReplayedUnicodeText() throws JsonProcessingException {
        Message message = anthropic(Answers.anthropicText(Answers.UNICODE));

        assertThat(message.content().getFirst().asText().text()).isEqualTo(Answers.UNICODE);
        assertThat(message.usage().cacheReadInputTokens()).hasValue(1800L);
        assertThat(message.usage().outputTokens()).isEqualTo(503);
    }

    private static ChatCompletion openAi(JsonNode whole) throws JsonProcessingException {
        ChatCompletionAccumulator accumulator = ChatCompletionAccumulator.create();
        List<SseEvent> events = Replay.events(Dialect.OPENAI, whole, OPTIONS);
        assertThat(events.getLast().data()).isEqualTo("[DONE]");
        for (SseEvent event : events.subList(0, events.size() - 1)) {
            ChatCompletionChunk chunk = com.openai.core.ObjectMappers.jsonMapper()
                    .readValue(event.data(), ChatCompletionChunk.class);
            accumulator.accumulate(chunk.validate());
        }
        return accumulator.chatCompletion();
    }

    private static Message anthropic(JsonNode whole) throws JsonProcessingException {
        MessageAccumulator accumulator = MessageAccumulator.create();
        for (SseEvent event : Replay.events(Dialect.ANTHROPIC, whole, OPTIONS)) {
            RawMessageStreamEvent parsed = com.anthropic.core.ObjectMappers.jsonMapper()
                    .readValue(event.data(), RawMessageStreamEvent.class);
            accumulator.accumulate(parsed.validate());
        }
        return accumulator.message();
    }
}
