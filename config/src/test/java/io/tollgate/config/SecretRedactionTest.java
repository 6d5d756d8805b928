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
    private static final String VIRTUAL_KEY = "tg-live-5e6f7a8b9c0d1e2f";

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

    @Test
    void shouldKeepVirtualKeyValuesAndTheStorePasswordOutOfToString() {
        TollgateConfig config = parse("""
                governance:
                  virtual_keys:
                    - { name: a, value: "${VK}" }
                    - { name: b, value: tg-literal-in-file-0001 }
                store: { url: "jdbc:postgresql://db/tollgate", password: "${DB_PASSWORD}" }
                """, Map.of("VK", VIRTUAL_KEY, "DB_PASSWORD", TOKEN));

        assertThat(config.governance().virtualKeys().getFirst().value().reveal()).isEqualTo(VIRTUAL_KEY);
        assertThat(config.store().password().map(Secret::reveal)).contains(TOKEN);
        assertThat(config.toString()).doesNotContain(VIRTUAL_KEY, "tg-literal-in-file-0001", TOKEN);
        assertThat(config.warnings()).isEmpty();
    }

    @Test
    void shouldKeepVirtualKeyValuesOutOfErrorMessages() {
        Map<String, String> env = Map.of("VK", VIRTUAL_KEY, "SHORT", "tg-short", "WRONG", KEY);
        String[] broken = {
            "governance: { virtual_keys: [ { name: a, value: \"${WRONG}\" } ] }",
            "governance: { virtual_keys: [ { name: a, value: " + KEY + " } ] }",
            "governance: { virtual_keys: [ { name: a, value: \"${SHORT}\" } ] }",
            "governance: { virtual_keys: [ { name: a, value: tg-short } ] }",
            "governance: { virtual_keys: [ { name: a, value: \"${VK}\" }, { name: b, value: \"${VK}\" } ] }",
            "governance: { virtual_keys: [ { name: a, value: " + VIRTUAL_KEY + ", wieght: 1 } ] }",
            "governance: { virtual_keys: [ { name: a, value: [ " + VIRTUAL_KEY + " ] } ] }",
            "governance: { virtual_keys: [ { name: a, value: { v: " + VIRTUAL_KEY + " } } ] }",
            "governance: { virtual_keys: [ { name: a, value: \"${" + VIRTUAL_KEY + "}\" } ] }",
            "governance: { virtual_keys: [ { name: a, value: \"${VK\" } ] }",
            "governance: { virtual_keys: [ { name: a, value: " + VIRTUAL_KEY + ", team: nope } ] }",
            "governance: { virtual_keys: [ { name: a, value: " + VIRTUAL_KEY + ", budgets: [ { max_limit: x } ] } ] }",
            "governance: { virtual_keys: [ { name: a, value: " + VIRTUAL_KEY + " ] }",
            "store: { password: [ " + VIRTUAL_KEY + " ] }",
            "store: { password: \"${VK\" }",
            "store: { url: \"postgresql://user:" + VIRTUAL_KEY + "@db/tollgate\" }",
            "store: { url: \"jdbc:mysql:db?password=" + VIRTUAL_KEY + "\" }",
        };
        for (String yaml : broken) {
            assertThat(failure(yaml, env)).as(yaml).doesNotContain(VIRTUAL_KEY, KEY, "tg-short");
        }
    }
}
