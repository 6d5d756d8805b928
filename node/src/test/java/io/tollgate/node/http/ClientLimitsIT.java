package io.tollgate.node.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.node.testing.ErrorShape;
import io.tollgate.node.testing.NodeHarness;
import io.tollgate.node.testing.RawHttp;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The listener's limits on hostile clients, over raw sockets: bodies over {@code server.max_body_bytes} (sized or
 * chunked) get 413 in the route's error shape and the connection closed without reading them; JSON nested
 * 100,000 deep and invalid UTF-8 get a quick 400; slow-loris clients (silent, a byte at a time, stalled in the
 * headers or the body) are disconnected after the configured timeouts while other requests are served at once;
 * header floods get 400 in the route's shape and the connection closed; a malformed request head is refused in the
 * route's shape too.
 */
@Timeout(60)
class ClientLimitsIT {

    private static final int MAX_BODY = 200_000;
    private static final String CHAT = "{\"model\":\"mock/echo\",\"max_tokens\":5,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    private static final List<String> ROUTES = List.of("/v1/chat/completions", "/v1/responses",
            "/anthropic/v1/messages",
            "/genai/v1beta/models/mock/echo:generateContent", "/bedrock/model/mock%2Fecho/converse");
    private static NodeHarness node;
    private static URI base;

    @BeforeAll
    static void start() {
        node = NodeHarness.start("""
                server: { port: 0, max_body_bytes: %d, header_timeout_ms: 1000, body_timeout_ms: 1000,
                          idle_timeout_ms: 1500 }
                providers:
                  mock: { type: mock }
                pricing:
                  mock/echo: { input: 1, output: 1 }
                """.formatted(MAX_BODY));
        base = node.node().baseUri();
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @Test
    void shouldRefuseABodyOverTheLimitWith413InTheRoutesShapeWithoutReadingIt() {
        byte[] big = ("{\"model\":\"mock/echo\",\"pad\":\"" + "x".repeat(MAX_BODY) + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        for (String route : ROUTES) {
            try (RawHttp http = RawHttp.connect(base)) {
                http.send(RawHttp.head("POST", route, "Content-Type: application/json",
                        "Content-Length: " + big.length));
                http.send(big);
                RawHttp.Response response = http.read();

                assertThat(response.status()).as(route).isEqualTo(413);
                assertThat(shape(route, response)).contains("larger than the limit of " + MAX_BODY);
                assertThat(http.closedWithin(Duration.ofSeconds(2))).as("closed after " + route).isTrue();
            }
        }
        try (RawHttp http = RawHttp.connect(base)) {
            // a terabyte declared and never sent: refused at once, not waited for
            long start = System.nanoTime();
            http.send(RawHttp.head("POST", "/v1/chat/completions", "Content-Length: 1000000000000"));
            assertThat(http.read().status()).isEqualTo(413);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
            assertThat(http.closedWithin(Duration.ofSeconds(2))).isTrue();
        }
    }

    @Test
    void shouldRefuseAChunkedBodyOverTheLimitWith413() {
        try (RawHttp http = RawHttp.connect(base)) {
            http.send(RawHttp.head("POST", "/anthropic/v1/messages", "Content-Type: application/json",
                    "Transfer-Encoding: chunked"));
            String chunk = Integer.toHexString(10_000) + "\r\n" + "x".repeat(10_000) + "\r\n";
            for (int i = 0; i < 25 && http.send(chunk); i++) {
                // 250,000 bytes in all, or fewer when the server refuses early
            }
            RawHttp.Response response = http.read();

            assertThat(response.status()).isEqualTo(413);
            assertThat(shape("/anthropic/v1/messages", response)).contains("server.max_body_bytes");
            assertThat(http.closedWithin(Duration.ofSeconds(2))).isTrue();
        }
    }

    @Test
    void shouldRefuseDeepNestingQuicklyWith400() {
        String nestedField = CHAT.replace("\"max_tokens\"", "\"metadata\":" + "[".repeat(201) + "]".repeat(201)
                + ",\"max_tokens\"");
        for (String body : List.of("[".repeat(100_000), "{\"a\":".repeat(30_000), nestedField)) {
            for (String route : ROUTES) {
                long start = System.nanoTime();
                RawHttp.Response response = post(route, body.getBytes(StandardCharsets.UTF_8));

                assertThat(response.status()).as(route).isEqualTo(400);
                assertThat(shape(route, response)).contains("nested deeper than 200 levels");
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
            }
        }
        String deepButAllowed = CHAT.replace("\"max_tokens\"",
                "\"metadata\":{\"x\":" + "[".repeat(150) + "]".repeat(150) + "},\"max_tokens\"");
        assertThat(post("/v1/chat/completions", deepButAllowed.getBytes(StandardCharsets.UTF_8)).status())
                .isEqualTo(200);
    }

    @Test
    void shouldRefuseInvalidUtf8With400NamingIt() {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes("{\"model\":\"mock/echo\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\""
                .getBytes(StandardCharsets.UTF_8));
        body.writeBytes(new byte[] {(byte) 0xff, (byte) 0xfe, (byte) 0xc3});
        body.writeBytes("\"}]}".getBytes(StandardCharsets.UTF_8));
        for (String route : ROUTES) {
            RawHttp.Response response = post(route, body.toByteArray());

            assertThat(response.status()).as(route).isEqualTo(400);
            assertThat(shape(route, response)).contains("Invalid UTF-8");
        }
    }

    @Test
    void shouldDisconnectSlowClientsWhileServingOthersAtOnce() throws InterruptedException {
        String prologue = "POST /v1/chat/completions HTTP/1.1\r\n";
        List<RawHttp> slow = new ArrayList<>();
        List<Thread> tricklers = new ArrayList<>();
        try {
            slow.add(RawHttp.connect(base));                                    // connects and says nothing
            RawHttp firstLine = RawHttp.connect(base);                          // the first line a byte at a time
            tricklers.add(trickle(firstLine, prologue));
            RawHttp headers = RawHttp.connect(base);                            // the headers a byte at a time
            headers.send(prologue);
            tricklers.add(trickle(headers, "Host: localhost\r\n" + "X-Slow: 1\r\n".repeat(100)));
            RawHttp stalledHead = RawHttp.connect(base);                        // stops half way through the headers
            stalledHead.send(prologue + "Host: localhost\r\nContent-Ty");
            RawHttp stalledBody = RawHttp.connect(base);                        // stops half way through the body
            stalledBody.send(RawHttp.head("POST", "/v1/chat/completions", "Content-Type: application/json",
                    "Content-Length: " + (CHAT.length() + 100)) + CHAT);
            slow.addAll(List.of(firstLine, headers, stalledHead, stalledBody));
            Thread.sleep(200);

            for (int i = 0; i < 5; i++) {
                long start = System.nanoTime();
                assertThat(post("/v1/chat/completions", CHAT.getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(200);
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(500));
            }
            for (RawHttp client : slow) {
                assertThat(client.closedWithin(Duration.ofMillis(20))).as("still waited on").isFalse();
            }
            for (int i = 0; i < slow.size(); i++) {
                assertThat(slow.get(i).closedWithin(Duration.ofSeconds(5))).as("slow client %d closed", i).isTrue();
            }
            assertThat(post("/v1/chat/completions", CHAT.getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(200);
        } finally {
            tricklers.forEach(Thread::interrupt);
            slow.forEach(RawHttp::close);
        }
    }

    @Test
    void shouldRefuseHeaderFloodsInTheRoutesShapeAndServeOthers() {
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 2_000; i++) {
            many.append("X-Flood-").append(i).append(": v\r\n");
        }
        List<String> floods = List.of(many.toString(), "X-Huge: " + "h".repeat(40_000) + "\r\n");
        for (String flood : floods) {
            for (String route : ROUTES) {
                try (RawHttp http = RawHttp.connect(base)) {
                    http.send("POST " + route + " HTTP/1.1\r\nHost: localhost\r\n" + flood
                            + "Content-Length: 2\r\n\r\n{}");
                    RawHttp.Response response = http.read();

                    assertThat(response.status()).as(route).isEqualTo(400);
                    assertThat(shape(route, response)).contains("could not be read", "16 KiB");
                    assertThat(http.closedWithin(Duration.ofSeconds(2))).isTrue();
                }
            }
            assertThat(post("/v1/chat/completions", CHAT.getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(200);
        }
    }

    @Test
    void shouldRefuseAMalformedRequestHeadInTheRoutesShape() {
        for (String route : ROUTES) {
            try (RawHttp http = RawHttp.connect(base)) {
                http.send("POST " + route + " HTTP/1.1\r\nHost: localhost\r\nthis is not a header\r\n\r\n");
                RawHttp.Response response = http.read();

                assertThat(response.status()).as(route).isEqualTo(400);
                shape(route, response);
            }
        }
    }

    @Test
    void shouldAnswerAnUnknownNativeRouteInItsShape() {
        for (String route : List.of("/genai/v1beta/nothing", "/bedrock/nothing", "/anthropic/v2/x", "/v9/x")) {
            RawHttp.Response response = post(route, "{}".getBytes(StandardCharsets.UTF_8));

            assertThat(response.status()).as(route).isEqualTo(404);
            assertThat(shape(route, response)).contains("Unknown route");
        }
    }

    /** POSTs a body on a new connection and reads the answer. */
    private static RawHttp.Response post(String route, byte[] body) {
        try (RawHttp http = RawHttp.connect(base)) {
            http.send(RawHttp.head("POST", route, "Content-Type: application/json", "Content-Length: " + body.length,
                    "Connection: close"));
            http.send(body);
            return http.read();
        }
    }

    /** Checks the answer has the route's error shape; its message. */
    private static String shape(String route, RawHttp.Response response) {
        return ErrorShape.of(route).check(response.status(), response.text(),
                name -> Optional.ofNullable(response.headers().get(name)));
    }

    /** Sends the text a byte every 100 ms on a virtual thread, until it is sent or the server closes. */
    private static Thread trickle(RawHttp http, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return Thread.ofVirtual().start(() -> {
            for (byte b : bytes) {
                if (!http.send(new byte[] {b})) {
                    return;
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
    }
}
