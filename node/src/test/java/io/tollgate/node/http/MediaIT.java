package io.tollgate.node.http;

import static io.tollgate.node.testing.NodeHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.node.testing.FakeUpstream;
import io.tollgate.node.testing.FakeUpstream.Reply;
import io.tollgate.node.testing.NodeHarness;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code /v1/images/generations} through an OpenAI-type provider: governed like every inference route, reserved at
 * n images times the catalog's per-image price for the quality and size asked, charged for the images the upstream
 * returned, to the nano-dollar, and logged. {@code /v1/audio/speech} likewise, priced per character of input, its
 * audio relayed as it came.
 */
@Timeout(60)
class MediaIT {

    private static final String RICH = "tg-rich-0000000000000001";
    private static final String TIGHT = "tg-tight-000000000000001";
    private static final String TWO_IMAGES = "{\"created\":1700000000,\"data\":[{\"url\":\"https://img.test/1.png\"},"
            + "{\"url\":\"https://img.test/2.png\"}]}";

    private static final byte[] FIRST_AUDIO = {'O', 'g', 'g', 'S', 0, 2};
    private static final byte[] REST_AUDIO = {1, 2, 3, (byte) 0xFE, 'e', 'n', 'd'};
    private static final AtomicReference<CountDownLatch> firstRead = new AtomicReference<>(new CountDownLatch(1));

    private static FakeUpstream upstream;
    private static NodeHarness node;

