package io.tollgate.adapters.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.adapters.GatewayException;
import io.tollgate.adapters.Usage;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class OpenAiBatchFileTest {

    private static final String LINE = "{\"custom_id\":\"%s\",\"method\":\"POST\",\"url\":\"%s\",\"body\":{\"model\":"
            + "\"%s\",\"messages\":[]}}";

    private static byte[] file(String... lines) {
        return String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
    }

    private static String line(String id, String url, String model) {
        return LINE.formatted(id, url, model);
    }

    @Test
    void shouldReadEveryLineAndRenameItsModelWhenWrittenBack() {
        OpenAiBatchFile.Input input = OpenAiBatchFile.read(file(line("a", "/v1/chat/completions", "oa/gpt-4o-mini"),
                "", line("b", "/v1/chat/completions", "oa/gpt-4o-mini"), ""));

        assertThat(input.endpoint()).isEqualTo("/v1/chat/completions");
        assertThat(input.lines()).extracting(BatchLine::customId).containsExactly("a", "b");
        assertThat(input.lines()).extracting(BatchLine::model).containsOnly("oa/gpt-4o-mini");
        String written = new String(OpenAiBatchFile.write(input, model -> model.substring(3)), StandardCharsets.UTF_8);
        assertThat(written.split("\n")).hasSize(2).allSatisfy(text -> assertThat(text)
                .contains("\"model\":\"gpt-4o-mini\"").contains("\"url\":\"/v1/chat/completions\""));
        assertThat(input.lines().get(0).body().path("model").asText()).as("the input is left as it was")
                .isEqualTo("oa/gpt-4o-mini");
    }

    @Test
    void shouldRefuseABadLineNamingItsNumber() {
        assertRefused(file(line("a", "/v1/chat/completions", "m"), "{oops"), "Line 2 of the batch input file is "
                + "not valid JSON.");
        assertRefused(file(line("a", "/v1/chat/completions", "m"), line("a", "/v1/chat/completions", "m")),
                "Line 2 of the batch input file repeats custom_id 'a'.");
        assertRefused(file(line("a", "/v1/chat/completions", "m"), line("b", "/v1/embeddings", "m")),
                "Line 2 of the batch input file calls /v1/embeddings but the lines before call "
                        + "/v1/chat/completions; a batch calls one endpoint.");
        assertRefused(file(line("a", "/v1/images/generations", "m")), "Line 1 of the batch input file url must be");
        assertRefused(file("{\"custom_id\":\"a\",\"method\":\"POST\",\"url\":\"/v1/chat/completions\","
                + "\"body\":{\"model\":\"m\",\"stream\":true}}"), "asks to stream");
        assertRefused(file("", " "), "The batch input file holds no requests.");
    }

    private static void assertRefused(byte[] file, String message) {
        assertThatThrownBy(() -> OpenAiBatchFile.read(file)).isInstanceOf(GatewayException.class)
                .hasMessageContaining(message)
                .satisfies(e -> assertThat(((GatewayException) e).param()).contains("file"));
    }

    @Test
    void shouldReadResultLinesWithTheirUsageAndCountUnreadableOnes() {
        BatchResults results = OpenAiBatchFile.results(file(
                "{\"custom_id\":\"a\",\"response\":{\"status_code\":200,\"body\":{\"model\":\"gpt-4o-mini-2024-07-18\","
                        + "\"usage\":{\"prompt_tokens\":1000,\"completion_tokens\":500,"
                        + "\"prompt_tokens_details\":{\"cached_tokens\":200}}}}}",
                "{\"custom_id\":\"b\",\"response\":null,\"error\":{\"code\":\"batch_expired\"}}",
                "{\"custom_id\":\"c\",\"response\":{\"status_code\":200,\"body\":{\"object\":\"response\","
                        + "\"usage\":{\"input_tokens\":10,\"output_tokens\":4}}}}",
                "not json", "{\"no_id\":1}"));

        assertThat(results.unreadable()).isEqualTo(2);
        assertThat(results.lines()).hasSize(3);
        BatchResult a = results.lines().get(0);
        assertThat(a.model()).contains("gpt-4o-mini-2024-07-18");
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.usage()).isEqualTo(new Usage(800, 200, 0, 0, 500, 0));
        assertThat(results.lines().get(1).status()).isEqualTo(500);
        assertThat(results.lines().get(1).usage()).isEqualTo(Usage.ZERO);
        assertThat(results.lines().get(2).usage().inputTokens()).isEqualTo(10);
        assertThat(results.lines().get(2).usage().outputTokens()).isEqualTo(4);
    }
}
