package io.tollgate.bench.load;

import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A fast local OpenAI-compatible upstream for load runs: {@code POST /v1/chat/completions} answers a fixed
 * 60-token completion with {@code usage}, whole, or for {@code "stream": true} as 20 content chunks, a finish chunk,
 * a usage chunk and {@code [DONE]}, each flushed as it is written. No delay unless {@code latencyMs} is set (then
 * before the answer or the first chunk). Enough for the gateway's OpenAI adapter to price usage. Listens on
 * 127.0.0.1 with TCP_NODELAY (Nagle would delay each chunk by tens of milliseconds).
 */
public final class FakeUpstream implements AutoCloseable {

    /** Output tokens in every answer. */
    public static final int COMPLETION_TOKENS = 60;
    static final int CHUNKS = 20;
    private static final int PROMPT_TOKENS = 24;
    private static final String USAGE = "\"usage\":{\"prompt_tokens\":" + PROMPT_TOKENS + ",\"completion_tokens\":"
            + COMPLETION_TOKENS + ",\"total_tokens\":" + (PROMPT_TOKENS + COMPLETION_TOKENS) + "}";
    private static final byte[] WHOLE = whole();
    private static final List<byte[]> EVENTS = events();

    private final WebServer server;
    private final long latencyMs;

    private FakeUpstream(int port, long latencyMs) {
        if (latencyMs < 0) {
            throw new IllegalArgumentException("upstream latency must not be negative, was " + latencyMs + " ms");
        }
        this.latencyMs = latencyMs;
        this.server = WebServer.builder()
                .host("127.0.0.1")
                .port(port)
                .connectionOptions(options -> options.tcpNoDelay(true))
                .routing(routing -> routing.post("/v1/chat/completions", this::answer))
                .build()
                .start();
    }

    /** Starts an upstream on {@code port} (0: a free one) that waits {@code latencyMs} before each answer. */
    public static FakeUpstream start(int port, long latencyMs) {
        return new FakeUpstream(port, latencyMs);
    }

    /** The port it listens on. */
    public int port() {
        return server.port();
    }

    /** The OpenAI-style base URL, {@code http://127.0.0.1:PORT/v1}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port() + "/v1";
    }

    private void answer(ServerRequest request, ServerResponse response) throws IOException {
        byte[] body = request.content().as(byte[].class);
        if (latencyMs > 0) {
            try {
                Thread.sleep(latencyMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (!streaming(body)) {
            response.header(HeaderValues.CONTENT_TYPE_JSON).send(WHOLE);
            return;
        }
        response.status(Status.OK_200).header(HeaderNames.CONTENT_TYPE, "text/event-stream")
                .header(HeaderNames.CACHE_CONTROL, "no-cache");
        try (OutputStream out = response.outputStream()) {
            for (byte[] event : EVENTS) {
                out.write(event);
                out.flush();
            }
        } catch (UncheckedIOException e) {
            // the client went away mid-stream
        }
    }

    /** True when the JSON body has {@code "stream": true} (whitespace allowed around the colon). */
    static boolean streaming(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        int at = text.indexOf("\"stream\"");
        if (at < 0) {
            return false;
        }
        int i = at + "\"stream\"".length();
        while (i < text.length() && (Character.isWhitespace(text.charAt(i)) || text.charAt(i) == ':')) {
            i++;
        }
        return text.startsWith("true", i);
    }

    private static String words() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < COMPLETION_TOKENS; i++) {
            text.append(i == 0 ? "" : " ").append("word").append(i);
        }
        return text.toString();
    }

    private static byte[] whole() {
        return ("{\"id\":\"chatcmpl-fake\",\"object\":\"chat.completion\",\"created\":1700000000,"
                + "\"model\":\"gpt-4o-mini\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
                + "\"content\":\"" + words() + "\"},\"finish_reason\":\"stop\"}]," + USAGE + "}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static List<byte[]> events() {
        String head = "data: {\"id\":\"chatcmpl-fake\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,"
                + "\"model\":\"gpt-4o-mini\",\"choices\":[";
        String[] words = words().split(" ");
        int perChunk = COMPLETION_TOKENS / CHUNKS;
        List<String> events = new ArrayList<>();
        for (int c = 0; c < CHUNKS; c++) {
            StringBuilder piece = new StringBuilder();
            for (int w = c * perChunk; w < (c + 1) * perChunk; w++) {
                piece.append(w == 0 ? "" : " ").append(words[w]);
            }
            String role = c == 0 ? "\"role\":\"assistant\"," : "";
            events.add(head + "{\"index\":0,\"delta\":{" + role + "\"content\":\"" + piece
                    + "\"},\"finish_reason\":null}]}\n\n");
        }
        events.add(head + "{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n");
        events.add(head + "]," + USAGE + "}\n\n");
        events.add("data: [DONE]\n\n");
        return events.stream().map(e -> e.getBytes(StandardCharsets.UTF_8)).toList();
    }

    @Override
    public void close() {
        server.stop();
    }
}
