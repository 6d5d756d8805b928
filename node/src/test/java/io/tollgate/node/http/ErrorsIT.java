package io.tollgate.node.http;

import static io.tollgate.node.testing.NodeHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.node.testing.FakeUpstream.Reply;
import io.tollgate.node.testing.Fixtures;
import io.tollgate.node.testing.GatewayIT;
import io.tollgate.node.testing.NodeHarness;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Every error the gateway answers, in the OpenAI shape on OpenAI routes and Anthropic's on the Anthropic route. */
class ErrorsIT extends GatewayIT {

    private static final List<String> LOGGED = new CopyOnWriteArrayList<>();
    private static final List<String> BODIES = new CopyOnWriteArrayList<>();
    private static final Handler CAPTURE = new Handler() {
        @Override
        public void publish(LogRecord record) {
            LOGGED.add(String.valueOf(record.getMessage()) + " " + java.util.Arrays.toString(record.getParameters())
                    + " " + (record.getThrown() == null ? "" : record.getThrown().toString()));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    static {
        // installed before the base class starts the node, so start-up lines are captured too
        Logger.getLogger("").addHandler(CAPTURE);
        Logger.getLogger("io.tollgate").setLevel(Level.FINE);
        CAPTURE.setLevel(Level.ALL);
    }

    @AfterAll
    static void checkNoSecretWasShown() {
        Logger.getLogger("").removeHandler(CAPTURE);
        for (String text : concat(LOGGED, BODIES)) {
            assertThat(text).doesNotContain(Fixtures.OPENAI_SECRET).doesNotContain(Fixtures.ANTHROPIC_SECRET);
        }
    }

    @Test
    void shouldRejectMalformedJsonWith400() {
        JsonNode error = openAiError(node.post("/v1/chat/completions", "{\"model\": "), 400);
        assertThat(error.path("type").asText()).isEqualTo("invalid_request_error");
        assertThat(error.path("message").asText()).contains("parse the JSON");
        JsonNode anthropic = anthropicError(node.post("/anthropic/v1/messages", "not json"), 400);
        assertThat(anthropic.path("type").asText()).isEqualTo("invalid_request_error");
    }

    @Test
    void shouldRejectMissingAndMistypedFieldsNamingTheParam() {
        assertThat(openAiError(node.post("/v1/chat/completions", "{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}"),
                400).path("param").asText()).isEqualTo("model");
        assertThat(openAiError(node.post("/v1/chat/completions", "{\"model\":\"mock/echo\"}"), 400).path("param")
                .asText()).isEqualTo("messages");
        assertThat(openAiError(node.post("/v1/chat/completions", "{\"model\":\"mock/echo\",\"messages\":\"hi\"}"), 400)
                .path("message").asText()).contains("must be an array");
        assertThat(openAiError(node.post("/v1/chat/completions", "{\"model\":\"mock/echo\",\"stream\":\"yes\","
                + "\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}"), 400).path("param").asText()).isEqualTo("stream");
        assertThat(openAiError(node.post("/v1/chat/completions", "{\"model\":42,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}"), 400).path("param").asText()).isEqualTo("model");
        assertThat(anthropicError(node.post("/anthropic/v1/messages", "{\"model\":\"claude/claude-test\","
                + "\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}"), 400).path("message").asText())
                .contains("max_tokens");
        assertThat(openAiError(node.post("/v1/embeddings", "{\"model\":\"mock/e\"}"), 400).path("param").asText())
                .isEqualTo("input");
    }

    @Test
    void shouldAnswer404ForUnknownProviderModelOrRoute() {
        JsonNode provider = openAiError(node.post("/v1/chat/completions", "{\"model\":\"nope/gpt-4o\","
                + "\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}"), 404);
        assertThat(provider.path("message").asText()).contains("Unknown provider 'nope'").contains("mock");
        assertThat(provider.path("code").asText()).isEqualTo("model_not_found");
        JsonNode model = openAiError(node.post("/v1/chat/completions", "{\"model\":\"totally-unknown\","
                + "\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}"), 404);
        assertThat(model.path("message").asText()).contains("provider/model");
        JsonNode anthropic = anthropicError(node.post("/anthropic/v1/messages", "{\"model\":\"nope/x\","
                + "\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}"), 404);
        assertThat(anthropic.path("type").asText()).isEqualTo("not_found_error");
        openAiError(node.get("/v1/nothing-here"), 404);
        anthropicError(node.post("/anthropic/v1/other", "{}"), 404);
    }

    @Test
    void shouldAnswer413OverTheBodyLimit() {
        String big = "{\"model\":\"mock/echo\",\"messages\":[{\"role\":\"user\",\"content\":\"" + "x".repeat(5000)
                + "\"}]}";
        JsonNode error = openAiError(node.post("/v1/chat/completions", big), 413);
        assertThat(error.path("message").asText()).contains("4096");
        anthropicError(node.post("/anthropic/v1/messages", big), 413);
    }

    @Test
    void shouldAnswer502WhenTheUpstreamCannotBeReached() {
        JsonNode error = openAiError(node.post("/v1/chat/completions", "{\"model\":\"dead/gpt-4o\","
                + "\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}"), 502);
        assertThat(error.path("message").asText()).contains("'dead' could not be reached");
    }

    @Test
    void shouldAnswer504WhenTheUpstreamIsTooSlow() {
        upstream.on("/v1/messages", Reply.delayed(3_000, Reply.json(200, Fixtures.ANTHROPIC_MESSAGE)));
        JsonNode error = anthropicError(node.post("/anthropic/v1/messages", "{\"model\":\"claude/claude-test\","
                + "\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}"), 504);
        assertThat(error.path("message").asText()).contains("in time");
    }

    @Test
    void shouldKeepTheUpstreamsStatusAndMessage() {
        upstream.on("/v1/chat/completions", Reply.json(400, "{\"error\":{\"message\":\"This model's maximum context "
                + "length is 128000 tokens.\",\"type\":\"invalid_request_error\",\"param\":\"messages\","
                + "\"code\":\"context_length_exceeded\"}}"));
        JsonNode error = openAiError(node.post("/v1/chat/completions", "{\"model\":\"fake/gpt-test\","
                + "\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}"), 400);
        assertThat(error.path("message").asText()).contains("maximum context length");
        assertThat(error.path("type").asText()).isEqualTo("invalid_request_error");

        upstream.on("/v1/messages", Reply.json(529, "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\","
                + "\"message\":\"Overloaded\"}}"));
        JsonNode overloaded = anthropicError(node.post("/anthropic/v1/messages", "{\"model\":\"claude/claude-test\","
                + "\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}"), 529);
        assertThat(overloaded.path("type").asText()).isEqualTo("overloaded_error");
        assertThat(overloaded.path("message").asText()).isEqualTo("Overloaded");
        JsonNode translated = openAiError(node.post("/v1/chat/completions", "{\"model\":\"claude/claude-test\","
                + "\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}"), 529);
        assertThat(translated.path("message").asText()).isEqualTo("Overloaded");

        upstream.on("/v1/chat/completions", Reply.json(401, "{\"error\":{\"message\":\"Incorrect API key provided: "
                + "sk-fake-*****6789.\",\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}"));
        // the provider refused the gateway's key, not the client's: 502, the key is dead, the upstream's words kept
        JsonNode refused = openAiError(node.post("/v1/chat/completions", "{\"model\":\"fake/gpt-test\","
                + "\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}"), 502);
        assertThat(refused.path("code").asText()).isEqualTo("provider_keys_unavailable");
        assertThat(refused.path("message").asText()).contains("k1 dead").contains("Incorrect API key provided");
        node.node().cluster().keyHealth().revive("fake", "k1"); // the other tests of this node use the key
    }

    @Test
    void shouldExplainAProviderDisabledForAMissingKey() {
        try (NodeHarness defaults = NodeHarness.start("""
                server: { port: 0 }
                providers:
                  openai: { type: openai, keys: [ { name: k, value: "${OPENAI_API_KEY}" } ] }
                  mock: { type: mock }
                """)) {
            JsonNode error = openAiError(defaults.post("/v1/chat/completions", "{\"model\":\"openai/gpt-4o\","
                    + "\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}"), 404);
            assertThat(error.path("message").asText()).contains("disabled").contains("OPENAI_API_KEY");
        }
    }

    private static JsonNode openAiError(HttpResponse<String> response, int status) {
        BODIES.add(response.body());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonNode body = json(response);
        assertThat(body.has("error")).as(response.body()).isTrue();
        assertThat(body.path("error").has("message") && body.path("error").has("type")
                && body.path("error").has("code") && body.path("error").has("param")).as(response.body()).isTrue();
        return body.path("error");
    }

    private static JsonNode anthropicError(HttpResponse<String> response, int status) {
        BODIES.add(response.body());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonNode body = json(response);
        assertThat(body.path("type").asText()).as(response.body()).isEqualTo("error");
        assertThat(body.at("/error/type").isTextual() && body.at("/error/message").isTextual()).isTrue();
        return body.path("error");
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new java.util.ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
