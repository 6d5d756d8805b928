package io.tollgate.adapters.mock;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.adapters.Json;
import io.tollgate.adapters.Operation;
import io.tollgate.adapters.SseEvent;
import io.tollgate.adapters.spi.UpstreamResponse;
import io.tollgate.adapters.sse.SseReader;
import io.tollgate.config.HttpVersion;
import io.tollgate.config.MockOptions;
import io.tollgate.config.ProviderConfig;
import io.tollgate.config.ProviderKey;
import io.tollgate.config.ProviderType;
import io.tollgate.config.Secret;
import io.tollgate.config.Timeouts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MockAdapterTest {

    private static final ProviderKey KEY = new ProviderKey("default", new Secret("mock"), 1);
    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(1_700_000_000), ZoneOffset.UTC);

    @Test
    void shouldAnswerChatDeterministicallyWithUsage() throws IOException {
        MockAdapter mock = mock(MockOptions.DEFAULT);
        String request = "{\"model\":\"echo\",\"messages\":[{\"role\":\"user\",\"content\":\"Hello there\"}]}";
        JsonNode first = body(mock.send(Operation.CHAT, "echo", KEY, bytes(request), Map.of()));
        JsonNode second = body(mock.send(Operation.CHAT, "echo", KEY, bytes(request), Map.of()));
        assertThat(first.at("/choices/0/message/content").asText()).isEqualTo("Mock reply to: Hello there");
        assertThat(first.at("/choices/0/finish_reason").asText()).isEqualTo("stop");
        assertThat(first.at("/usage/completion_tokens").asLong()).isEqualTo(5);
        assertThat(first.at("/usage/prompt_tokens").asLong()).isEqualTo((11 + 3) / 4 + 4 + 3);
        assertThat(first.path("created").asLong()).isEqualTo(1_700_000_000L);
        assertThat(second.at("/choices/0/message")).isEqualTo(first.at("/choices/0/message"));
    }

    @Test
    void shouldCutTheReplyAtMaxTokensWithFinishReasonLength() throws IOException {
        JsonNode reply = body(mock(MockOptions.DEFAULT).send(Operation.CHAT, "echo", KEY, bytes(
                "{\"model\":\"echo\",\"max_tokens\":2,\"messages\":[{\"role\":\"user\",\"content\":\"a b c\"}]}"),
                Map.of()));
        assertThat(reply.at("/choices/0/message/content").asText()).isEqualTo("Mock reply");
        assertThat(reply.at("/choices/0/finish_reason").asText()).isEqualTo("length");
        assertThat(reply.at("/usage/completion_tokens").asLong()).isEqualTo(2);
    }

    @Test
    void shouldStreamOneChunkPerWordThenUsageThenDone() throws IOException {
        UpstreamResponse response = mock(MockOptions.DEFAULT).send(Operation.CHAT, "echo", KEY, bytes(
                "{\"model\":\"echo\",\"stream\":true,\"stream_options\":{\"include_usage\":true},"
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"), Map.of());
        List<SseEvent> events = events(response);
        StringBuilder text = new StringBuilder();
        for (SseEvent e : events.subList(0, events.size() - 1)) {
            text.append(Json.MAPPER.readTree(e.data()).at("/choices/0/delta/content").asText(""));
        }
        assertThat(text.toString()).isEqualTo("Mock reply to: hi");
        assertThat(events.get(events.size() - 1).data()).isEqualTo("[DONE]");
        JsonNode usage = Json.MAPPER.readTree(events.get(events.size() - 2).data());
        assertThat(usage.path("choices")).isEmpty();
        assertThat(usage.at("/usage/completion_tokens").asLong()).isEqualTo(4);
        JsonNode finish = Json.MAPPER.readTree(events.get(events.size() - 3).data());
        assertThat(finish.at("/choices/0/finish_reason").asText()).isEqualTo("stop");
    }

    @Test
    void shouldCallTheForcedTool() throws IOException {
        JsonNode reply = body(mock(MockOptions.DEFAULT).send(Operation.CHAT, "echo", KEY, bytes(
                "{\"model\":\"echo\",\"messages\":[{\"role\":\"user\",\"content\":\"weather?\"}],\"tool_choice\":\"required\","
                        + "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"parameters\":{}}}]}"),
                Map.of()));
        assertThat(reply.at("/choices/0/finish_reason").asText()).isEqualTo("tool_calls");
        assertThat(reply.at("/choices/0/message/tool_calls/0/function/name").asText()).isEqualTo("get_weather");
        assertThat(reply.at("/choices/0/message/tool_calls/0/function/arguments").asText()).isEqualTo("{}");
    }

    @Test
    void shouldFailEveryNthRequestAndEveryRequestOnAFailingKey() throws IOException {
        MockAdapter mock = mock(new MockOptions(0, 0, 503, 2, Map.of("bad", 429)));
        byte[] request = bytes("{\"model\":\"echo\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");
        assertThat(mock.send(Operation.CHAT, "echo", KEY, request, Map.of()).status()).isEqualTo(200);
        UpstreamResponse failed = mock.send(Operation.CHAT, "echo", KEY, request, Map.of());
        assertThat(failed.status()).isEqualTo(503);
        assertThat(body(failed).at("/error/type").asText()).isEqualTo("server_error");
        UpstreamResponse limited = mock.send(Operation.CHAT, "echo", new ProviderKey("bad", new Secret("x"), 1),
                request, Map.of());
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.header("Retry-After")).contains("1");
    }

    @Test
    void shouldEmbedEachInputDeterministically() throws IOException {
        MockAdapter mock = mock(MockOptions.DEFAULT);
        byte[] request = bytes("{\"model\":\"emb\",\"input\":[\"a\",\"b\"],\"dimensions\":4}");
        JsonNode first = body(mock.send(Operation.EMBEDDINGS, "emb", KEY, request, Map.of()));
        JsonNode second = body(mock.send(Operation.EMBEDDINGS, "emb", KEY, request, Map.of()));
        assertThat(first.path("data")).hasSize(2);
        assertThat(first.at("/data/0/embedding")).hasSize(4);
        assertThat(first.path("data")).isEqualTo(second.path("data"));
        assertThat(first.at("/data/0/embedding")).isNotEqualTo(first.at("/data/1/embedding"));
        assertThat(first.at("/usage/prompt_tokens").asLong()).isEqualTo(4);
    }

    @Test
    void shouldCapChoicesAndDimensionsAHostileClientAsksFor() throws IOException {
        MockAdapter mock = mock(MockOptions.DEFAULT);
        JsonNode chat = body(mock.send(Operation.CHAT, "echo", KEY, bytes("{\"model\":\"echo\",\"n\":1000000000,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"), Map.of()));
        JsonNode embedding = body(mock.send(Operation.EMBEDDINGS, "emb", KEY,
                bytes("{\"model\":\"emb\",\"input\":\"a\",\"dimensions\":\"1e100000000\"}"), Map.of()));

        assertThat(chat.path("choices")).hasSize(MockReplies.MAX_CHOICES);
        assertThat(embedding.at("/data/0/embedding")).hasSize(MockReplies.MAX_DIMENSIONS);
    }

    private static MockAdapter mock(MockOptions options) {
        return MockAdapter.create(new ProviderConfig("mock", ProviderType.MOCK, "", Optional.empty(), List.of(KEY),
                Map.of(), Timeouts.DEFAULT, HttpVersion.AUTO, options, Optional.empty()), CLOCK);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static JsonNode body(UpstreamResponse response) throws IOException {
        try (response) {
            return Json.MAPPER.readTree(response.body().readAllBytes());
        }
    }

    private static List<SseEvent> events(UpstreamResponse response) throws IOException {
        List<SseEvent> events = new ArrayList<>();
        SseReader reader = SseReader.create(response.body());
        for (Optional<SseEvent> e = reader.next(); e.isPresent(); e = reader.next()) {
            events.add(e.get());
        }
        return events;
    }
}
