package io.tollgate.node.http;

import static io.tollgate.node.testing.NodeHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.models.audio.transcriptions.Transcription;
import com.openai.models.audio.transcriptions.TranscriptionCreateParams;
import io.tollgate.adapters.multipart.MultipartForm;
import io.tollgate.node.testing.FakeUpstream;
import io.tollgate.node.testing.FakeUpstream.Reply;
import io.tollgate.node.testing.Forms;
import io.tollgate.node.testing.NodeHarness;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code /v1/audio/transcriptions} and {@code /v1/audio/translations}: multipart forms through the whole pipeline,
 * rebuilt for the upstream with its own model name; whisper charged per second of audio (asked for
 * {@code verbose_json} and answered in the client's format), gpt-4o-transcribe per audio, prompt and output token,
 * both to the nano-dollar, streamed or not; reserved at a bound and refused when the budget cannot hold it; malformed forms refused
 * with 400 in OpenAI's shape before anything reaches the upstream.
 */
@Timeout(60)
class AudioIT {

    private static final String RICH = "tg-rich-0000000000000001";
    private static final String TIGHT = "tg-tight-000000000000001";
    /** An "audio" file of text bytes, so the form the fake received can be read back as text. */
    private static final byte[] AUDIO = "ID3-fake-mp3-frames-0123456789".getBytes(StandardCharsets.US_ASCII);
    private static final String VERBOSE = "{\"task\":\"transcribe\",\"language\":\"english\",\"duration\":61.2,"
            + "\"text\":\"hello there\",\"segments\":[{\"id\":0,\"start\":0.0,\"end\":1.5,\"text\":\" hello\"},"
            + "{\"id\":1,\"start\":1.5,\"end\":61.2,\"text\":\" there\"}],\"usage\":{\"type\":\"duration\","
            + "\"seconds\":62}}";
    private static final String TOKENS = "{\"text\":\"hello there\",\"usage\":{\"type\":\"tokens\",\"input_tokens\":"
            + "1020,\"input_token_details\":{\"text_tokens\":20,\"audio_tokens\":1000},\"output_tokens\":300,"
            + "\"total_tokens\":1320}}";

    private static FakeUpstream upstream;
    private static NodeHarness node;
    private int seen;

    @BeforeAll
    static void start() {
        upstream = FakeUpstream.start();
        upstream.on("/v1/audio/transcriptions", Reply.json(200, VERBOSE));
        upstream.on("/v1/audio/translations", Reply.json(200, VERBOSE.replace("transcribe", "translate")));
        upstream.on("/tok/v1/audio/transcriptions", Reply.json(200, TOKENS));
        upstream.on("/stream/v1/audio/transcriptions", Reply.sse(List.of(
                "data: {\"type\":\"transcript.text.delta\",\"delta\":\"hello\"}\n\n",
                "data: {\"type\":\"transcript.text.delta\",\"delta\":\" there\"}\n\n",
                "data: {\"type\":\"transcript.text.done\",\"text\":\"hello there\"," + TOKENS.substring(
                        TOKENS.indexOf("\"usage\"")) + "\n\n")));
        node = NodeHarness.start("""
                server: { port: 0 }
                providers:
                  openai:
                    type: openai
                    base_url: %s/v1
                    keys: [ { name: k1, value: sk-audio-0000000000000 } ]
                  tok:
                    type: openai
                    base_url: %s/tok/v1
                    keys: [ { name: k1, value: sk-tok-00000000000000 } ]
                  streaming:
                    type: openai
                    base_url: %s/stream/v1
                    keys: [ { name: k1, value: sk-stream-000000000000 } ]
                governance:
                  enforce: true
                  virtual_keys:
                    - { name: rich, value: %s }
                    - { name: tight, value: %s, budgets: [ { max_limit: 0.001, reset_duration: 1d } ] }
                """.formatted(upstream.url(), upstream.url(), upstream.url(), RICH, TIGHT));
    }

    @AfterAll
    static void stop() {
        node.close();
        upstream.close();
    }

    @BeforeEach
    void rememberUpstreamCalls() {
        seen = upstream.requests().size();
    }

    @Test
    void shouldChargeWhisperPerSecondAndSendTheUpstreamItsOwnModelName() {
        HttpResponse<String> response = node.postForm("/v1/audio/transcriptions", Forms.audio(AUDIO,
                "model", "openai/whisper-1", "language", "en", "timestamp_granularities[]", "segment",
                "timestamp_granularities[]", "word"), "authorization", "Bearer " + RICH);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        // json asked: the text and the usage, rendered from the verbose answer
        assertThat(json(response).path("text").asText()).isEqualTo("hello there");
        assertThat(json(response).at("/usage/seconds").asInt()).isEqualTo(62);
        assertThat(json(response).has("segments")).isFalse();
        // 62 s × $0.0001 = $0.0062
        assertThat(response.headers().firstValue("x-tollgate-cost-usd")).hasValue("0.0062");
        assertThat(node.loggedCost(response.headers())).isEqualByComparingTo(new BigDecimal("0.006200000"));
        FakeUpstream.Recorded sent = upstream.last();
        assertThat(sent.path()).isEqualTo("/v1/audio/transcriptions");
        assertThat(sent.headers().get("authorization")).isEqualTo("Bearer sk-audio-0000000000000");
        List<MultipartForm.Part> parts = MultipartForm.read(sent.headers().get("content-type"),
                sent.body().getBytes(StandardCharsets.UTF_8)).parts();
        assertThat(field(parts, "model")).isEqualTo("whisper-1");
        assertThat(field(parts, "response_format")).isEqualTo("verbose_json");
        assertThat(field(parts, "language")).isEqualTo("en");
        assertThat(parts).filteredOn(p -> p.name().equals("timestamp_granularities[]"))
                .extracting(MultipartForm.Part::text).containsExactly("segment", "word");
        MultipartForm.Part file = parts.stream().filter(p -> p.name().equals("file")).findFirst().orElseThrow();
        assertThat(file.content()).isEqualTo(AUDIO);
        assertThat(file.filename()).hasValue("speech.mp3");
        assertThat(file.contentType()).hasValue("audio/mpeg");
    }

    @Test
    void shouldRenderTextSrtAndVttFromTheVerboseAnswer() {
        HttpResponse<String> srt = node.postForm("/openai/v1/audio/transcriptions", Forms.audio(AUDIO,
                "model", "openai/whisper-1", "response_format", "srt"), "x-api-key", RICH);
        assertThat(srt.statusCode()).as(srt.body()).isEqualTo(200);
        assertThat(srt.body()).isEqualTo("1\n00:00:00,000 --> 00:00:01,500\nhello\n\n"
                + "2\n00:00:01,500 --> 00:01:01,200\nthere\n\n");
        assertThat(srt.headers().firstValue("x-tollgate-cost-usd")).hasValue("0.0062");
        HttpResponse<String> vtt = node.postForm("/v1/audio/transcriptions", Forms.audio(AUDIO,
                "model", "openai/whisper-1", "response_format", "vtt"), "x-api-key", RICH);
        assertThat(vtt.body()).startsWith("WEBVTT\n\n00:00:00.000 --> 00:00:01.500\nhello\n\n");
        assertThat(vtt.headers().firstValue("content-type")).hasValueSatisfying(t -> assertThat(t)
                .startsWith("text/vtt"));
        HttpResponse<String> text = node.postForm("/v1/audio/transcriptions", Forms.audio(AUDIO,
                "model", "openai/whisper-1", "response_format", "text"), "x-api-key", RICH);
        assertThat(text.body()).isEqualTo("hello there\n");
        assertThat(text.headers().firstValue("content-type")).hasValueSatisfying(t -> assertThat(t)
                .startsWith("text/plain"));
        assertThat(upstream.requestsSince(seen)).allSatisfy(r -> assertThat(r.body()).contains("verbose_json"));
    }

    @Test
    void shouldChargeGpt4oTranscribePerAudioPromptAndOutputToken() {
        HttpResponse<String> response = node.postForm("/v1/audio/transcriptions", Forms.audio(AUDIO,
                "model", "tok/gpt-4o-transcribe", "prompt", "A talk about lighthouses."), "x-api-key", RICH);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(TOKENS);
        // 1,000 audio tokens × $6/M + 20 text tokens × $2.50/M + 300 output tokens × $10/M = $0.00905
        assertThat(response.headers().firstValue("x-tollgate-cost-usd")).hasValue("0.00905");
        assertThat(node.loggedCost(response.headers())).isEqualByComparingTo(new BigDecimal("0.009050000"));
        List<MultipartForm.Part> parts = MultipartForm.read(upstream.last().headers().get("content-type"),
                upstream.last().body().getBytes(StandardCharsets.UTF_8)).parts();
        assertThat(field(parts, "model")).isEqualTo("gpt-4o-transcribe");
        assertThat(parts).noneMatch(p -> p.name().equals("response_format"));
    }

    @Test
    void shouldRelayAStreamedTranscriptionAndChargeTheUsageOfItsLastEvent() {
        HttpResponse<String> response = node.postForm("/v1/audio/transcriptions", Forms.audio(AUDIO,
                "model", "streaming/gpt-4o-mini-transcribe", "stream", "true"), "x-api-key", RICH);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(t -> assertThat(t)
                .startsWith("text/event-stream"));
        assertThat(response.body()).contains("\"delta\":\"hello\"", "\"delta\":\" there\"", "transcript.text.done");
        // 1,000 audio tokens × $3/M + 20 text tokens × $1.25/M + 300 output tokens × $5/M = $0.004525
        assertThat(response.body()).endsWith(": x-tollgate-cost-usd=0.004525\n\n");
        assertThat(node.loggedCost(response.headers())).isEqualByComparingTo(new BigDecimal("0.004525"));
        List<MultipartForm.Part> parts = MultipartForm.read(upstream.last().headers().get("content-type"),
                upstream.last().body().getBytes(StandardCharsets.UTF_8)).parts();
        assertThat(field(parts, "stream")).isEqualTo("true");
        assertThat(field(parts, "model")).isEqualTo("gpt-4o-mini-transcribe");
    }

    @Test
    void shouldTranslateAtTheSamePricePerSecond() {
        HttpResponse<String> response = node.postForm("/openai/v1/audio/translations", Forms.audio(AUDIO,
                "model", "openai/whisper-1"), "authorization", "Bearer " + RICH);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("x-tollgate-cost-usd")).hasValue("0.0062");
        assertThat(upstream.last().path()).isEqualTo("/v1/audio/translations");
    }

    @Test
    void shouldReserveABoundOfTheAudioAndRefuseWhatTheBudgetCannotHold() {
        // 10,000 bytes at 750 bytes/s bound 14 s: $0.0014 > $0.001
        HttpResponse<String> long1 = node.postForm("/v1/audio/transcriptions", Forms.audio(new byte[10_000],
                "model", "openai/whisper-1"), "authorization", "Bearer " + TIGHT);
        assertThat(long1.statusCode()).as(long1.body()).isEqualTo(402);
        assertThat(json(long1).at("/error/type").asText()).isNotEmpty();
        // a token model reserves its context window and its most output: 16,000 × $6/M + 2,000 × $10/M
        HttpResponse<String> tokens = node.postForm("/v1/audio/transcriptions", Forms.audio(AUDIO,
                "model", "tok/gpt-4o-mini-transcribe"), "authorization", "Bearer " + TIGHT);
        assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(402);
        HttpResponse<String> anonymous = node.postForm("/v1/audio/transcriptions", Forms.audio(AUDIO,
                "model", "openai/whisper-1"));
        assertThat(anonymous.statusCode()).as(anonymous.body()).isEqualTo(401);
        assertThat(upstream.requestsSince(seen)).isEmpty();
        // 30 bytes bound 1 s: $0.0001 fits, then is settled at the 62 s the upstream reports
        HttpResponse<String> shortOne = node.postForm("/v1/audio/transcriptions", Forms.audio(AUDIO,
                "model", "openai/whisper-1"), "authorization", "Bearer " + TIGHT);
        assertThat(shortOne.statusCode()).as(shortOne.body()).isEqualTo(200);
        assertThat(node.loggedCost(shortOne.headers())).isEqualByComparingTo(new BigDecimal("0.0062"));
    }

    @Test
    void shouldRefuseWhatIsNoAudioFormWith400InOpenAiShape() {
        Map<String, HttpResponse<String>> refused = Map.of(
                "json body", node.post("/v1/audio/transcriptions", "{\"model\":\"openai/whisper-1\"}",
                        "x-api-key", RICH),
                "no file", node.postForm("/v1/audio/transcriptions", new Forms.Form(("--b\r\nContent-Disposition: "
                        + "form-data; name=\"model\"\r\n\r\nopenai/whisper-1\r\n--b--\r\n")
                        .getBytes(StandardCharsets.UTF_8), "multipart/form-data; boundary=b"), "x-api-key", RICH),
                "no closing boundary", node.postForm("/v1/audio/transcriptions", new Forms.Form(("--b\r\n"
                        + "Content-Disposition: form-data; name=\"file\"; filename=\"a.mp3\"\r\n\r\nabc")
                        .getBytes(StandardCharsets.UTF_8), "multipart/form-data; boundary=b"), "x-api-key", RICH),
                "no boundary", node.postForm("/v1/audio/transcriptions", new Forms.Form(Forms.audio(AUDIO,
                        "model", "openai/whisper-1").body(), "multipart/form-data"), "x-api-key", RICH),
                "stream", node.postForm("/v1/audio/transcriptions", Forms.audio(AUDIO,
                        "model", "tok/gpt-4o-transcribe", "stream", "yes"), "x-api-key", RICH),
                "no model", node.postForm("/v1/audio/transcriptions", Forms.audio(AUDIO, "language", "en"),
                        "x-api-key", RICH));
        refused.forEach((what, response) -> {
            assertThat(response.statusCode()).as(what + ": " + response.body()).isEqualTo(400);
            assertThat(json(response).at("/error/type").asText()).as(what).isEqualTo("invalid_request_error");
            assertThat(json(response).at("/error/message").asText()).as(what).isNotEmpty();
        });
        assertThat(json(refused.get("stream")).at("/error/param").asText()).isEqualTo("stream");
        assertThat(json(refused.get("no file")).at("/error/param").asText()).isEqualTo("file");
        assertThat(upstream.requestsSince(seen)).isEmpty();
    }

    @Test
    void shouldServeTheOpenAiJavaSdk() {
        OpenAIClient openai = OpenAIOkHttpClient.builder().baseUrl(node.url() + "/v1").apiKey(RICH).maxRetries(0)
                .build();
        try {
            Transcription transcription = openai.audio().transcriptions().create(TranscriptionCreateParams.builder()
                    .file(AUDIO).model("tok/gpt-4o-transcribe").build()).asTranscription();
            assertThat(transcription.text()).isEqualTo("hello there");
            assertThat(transcription.usage()).isPresent();
        } finally {
            openai.close();
        }
        List<MultipartForm.Part> parts = MultipartForm.read(upstream.last().headers().get("content-type"),
                upstream.last().body().getBytes(StandardCharsets.UTF_8)).parts();
        assertThat(field(parts, "model")).isEqualTo("gpt-4o-transcribe");
        assertThat(parts.stream().filter(p -> p.name().equals("file")).map(MultipartForm.Part::content).findFirst()
                .map(data -> Arrays.equals(data, AUDIO))).isEqualTo(Optional.of(true));
    }

    private static String field(List<MultipartForm.Part> parts, String name) {
        return parts.stream().filter(p -> p.name().equals(name)).map(MultipartForm.Part::text).findFirst()
                .orElseThrow(() -> new AssertionError("no part " + name + " in " + parts));
    }
}
