package io.tollgate.node.upstream;

import static io.tollgate.node.testing.SseText.dataLines;
import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.WebServer;
import io.tollgate.node.testing.Fixtures;
import io.tollgate.node.testing.NodeHarness;
import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** An upstream that speaks HTTP/2 (h2c with prior knowledge), for whole and streamed responses. */
@Timeout(60)
class Http2UpstreamIT {

    private static final List<String> PROTOCOLS = new CopyOnWriteArrayList<>();
    private static WebServer upstream;
    private static NodeHarness node;

    @BeforeAll
    static void start() {
        upstream = WebServer.builder().host("127.0.0.1").port(0).routing(routing -> routing
                .post("/v1/chat/completions", (req, res) -> {
                    PROTOCOLS.add(req.prologue().protocolVersion());
                    String body = req.content().as(String.class);
                    if (body.contains("\"stream\":true")) {
                        res.header(HeaderNames.CONTENT_TYPE, "text/event-stream");
                        try (OutputStream out = res.outputStream()) {
                            for (String event : Fixtures.OPENAI_STREAM) {
                                out.write(event.getBytes(StandardCharsets.UTF_8));
                                out.flush();
                            }
                        }
                    } else {
                        res.header(HeaderNames.CONTENT_TYPE, "application/json");
                        res.send(Fixtures.OPENAI_COMPLETION);
                    }
                })).build().start();
        node = NodeHarness.start("""
                server: { port: 0 }
                providers:
                  h2:
                    type: openai
                    base_url: http://127.0.0.1:%d/v1
                    http_version: http2
                    keys: [ { name: k, value: none } ]
                """.formatted(upstream.port()));
    }

    @AfterAll
    static void stop() {
        node.close();
        upstream.stop();
    }

    @Test
    void shouldSpeakHttp2ToTheUpstreamForWholeAndStreamedResponses() {
        HttpResponse<String> whole = node.post("/v1/chat/completions",
                "{\"model\":\"h2/gpt-test\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertThat(whole.statusCode()).as(whole.body()).isEqualTo(200);
        assertThat(whole.body()).contains("Hello from upstream");

        HttpResponse<String> streamed = node.post("/v1/chat/completions",
                "{\"model\":\"h2/gpt-test\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertThat(dataLines(streamed.body())).last().isEqualTo("[DONE]");
        assertThat(PROTOCOLS).containsExactly("2.0", "2.0");
    }
}
