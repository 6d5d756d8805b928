package io.tollgate.adapters.translate;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.adapters.Dialect;
import io.tollgate.adapters.ErrorKind;
import io.tollgate.adapters.GatewayException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class UpstreamErrorsTest {

    @Test
    void shouldReadAnOpenAiErrorBody() {
        GatewayException e = UpstreamErrors.parse(429, Fixtures.bytes("openai/error_rate_limit.json"), Dialect.OPENAI);

        assertThat(e.kind()).isEqualTo(ErrorKind.UPSTREAM_ERROR);
        assertThat(e.status()).isEqualTo(429);
        assertThat(e.getMessage()).startsWith("Rate limit reached for gpt-4o in organization org-abc");
        assertThat(e.upstreamType()).contains("tokens");
    }

    @Test
    void shouldReadAnAnthropicErrorBody() {
        GatewayException e = UpstreamErrors.parse(529, Fixtures.bytes("anthropic/error_overloaded.json"),
                Dialect.ANTHROPIC);

        assertThat(e.status()).isEqualTo(529);
        assertThat(e.getMessage()).isEqualTo("Overloaded");
        assertThat(e.upstreamType()).contains("overloaded_error");
    }

    @Test
    void shouldMaskAnApiKeyTheUpstreamEchoes() {
        GatewayException e = UpstreamErrors.parse(401, Fixtures.bytes("openai/error_invalid_api_key.json"),
                Dialect.OPENAI);

        assertThat(e.getMessage()).isEqualTo("Incorrect API key provided: sk-***. You can find your API key at "
                + "https://platform.openai.com/account/api-keys.");
        assertThat(e.upstreamType()).contains("invalid_request_error");
    }

    @Test
    void shouldUseTheCodeWhenAnOpenAiErrorHasNoType() {
        byte[] body = "{\"error\": {\"message\": \"model overloaded\", \"type\": null, \"code\": \"overloaded\"}}"
                .getBytes(StandardCharsets.UTF_8);

        assertThat(UpstreamErrors.parse(503, body, Dialect.OPENAI).upstreamType()).contains("overloaded");
    }

    @Test
    void shouldReadLooserShapesOfCompatibleServers() {
        assertThat(UpstreamErrors.parse(400, bytes("{\"error\": \"model 'x' not found\"}"), Dialect.OPENAI)
                .getMessage()).isEqualTo("model 'x' not found");
        assertThat(UpstreamErrors.parse(422, bytes("{\"detail\": \"Field required\"}"), Dialect.OPENAI)
                .getMessage()).isEqualTo("Field required");
        assertThat(UpstreamErrors.parse(404, bytes("{\"message\": \"Not Found\"}"), Dialect.OPENAI)
                .getMessage()).isEqualTo("Not Found");
    }

    @Test
    void shouldQuoteAtMost200CharactersOfABodyThatIsNotJson() {
        String html = "<html>\n<head><title>502 Bad Gateway</title></head>" + "x".repeat(1000);

        GatewayException e = UpstreamErrors.parse(502, bytes(html), Dialect.ANTHROPIC);

        String prefix = "upstream answered HTTP 502: ";
        assertThat(e.getMessage()).startsWith(prefix + "<html> <head><title>502 Bad Gateway</title></head>xxx");
        assertThat(e.getMessage().length() - prefix.length()).isEqualTo(UpstreamErrors.SNIPPET_CHARS);
        assertThat(e.upstreamType()).isEmpty();
    }

    @Test
    void shouldDescribeAnEmptyBody() {
        assertThat(UpstreamErrors.parse(500, new byte[0], Dialect.OPENAI).getMessage())
                .isEqualTo("upstream answered HTTP 500 with an empty body");
    }

    @Test
    void shouldDeriveStreamErrorStatusesFromAnthropicTypes() {
        assertThat(UpstreamErrors.anthropicStatus("overloaded_error")).isEqualTo(503);
        assertThat(UpstreamErrors.anthropicStatus("rate_limit_error")).isEqualTo(429);
        assertThat(UpstreamErrors.anthropicStatus("api_error")).isEqualTo(502);
        assertThat(UpstreamErrors.anthropicStatus("invalid_request_error")).isEqualTo(400);
        assertThat(UpstreamErrors.anthropicStatus("something_new")).isEqualTo(502);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
