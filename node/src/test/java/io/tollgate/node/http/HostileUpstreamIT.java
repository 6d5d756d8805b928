package io.tollgate.node.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.node.testing.FakeUpstream;
import io.tollgate.node.testing.FakeUpstream.Reply;
import io.tollgate.node.testing.Fixtures;
import io.tollgate.node.testing.NodeHarness;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * An upstream that answers badly: an event stream of garbage, of JSON of the wrong shape or cut short ends, at
 * once, with an error event in the client's dialect (no hang, no 500, no stream cut without a word); and a 200 of
 * the wrong shape is never cached, so a later streamed request is not a failed replay.
 */
@Timeout(60)
class HostileUpstreamIT {

    private static final String CHAT = "{\"model\":\"fake/gpt-test\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\","
            + "\"content\":\"%s\"}]%s}";
    private static FakeUpstream upstream;
    private static NodeHarness node;

    @BeforeAll
    static void start() {
        upstream = FakeUpstream.start();
        node = NodeHarness.start("""
                server: { port: 0 }
                providers:
                  fake:
                    type: openai
                    base_url: %s/v1
                    keys: [ { name: k1, value: sk-hostile-upstream-0001 } ]
                    timeouts: { connect_ms: 1000, first_byte_ms: 3000, total_ms: 5000 }
                    retries: { max: 0 }
                    circuit_breaker: { consecutive_failures: 1000, error_rate_percent: 100, window: 56 }
                pricing:
                  fake/gpt-test: { input: 1, output: 1 }
                cache: { mode: exact }
                """.formatted(upstream.url()));
    }

    @AfterAll
    static void stop() {
        node.close();
        upstream.close();
    }

    @Test
    void shouldEndABadUpstreamStreamWithAnErrorEventInTheClientsDialect() {
        List<List<String>> streams = List.of(
                List.of("data: {not json\n\n"),
                List.of("\u0000\u00ff\ufffd garbage without a line end"),
                List.of("data: {\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":{\"0\":1}}}]}\n\n"),
                List.of("data: [1, 2]\n\n"),
                List.of(Fixtures.OPENAI_STREAM.get(0)));   // cut after the first chunk
        int n = 0;
        for (List<String> stream : streams) {
            upstream.on("/v1/chat/completions", Reply.sse(stream));
            for (String route : List.of("/v1/chat/completions", "/anthropic/v1/messages")) {
                long start = System.nanoTime();
                HttpResponse<String> response = node.post(route, CHAT.formatted("stream " + n++, ",\"stream\":true"));

                assertThat(response.statusCode()).as("%s %s", route, stream).isEqualTo(200);
                assertThat(response.body()).as("%s %s", route, stream)
                        .contains(route.startsWith("/anthropic") ? "event: error" : "data: {\"error\":");
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
            }
        }
    }

    @Test
    void shouldNotCacheAWholeAnswerItCouldNotReplayAsAStream() {
        upstream.on("/v1/chat/completions", Reply.json(200, "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\"}"));
        HttpResponse<String> whole = node.post("/v1/chat/completions", CHAT.formatted("same", ""));
        assertThat(whole.statusCode()).isLessThan(500);

        upstream.on("/v1/chat/completions", Reply.sse(Fixtures.OPENAI_STREAM));
        HttpResponse<String> streamed = node.post("/v1/chat/completions", CHAT.formatted("same", ",\"stream\":true"));

        assertThat(streamed.statusCode()).as(streamed.body()).isEqualTo(200);
        assertThat(streamed.headers().firstValue("x-tollgate-cache")).hasValue("miss");
        assertThat(streamed.body()).contains("data: [DONE]");
    }
}
