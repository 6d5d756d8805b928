package io.tollgate.adapters.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.adapters.ErrorKind;
import io.tollgate.adapters.GatewayException;
import io.tollgate.adapters.translate.Fixtures;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Gemini error bodies. */
class GeminiErrorsTest {

    @Test
    void shouldKeepTheMessageStatusAndGoogleStatus() {
        GatewayException e = GeminiErrors.parse(400, Fixtures.bytes("gemini/error_invalid_argument.json"));

        assertThat(e.kind()).isEqualTo(ErrorKind.UPSTREAM_ERROR);
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.getMessage()).isEqualTo("Invalid JSON payload received. Unknown name \"foo\": Cannot find field.");
        assertThat(e.code()).contains("INVALID_ARGUMENT");
        assertThat(e.retryAfter()).isEmpty();
    }

    @Test
    void shouldReadTheRetryDelayOfAQuotaError() {
        GatewayException e = GeminiErrors.parse(429, Fixtures.bytes("gemini/error_resource_exhausted.json"));

        assertThat(e.status()).isEqualTo(429);
        assertThat(e.code()).contains("RESOURCE_EXHAUSTED");
        assertThat(e.retryAfter()).contains(Duration.ofSeconds(38));
        assertThat(GeminiErrors.kind("RESOURCE_EXHAUSTED")).isEqualTo(ErrorKind.RATE_LIMITED);
    }

    @Test
    void shouldDescribeABodyThatIsNotJson() {
        GatewayException e = GeminiErrors.parse(502, "<html>Bad Gateway</html>".getBytes(StandardCharsets.UTF_8));

        assertThat(e.getMessage()).isEqualTo("upstream answered HTTP 502: <html>Bad Gateway</html>");
        assertThat(e.code()).isEmpty();
    }

    @Test
    void shouldMapGoogleStatusesToKinds() {
        String[][] pairs = {{"INVALID_ARGUMENT", "INVALID_REQUEST"}, {"FAILED_PRECONDITION", "INVALID_REQUEST"},
                {"UNAUTHENTICATED", "AUTHENTICATION"}, {"PERMISSION_DENIED", "PERMISSION"},
                {"NOT_FOUND", "NOT_FOUND"}, {"UNAVAILABLE", "UNAVAILABLE"},
                {"DEADLINE_EXCEEDED", "UPSTREAM_TIMEOUT"}, {"INTERNAL", "UPSTREAM_ERROR"}};
        for (String[] pair : pairs) {
            assertThat(GeminiErrors.kind(pair[0])).as(pair[0]).isEqualTo(ErrorKind.valueOf(pair[1]));
        }
        assertThat(GeminiErrors.httpStatus("RESOURCE_EXHAUSTED")).isEqualTo(429);
        assertThat(GeminiErrors.httpStatus("INTERNAL")).isEqualTo(502);
    }
}