    @BeforeAll
    static void start() {
        upstream = FakeUpstream.start();
        upstream.on("/v1/images/generations", Reply.json(200, TWO_IMAGES));
        upstream.on("/v1/audio/speech", exchange -> {
            byte[] audio = {'I', 'D', '3', 0, 1, 2, (byte) 0xFF};
            exchange.getResponseHeaders().add("content-type", "audio/mpeg");
            exchange.sendResponseHeaders(200, audio.length);
            exchange.getResponseBody().write(audio);
            exchange.close();
        });
        upstream.on("/slow/v1/audio/speech", exchange -> {
            exchange.getResponseHeaders().add("content-type", "audio/ogg");
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            out.write(FIRST_AUDIO);
            out.flush();
            try {
                // the rest only once the client holds the first bytes; a gateway that waits for the whole answer
                // gets other bytes after the guard, and the test fails on them
                boolean released = firstRead.get().await(20, TimeUnit.SECONDS);
                out.write(released ? REST_AUDIO : "never released".getBytes(StandardCharsets.US_ASCII));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            out.close();
        });
        node = NodeHarness.start("""
                server: { port: 0 }
                providers:
                  art:
                    type: openai
                    base_url: %s/v1
                    keys: [ { name: k1, value: sk-art-000000000000000 } ]
                  slow:
                    type: openai
                    base_url: %s/slow/v1
                    keys: [ { name: k1, value: sk-slow-00000000000000 } ]
                governance:
                  enforce: true
                  virtual_keys:
                    - { name: rich, value: %s }
                    - { name: tight, value: %s, budgets: [ { max_limit: 0.2, reset_duration: 1d } ] }
                """.formatted(upstream.url(), upstream.url(), RICH, TIGHT));
    }

    @AfterAll
    static void stop() {
        node.close();
        upstream.close();
    }

    @Test
    void shouldChargeEachImageAtItsQualityAndSizeToTheNanoDollar() {
        HttpResponse<String> response = node.post("/v1/images/generations", "{\"model\":\"art/dall-e-3\","
                + "\"prompt\":\"a lighthouse\",\"n\":2,\"quality\":\"hd\",\"size\":\"1024x1792\"}",
                "authorization", "Bearer " + RICH);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(json(response).path("data").size()).isEqualTo(2);
        assertThat(response.headers().firstValue("x-tollgate-cost-usd")).hasValue("0.24");
        assertThat(node.loggedCost(response.headers())).isEqualByComparingTo(new BigDecimal("0.240000000"));
        assertThat(upstream.last().path()).isEqualTo("/v1/images/generations");
        assertThat(upstream.last().headers().get("authorization")).isEqualTo("Bearer sk-art-000000000000000");
    }

    @Test
    void shouldPriceTheModelsDefaultQualityAndSizeWhenTheRequestNamesNone() {
        HttpResponse<String> response = node.post("/openai/v1/images/generations",
                "{\"model\":\"art/dall-e-2\",\"prompt\":\"a lighthouse\",\"n\":2}", "x-api-key", RICH);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(node.loggedCost(response.headers())).isEqualByComparingTo(new BigDecimal("0.04"));
    }

    @Test
    void shouldReserveNImagesAndRefuseWhatTheBudgetCannotHold() {
        int before = upstream.requests().size();
        // 2 × $0.12 = $0.24 > $0.20: refused before the upstream is called
        HttpResponse<String> refused = node.post("/v1/images/generations", "{\"model\":\"art/dall-e-3\","
                + "\"prompt\":\"a lighthouse\",\"n\":2,\"quality\":\"hd\",\"size\":\"1792x1024\"}",
                "authorization", "Bearer " + TIGHT);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(402);
        HttpResponse<String> anonymous = node.post("/v1/images/generations",
                "{\"model\":\"art/dall-e-3\",\"prompt\":\"a lighthouse\"}");
        assertThat(anonymous.statusCode()).as(anonymous.body()).isEqualTo(401);
        assertThat(upstream.requestsSince(before)).isEmpty();
    }

    @Test
    void shouldRefuseASizeTheCatalogDoesNotPriceUnderAHardBudget() {
        HttpResponse<String> response = node.post("/v1/images/generations", "{\"model\":\"art/dall-e-3\","
                + "\"prompt\":\"a lighthouse\",\"size\":\"4096x4096\"}", "authorization", "Bearer " + TIGHT);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
        assertThat(json(response).at("/error/message").asText()).contains("has no price");
    }

    @Test
    void shouldChargeSpeechPerCharacterAndRelayTheAudio() {
        // "héllo wörld ✓" is 13 characters (16 bytes); tts-1-hd is $30 per 1M characters: 13 × 30,000 = 390,000 nanos
        HttpResponse<byte[]> response = node.postBytes("/v1/audio/speech", "{\"model\":\"art/tts-1-hd\","
                + "\"voice\":\"alloy\",\"input\":\"héllo wörld ✓\"}", "authorization", "Bearer " + RICH);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue("audio/mpeg");
        assertThat(response.body()).containsExactly('I', 'D', '3', 0, 1, 2, (byte) 0xFF);
        assertThat(response.headers().firstValue("x-tollgate-cost-usd")).hasValue("0.00039");
        assertThat(node.loggedCost(response.headers())).isEqualByComparingTo(new BigDecimal("0.000390000"));
        HttpResponse<String> anonymous = node.post("/v1/audio/speech",
                "{\"model\":\"art/tts-1\",\"voice\":\"alloy\",\"input\":\"hi\"}");
        assertThat(anonymous.statusCode()).as(anonymous.body()).isEqualTo(401);
    }

    @Test
    void shouldRelaySpeechToTheClientBeforeTheUpstreamFinished() throws Exception {
        CountDownLatch latch = new CountDownLatch(1);
        firstRead.set(latch);
        // "hello" is 5 characters at $15 per 1M: 75,000 nano-dollars, known and sent before the audio
        HttpResponse<InputStream> response = node.postStreaming("/v1/audio/speech", "{\"model\":\"slow/tts-1\","
                + "\"voice\":\"alloy\",\"input\":\"hello\"}", "authorization", "Bearer " + RICH);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue("audio/ogg");
        assertThat(response.headers().firstValue("x-tollgate-cost-usd")).hasValue("0.000075");
        try (InputStream audio = response.body()) {
            assertThat(audio.readNBytes(FIRST_AUDIO.length)).containsExactly(FIRST_AUDIO);
            latch.countDown();
            assertThat(audio.readAllBytes()).containsExactly(REST_AUDIO);
        }
        assertThat(node.loggedCost(response.headers())).isEqualByComparingTo(new BigDecimal("0.000075"));
    }
}
