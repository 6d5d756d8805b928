package io.tollgate.adapters.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.adapters.GatewayException;
import io.tollgate.adapters.Json;
import io.tollgate.adapters.Usage;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class AnthropicBatchTest {

    @Test
    void shouldReadTheRequestsAndRenameEachModelWhenWrittenBack() {
        var body = Json.parseObject(("{\"requests\":[{\"custom_id\":\"x\",\"params\":{\"model\":\"an/claude-haiku-4-5\","
                + "\"max_tokens\":10,\"messages\":[]}},{\"custom_id\":\"y\",\"params\":{\"model\":\"an/claude-opus-4-1\","
                + "\"max_tokens\":5,\"messages\":[]}}]}").getBytes(StandardCharsets.UTF_8));

        assertThat(AnthropicBatch.read(body)).extracting(BatchLine::model)
                .containsExactly("an/claude-haiku-4-5", "an/claude-opus-4-1");
        var written = AnthropicBatch.write(body, model -> model.substring(3));
        assertThat(written.at("/requests/0/params/model").asText()).isEqualTo("claude-haiku-4-5");
        assertThat(written.at("/requests/1/params/model").asText()).isEqualTo("claude-opus-4-1");
        assertThat(body.at("/requests/0/params/model").asText()).isEqualTo("an/claude-haiku-4-5");
    }

    @Test
    void shouldRefuseBadRequestsNamingTheField() {
        assertRefused("{\"requests\":[]}", "requests");
        assertRefused("{\"requests\":[{\"custom_id\":\"x\",\"params\":{\"max_tokens\":1}}]}",
                "requests.0.params.model");
        assertRefused("{\"requests\":[{\"custom_id\":\"x\",\"params\":{\"model\":\"m\"}}]}",
                "requests.0.params.max_tokens");
        assertRefused("{\"requests\":[{\"custom_id\":\"x\",\"params\":{\"model\":\"m\",\"max_tokens\":1}},"
                + "{\"custom_id\":\"x\",\"params\":{\"model\":\"m\",\"max_tokens\":1}}]}", "requests.1.custom_id");
        assertRefused("{\"requests\":[{\"custom_id\":\"x\",\"params\":{\"model\":\"m\",\"max_tokens\":1,"
                + "\"stream\":true}}]}", "requests.0.params.stream");
    }

    private static void assertRefused(String json, String param) {
        assertThatThrownBy(() -> AnthropicBatch.read(Json.parseObject(json.getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(GatewayException.class)
                .satisfies(e -> assertThat(((GatewayException) e).param()).contains(param));
    }

    @Test
    void shouldReadSucceededLinesWithTheirUsageAndOthersAsFailedWithNone() {
        BatchResults results = AnthropicBatch.results(("""
                {"custom_id":"x","result":{"type":"succeeded","message":{"model":"claude-haiku-4-5","usage":{"input_tokens":100,"output_tokens":50,"cache_read_input_tokens":1000,"cache_creation_input_tokens":200}}}}
                {"custom_id":"z","result":{"type":"expired"}}
                garbage
                """).getBytes(StandardCharsets.UTF_8));

        assertThat(results.unreadable()).isEqualTo(1);
        assertThat(results.lines().get(0).usage()).isEqualTo(new Usage(100, 1000, 200, 0, 50, 0));
        assertThat(results.lines().get(0).model()).contains("claude-haiku-4-5");
        assertThat(results.lines().get(1).status()).isEqualTo(500);
        assertThat(results.lines().get(1).usage()).isEqualTo(Usage.ZERO);
    }
}
