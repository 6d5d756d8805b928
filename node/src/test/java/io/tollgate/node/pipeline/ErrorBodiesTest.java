package io.tollgate.node.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.adapters.Dialect;
import io.tollgate.adapters.ErrorKind;
import io.tollgate.adapters.GatewayException;
import io.tollgate.adapters.Json;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class ErrorBodiesTest {

    @Test
    void shouldWriteTheOpenAiShapeWithParamAndCode() throws IOException {
        JsonNode body = Json.MAPPER.readTree(ErrorBodies.body(Dialect.OPENAI,
                GatewayException.invalid("messages", "bad").withCode("x")));
        assertThat(body.toString()).isEqualTo(
                "{\"error\":{\"message\":\"bad\",\"type\":\"invalid_request_error\",\"param\":\"messages\",\"code\":\"x\"}}");
    }

    @Test
    void shouldWriteTheAnthropicShape() throws IOException {
        JsonNode body = Json.MAPPER.readTree(ErrorBodies.body(Dialect.ANTHROPIC,
                GatewayException.of(ErrorKind.PAYLOAD_TOO_LARGE, "too big")));
        assertThat(body.toString()).isEqualTo(
                "{\"type\":\"error\",\"error\":{\"type\":\"request_too_large\",\"message\":\"too big\"}}");
    }

    @Test
    void shouldMapUpstreamTypesIntoTheClientsDialect() throws IOException {
        GatewayException openAiServerError = GatewayException.upstream(500, "boom", "server_error");
        assertThat(Json.MAPPER.readTree(ErrorBodies.body(Dialect.ANTHROPIC, openAiServerError)).at("/error/type")
                .asText()).isEqualTo("api_error");
        assertThat(Json.MAPPER.readTree(ErrorBodies.body(Dialect.OPENAI, openAiServerError)).at("/error/type")
                .asText()).isEqualTo("server_error");
        GatewayException overloaded = GatewayException.upstream(529, "Overloaded", "overloaded_error");
        assertThat(Json.MAPPER.readTree(ErrorBodies.body(Dialect.ANTHROPIC, overloaded)).at("/error/type").asText())
                .isEqualTo("overloaded_error");
        GatewayException untyped = GatewayException.upstream(429, "slow down", "");
        assertThat(Json.MAPPER.readTree(ErrorBodies.body(Dialect.OPENAI, untyped)).at("/error/type").asText())
                .isEqualTo("rate_limit_error");
    }

    @Test
    void shouldNameStreamErrorEventsInTheAnthropicDialectOnly() {
        GatewayException e = GatewayException.of(ErrorKind.UPSTREAM_TIMEOUT, "late");
        assertThat(ErrorBodies.event(Dialect.ANTHROPIC, e).event()).isEqualTo("error");
        assertThat(ErrorBodies.event(Dialect.OPENAI, e).hasName()).isFalse();
        assertThat(ErrorBodies.event(Dialect.OPENAI, e).data()).contains("\"upstream_timeout\"");
    }
}
