package io.tollgate.node.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import io.tollgate.node.testing.FakeUpstream.Reply;
import io.tollgate.node.testing.Fixtures;
import io.tollgate.node.testing.GatewayIT;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The official OpenAI and Anthropic Java SDKs, with only their base URL pointed at the node. */
@Timeout(120)
class SdkIT extends GatewayIT {

    private static OpenAIClient openai;
    private static AnthropicClient anthropic;

    @BeforeAll
    static void startClients() {
        openai = OpenAIOkHttpClient.builder().baseUrl(node.url() + "/v1").apiKey(Fixtures.SDK_KEY).maxRetries(0).build();
        anthropic = AnthropicOkHttpClient.builder().baseUrl(node.url() + "/anthropic").apiKey(Fixtures.SDK_KEY)
                .maxRetries(0).build();
    }

    @AfterAll
    static void stopClients() {
        openai.close();
        anthropic.close();
    }

    @Test
    void shouldChatWithTheOpenAiSdkThroughTheMock() {
        ChatCompletion completion = openai.chat().completions().create(ChatCompletionCreateParams.builder()
                .model("mock/echo").addUserMessage("Hello SDK").build());
        assertThat(completion.choices().get(0).message().content()).contains("Mock reply to: Hello SDK");
        assertThat(completion.usage()).hasValueSatisfying(u -> assertThat(u.completionTokens()).isEqualTo(5));
    }

    @Test
    void shouldStreamWithTheOpenAiSdkThroughTheMock() {
        StringBuilder text = new StringBuilder();
        List<ChatCompletionChunk> chunks = new ArrayList<>();
        try (com.openai.core.http.StreamResponse<ChatCompletionChunk> stream = openai.chat().completions()
                .createStreaming(ChatCompletionCreateParams.builder().model("mock/echo").addUserMessage("Hello SDK")
                        .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build())) {
            stream.stream().forEach(chunk -> {
                chunks.add(chunk);
                chunk.choices().forEach(c -> c.delta().content().ifPresent(text::append));
            });
        }
        assertThat(text.toString()).isEqualTo("Mock reply to: Hello SDK");
        assertThat(chunks.get(chunks.size() - 1).usage()).hasValueSatisfying(
                u -> assertThat(u.completionTokens()).isEqualTo(5));
    }

    @Test
    void shouldChatAndStreamWithTheOpenAiSdkThroughAnOpenAiTypeProvider() {
        upstream.on("/v1/chat/completions", Reply.json(200, Fixtures.OPENAI_COMPLETION));
        ChatCompletion completion = openai.chat().completions().create(ChatCompletionCreateParams.builder()
                .model("fake/gpt-test").addUserMessage("Hi").build());
        assertThat(completion.choices().get(0).message().content()).contains("Hello from upstream");

        upstream.on("/v1/chat/completions", Reply.sse(Fixtures.OPENAI_STREAM));
        StringBuilder text = new StringBuilder();
        try (com.openai.core.http.StreamResponse<ChatCompletionChunk> stream = openai.chat().completions()
                .createStreaming(ChatCompletionCreateParams.builder().model("fake/gpt-test").addUserMessage("Hi")
                        .build())) {
            stream.stream().forEach(chunk -> chunk.choices().forEach(c -> c.delta().content().ifPresent(text::append)));
        }
        assertThat(text.toString()).isEqualTo("Hello");
    }

    @Test
    void shouldChatWithTheOpenAiSdkThroughAnAnthropicProvider() {
        upstream.on("/v1/messages", Reply.json(200, Fixtures.ANTHROPIC_MESSAGE));
        ChatCompletion completion = openai.chat().completions().create(ChatCompletionCreateParams.builder()
                .model("claude/claude-test").addUserMessage("Hi").build());
        assertThat(completion.choices().get(0).message().content()).contains("Hello from Claude");
    }

    @Test
    void shouldChatWithTheAnthropicSdkThroughTheMock() {
        Message message = anthropic.messages().create(MessageCreateParams.builder().model("mock/echo").maxTokens(100)
                .addUserMessage("Hello Claude SDK").build());
        assertThat(message.content().get(0).text()).hasValueSatisfying(
                t -> assertThat(t.text()).isEqualTo("Mock reply to: Hello Claude SDK"));
        assertThat(message.usage().outputTokens()).isEqualTo(6);
    }

    @Test
    void shouldStreamWithTheAnthropicSdkThroughTheMock() {
        assertThat(anthropicStream("mock/echo", "Hello Claude SDK")).isEqualTo("Mock reply to: Hello Claude SDK");
    }

    @Test
    void shouldChatAndStreamWithTheAnthropicSdkThroughAnOpenAiTypeProvider() {
        upstream.on("/v1/chat/completions", Reply.json(200, Fixtures.OPENAI_COMPLETION));
        Message message = anthropic.messages().create(MessageCreateParams.builder().model("fake/gpt-test")
                .maxTokens(100).addUserMessage("Hi").build());
        assertThat(message.content().get(0).text()).hasValueSatisfying(
                t -> assertThat(t.text()).isEqualTo("Hello from upstream"));

        upstream.on("/v1/chat/completions", Reply.sse(Fixtures.OPENAI_STREAM));
        assertThat(anthropicStream("fake/gpt-test", "Hi")).isEqualTo("Hello");
    }

    @Test
    void shouldStreamWithTheAnthropicSdkThroughAnAnthropicProvider() {
        upstream.on("/v1/messages", Reply.sse(Fixtures.ANTHROPIC_STREAM));
        assertThat(anthropicStream("claude/claude-test", "Hi")).isEqualTo("Hello");
    }

    private static String anthropicStream(String model, String prompt) {
        StringBuilder text = new StringBuilder();
        try (StreamResponse<RawMessageStreamEvent> stream = anthropic.messages().createStreaming(
                MessageCreateParams.builder().model(model).maxTokens(100).addUserMessage(prompt).build())) {
            stream.stream().forEach(event -> event.contentBlockDelta()
                    .flatMap(delta -> delta.delta().text())
                    .ifPresent(delta -> text.append(delta.text())));
        }
        return text.toString();
    }
}
