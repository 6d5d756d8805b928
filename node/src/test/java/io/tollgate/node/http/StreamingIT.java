package io.tollgate.node.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.node.testing.FakeUpstream;
import io.tollgate.node.testing.Fixtures;
import io.tollgate.node.testing.GatewayIT;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Streams are relayed as they arrive, cancelled when the client leaves, and end well-formed when cut. */
class StreamingIT extends GatewayIT {

    private static final String REQUEST =
            "{\"model\":\"fake/gpt-test\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    @Test
    void shouldDeliverTheFirstChunkWhileTheUpstreamIsStillSending() throws Exception {
        CountDownLatch clientHasFirstChunk = new CountDownLatch(1);
        AtomicBoolean upstreamWaited = new AtomicBoolean();
        upstream.on("/v1/chat/completions", exchange -> {
            exchange.getResponseHeaders().set("content-type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                write(out, Fixtures.OPENAI_STREAM.get(0));
                // the rest of the stream exists only after the client has seen the first chunk
                upstreamWaited.set(await(clientHasFirstChunk));
                for (String event : Fixtures.OPENAI_STREAM.subList(1, Fixtures.OPENAI_STREAM.size())) {
                    write(out, event);
                }
            }
        });
        HttpResponse<InputStream> response = node.postStreaming("/v1/chat/completions", REQUEST);
        try (BufferedReader reader = reader(response)) {
            String first = reader.readLine();
            assertThat(first).startsWith("data: ").contains("\"role\":\"assistant\"");
            clientHasFirstChunk.countDown();
            String rest = drain(reader);
            assertThat(rest).contains("data: [DONE]");
        }
        assertThat(upstreamWaited).isTrue();
    }

    @Test
    void shouldCancelTheUpstreamWhenTheClientGoesAway() throws Exception {
        CountDownLatch upstreamSawClose = new CountDownLatch(1);
        upstream.on("/v1/chat/completions", exchange -> {
            exchange.getResponseHeaders().set("content-type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            try {
                for (int i = 0; i < 600; i++) {
                    write(out, Fixtures.OPENAI_STREAM.get(1));
                    Thread.sleep(20);
                }
            } catch (IOException e) {
                upstreamSawClose.countDown();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        HttpResponse<InputStream> response = node.postStreaming("/v1/chat/completions", REQUEST);
        InputStream body = response.body();
        assertThat(reader(response).readLine()).startsWith("data: ");
        body.close();
        assertThat(upstreamSawClose.await(10, TimeUnit.SECONDS))
                .as("the upstream connection was closed after the client left").isTrue();
    }

    @Test
    void shouldEndACutStreamWithAnErrorEvent() throws Exception {
        upstream.on("/v1/chat/completions", FakeUpstream.Reply.sse(Fixtures.OPENAI_STREAM.subList(0, 2)));
        HttpResponse<String> response = node.post("/v1/chat/completions", REQUEST);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"content\":\"Hel\"").contains("data: {\"error\":")
                .contains("before it was complete").doesNotContain("[DONE]");
    }

    @Test
    void shouldEndAStreamThatOutlivesTheTotalTimeoutWithAnErrorEvent() {
        // total_ms is 4000 for the fake provider; this upstream would keep sending for 12 s
        upstream.on("/v1/chat/completions", exchange -> {
            exchange.getResponseHeaders().set("content-type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            try {
                for (int i = 0; i < 120; i++) {
                    write(out, Fixtures.OPENAI_STREAM.get(1));
                    Thread.sleep(100);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        long start = System.nanoTime();
        HttpResponse<String> response = node.post("/v1/chat/completions", REQUEST);
        long seconds = (System.nanoTime() - start) / 1_000_000_000L;
        assertThat(response.body()).contains("\"content\":\"Hel\"").contains("\"upstream_timeout\"")
                .doesNotContain("[DONE]");
        assertThat(seconds).as("ended by the total timeout, not by the upstream").isLessThan(10);
    }

    private static boolean await(CountDownLatch latch) {
        try {
            return latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void write(OutputStream out, String event) throws IOException {
        out.write(event.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static BufferedReader reader(HttpResponse<InputStream> response) {
        return new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8));
    }

    private static String drain(BufferedReader reader) throws IOException {
        StringBuilder all = new StringBuilder();
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            all.append(line).append('\n');
        }
        return all.toString();
    }
}
