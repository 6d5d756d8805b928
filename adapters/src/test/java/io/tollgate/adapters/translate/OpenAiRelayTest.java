package io.tollgate.adapters.translate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.adapters.ErrorKind;
import io.tollgate.adapters.GatewayException;
import io.tollgate.adapters.SseEvent;
import io.tollgate.adapters.StreamTranslator;
import io.tollgate.adapters.Usage;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpenAiRelayTest {

    private static final String CHAT = "{\"model\": \"fast\", \"messages\": [{\"role\": \"user\", \"content\": \"Hi\"}]";

    @Test
    void shouldAddIncludeUsageWhenTheClientStreamsWithoutIt() {
        ObjectNode request = Fixtures.object(CHAT + ", \"stream\": true, \"stream_options\": {\"foo\": 1}}");
        ObjectNode before = request.deepCopy();

        OpenAiRelay.Prepared prepared = OpenAiRelay.prepareRequest(request, "gpt-4o-mini");

        assertThat(prepared.clientAskedUsage()).isFalse();
        assertThat(Fixtures.wire(prepared.body())).isEqualTo(Fixtures.tree("""
                {"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "Hi"}], "stream": true,
                 "stream_options": {"foo": 1, "include_usage": true}}"""));
        assertThat(request).isEqualTo(before);
        assertThat(Fixtures.wire(OpenAiRelay.prepareRequest(Fixtures.object(CHAT + ", \"stream\": true}"), "m").body()
                .path("stream_options"))).isEqualTo(Fixtures.tree("{\"include_usage\": true}"));
    }

    @Test
    void shouldReportThatTheClientAskedForUsage() {
        OpenAiRelay.Prepared prepared = OpenAiRelay.prepareRequest(
                Fixtures.object(CHAT + ", \"stream\": true, \"stream_options\": {\"include_usage\": true}}"), "m");

        assertThat(prepared.clientAskedUsage()).isTrue();
        assertThat(Fixtures.wire(prepared.body().path("stream_options")))
                .isEqualTo(Fixtures.tree("{\"include_usage\": true}"));
    }

    @Test
    void shouldOnlyRenameTheModelOfANonStreamingRequest() {
        OpenAiRelay.Prepared prepared = OpenAiRelay.prepareRequest(Fixtures.object(CHAT + "}"), "gpt-4o-mini");

        assertThat(prepared.clientAskedUsage()).isFalse();
        assertThat(Fixtures.wire(prepared.body())).isEqualTo(Fixtures.tree(
                "{\"model\": \"gpt-4o-mini\", \"messages\": [{\"role\": \"user\", \"content\": \"Hi\"}]}"));
    }

    @Test
    void shouldRejectStreamOptionsThatAreNotAnObject() {
        assertThatThrownBy(() -> OpenAiRelay.prepareRequest(
                Fixtures.object(CHAT + ", \"stream\": true, \"stream_options\": true}"), "m"))
                .isInstanceOfSatisfying(GatewayException.class,
                        e -> assertThat(e.param()).contains("stream_options"));
    }

    @Test
    void shouldDropTheInjectedUsageChunkWhenTheClientDidNotAsk() {
        List<SseEvent> upstream = Fixtures.sse("openai/stream_text.sse");
        StreamTranslator relay = OpenAiRelay.stream(false);

        List<SseEvent> out = Fixtures.run(relay, upstream);

        assertThat(out).hasSize(upstream.size() - 1);
        for (int i = 0; i < out.size() - 1; i++) {
            assertThat(out.get(i)).as("chunk %d passes as the same object", i).isSameAs(upstream.get(i));
        }
        assertThat(out.getLast()).isSameAs(upstream.getLast());
        assertThat(relay.completed()).isTrue();
        assertThat(relay.usage()).isEqualTo(new Usage(176, 1024, 0, 0, 9, 0));
    }

    @Test
    void shouldPassEveryChunkWhenTheClientAsked() {
        List<SseEvent> upstream = Fixtures.sse("openai/stream_tool_calls.sse");
        StreamTranslator relay = OpenAiRelay.stream(true);

        List<SseEvent> out = Fixtures.run(relay, upstream);

        assertThat(out).containsExactlyElementsOf(upstream);
        assertThat(relay.usage()).isEqualTo(Usage.of(84, 48));
        assertThat(relay.completed()).isTrue();
    }

    @Test
    void shouldStripOnlyTheUsageOfAChunkThatAlsoHasChoices() {
        String chunk = """
                {"id":"cmpl-1","object":"chat.completion.chunk","created":1,"model":"llama",
                 "choices":[{"index":0,"delta":{},"finish_reason":"stop"}],
                 "usage" : {"prompt_tokens":7,"completion_tokens":3,"total_tokens":10}}""";

        StreamTranslator hidden = OpenAiRelay.stream(false);
        List<SseEvent> out = hidden.onEvent(SseEvent.data(chunk));

        ObjectNode expected = Fixtures.object(chunk);
        expected.remove("usage");
        assertThat(out).hasSize(1);
        assertThat(Fixtures.tree(out.getFirst().data())).isEqualTo(expected);
        assertThat(hidden.usage()).isEqualTo(Usage.of(7, 3));
        assertThat(OpenAiRelay.stream(true).onEvent(SseEvent.data(chunk))).containsExactly(SseEvent.data(chunk));
    }

    @Test
    void shouldThrowOnAnErrorChunk() {
        StreamTranslator relay = OpenAiRelay.stream(false);
        List<SseEvent> events = Fixtures.sse("openai/stream_error.sse");
        assertThat(relay.onEvent(events.get(0))).containsExactly(events.get(0));

        assertThatThrownBy(() -> relay.onEvent(events.get(2))).isInstanceOfSatisfying(GatewayException.class, e -> {
            assertThat(e.kind()).isEqualTo(ErrorKind.UPSTREAM_ERROR);
            assertThat(e.status()).isEqualTo(502);
            assertThat(e.upstreamType()).contains("server_error");
        });
        assertThat(relay.completed()).isFalse();
    }

    @Test
    void shouldTakeTheStatusFromTheNumericCodeOfACompatibleServer() {
        SseEvent error = SseEvent.data("{\"error\": {\"object\": \"error\", "
                + "\"message\": \"maximum context length is 8192 tokens\", "
                + "\"type\": \"BadRequestError\", \"param\": null, \"code\": 400}}");

        assertThatThrownBy(() -> OpenAiRelay.stream(true).onEvent(error))
                .isInstanceOfSatisfying(GatewayException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.getMessage()).isEqualTo("maximum context length is 8192 tokens");
                });
    }

    @Test
    void shouldPassContentThatMerelyMentionsUsageOrErrors() {
        SseEvent chunk = SseEvent.data("{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"error\"}}],\"usage\":null}");

        assertThat(OpenAiRelay.stream(false).onEvent(chunk)).singleElement().isSameAs(chunk);
    }

    @Test
    void shouldReadUsageAndRenameTheModelOfAResponse() {
        ObjectNode body = Fixtures.json("openai/chat_completion_text.json");

        assertThat(OpenAiRelay.usage(body)).isEqualTo(Usage.of(19, 10));
        assertThat(OpenAiRelay.withModel(body, "fast").path("model").asText()).isEqualTo("fast");
        assertThat(body.path("model").asText()).isEqualTo("gpt-4.1-2025-04-14");
    }

    @Test
    void shouldReadGroqsUsageFromItsXGroqObject() {
        String last = "{\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,"
                + "\"delta\":{},\"finish_reason\":\"stop\"}],\"x_groq\":{\"id\":\"req_1\",\"usage\":"
                + "{\"prompt_tokens\":21,\"completion_tokens\":7,\"total_tokens\":28}}}";
        StreamTranslator relay = OpenAiRelay.stream(false);

        assertThat(relay.onEvent(SseEvent.data(last))).containsExactly(SseEvent.data(last));
        assertThat(relay.usage()).isEqualTo(Usage.of(21, 7));
    }
}
