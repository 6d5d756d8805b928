package io.tollgate.config;

import static io.tollgate.config.ConfigFixtures.failure;
import static io.tollgate.config.ConfigFixtures.parse;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Key and token values never reach a message, a warning or a {@code toString}. */
class SecretRedactionTest {

    private static final String KEY = "sk-live-7f3a9c2e5d1b4a8f";
    private static final String TOKEN = "admin-9d8c7b6a5f4e3d2c";

    @Test
    void shouldKeepSecretsOutOfToString() {
        TollgateConfig config = parse("""
                admin: { token: "${TOKEN}" }
                providers:
                  o: { type: openai, keys: [ { name: a, value: "${KEY}" } ] }
                  p: { type: anthropic, keys: [ { name: b, value: literal-key-in-file-0001 } ] }
                """, Map.of("KEY", KEY, "TOKEN", TOKEN));

        assertThat(config.providers().get("o").keys().getFirst().value().reveal()).isEqualTo(KEY);
        assertThat(config.toString()).doesNotContain(KEY, TOKEN, "literal-key-in-file-0001");
    }

    @Test
    void shouldKeepSecretsOutOfWarnings() {
        TollgateConfig config = parse("""
                providers:
                  o: { type: openai, keys: [ { name: a, value: "${KEY}" }, { name: b, value: "${MISSING}" } ] }
                """, Map.of("KEY", KEY));

        assertThat(config.warnings()).hasSize(1);
        assertThat(String.join("\n", config.warnings())).doesNotContain(KEY);
        assertThat(config.toString()).doesNotContain(KEY);
    }

    @Test
    void shouldKeepSecretsOutOfErrorMessages() {
        Map<String, String> env = Map.of("KEY", KEY);
        String[] broken = {
            "providers: { o: { type: openai, keys: [ { name: a, value: \"${KEY}\", weight: x } ] } }",
            "providers: { o: { type: openai, keys: [ { name: a, value: \"${KEY}\" }, { name: a, value: \"${KEY}\" } ] } }",
            "providers: { o: { type: openai, keys: [ { name: a, value: \"${KEY\" } ] } }",
            "providers: { o: { type: openai, keys: [ { name: a, value: \"${" + KEY + "}\" } ] } }",
            "providers: { o: { type: openai, keys: [ { name: a, value: " + KEY + ", wieght: 1 } ] } }",
            "admin: { token: [ \"" + KEY + "\" ] }",
            "providers: { o: { type: openai, keys: [ { name: a, value: [ " + KEY + " ] } ] } }",
            "providers: { o: { type: openai, keys: [ { name: a, value: " + KEY + " ] } }",
        };
        for (String yaml : broken) {
            assertThat(failure(yaml, env)).as(yaml).doesNotContain(KEY);
        }
    }
}
