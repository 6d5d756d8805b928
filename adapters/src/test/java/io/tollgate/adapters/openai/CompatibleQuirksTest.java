package io.tollgate.adapters.openai;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.adapters.Json;
import io.tollgate.config.ProviderType;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Bodies rewritten only for the servers that refuse parts of OpenAI's format, and only then parsed. */
class CompatibleQuirksTest {

    private static final byte[] STREAMED = """
            {"model":"m","messages":[{"role":"user","content":"hi"}],"stream":true,
             "stream_options":{"include_usage":true},"max_completion_tokens":64}""".getBytes(StandardCharsets.UTF_8);

    @Test
    void shouldDropStreamOptionsAndRenameTheCapForMistral() {
        var body = Json.parseObject(CompatibleQuirks.apply(ProviderType.MISTRAL, STREAMED));

        assertThat(body.has("stream_options")).isFalse();
        assertThat(body.has("max_completion_tokens")).isFalse();
        assertThat(body.path("max_tokens").asInt()).isEqualTo(64);
        assertThat(body.path("stream").asBoolean()).isTrue();
        assertThat(body.path("messages")).hasSize(1);
    }

    @Test
    void shouldLeaveOpenAiAndAskingPresetsUntouched() {
        assertThat(CompatibleQuirks.apply(ProviderType.OPENAI, STREAMED)).isSameAs(STREAMED);
        assertThat(CompatibleQuirks.apply(ProviderType.GROQ, STREAMED)).isSameAs(STREAMED);
        byte[] plain = "{\"model\":\"m\",\"max_tokens\":5}".getBytes(StandardCharsets.UTF_8);
        assertThat(CompatibleQuirks.apply(ProviderType.MISTRAL, plain)).as("nothing to change: not parsed")
                .isSameAs(plain);
    }

    @Test
    void shouldRenameTheCapForServersThatReadMaxTokensButKeepStreamOptions() {
        var body = Json.parseObject(CompatibleQuirks.apply(ProviderType.DEEPSEEK, STREAMED));

        assertThat(body.path("stream_options").path("include_usage").asBoolean()).isTrue();
        assertThat(body.path("max_tokens").asInt()).isEqualTo(64);
        assertThat(body.has("max_completion_tokens")).isFalse();
    }

    @Test
    void shouldKeepAnExplicitMaxTokensOverTheRenamedCap() {
        byte[] both = "{\"max_tokens\":10,\"max_completion_tokens\":64}".getBytes(StandardCharsets.UTF_8);

        assertThat(Json.parseObject(CompatibleQuirks.apply(ProviderType.TOGETHER, both)).path("max_tokens").asInt())
                .isEqualTo(10);
    }
}
