package io.tollgate.config;

import static io.tollgate.config.ConfigFixtures.failure;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every kind of binding error, with its exact message: source, path, problem. */
class ConfigErrorsTest {

    /** A valid openai provider whose first key element gets {@code extra} appended. */
    private static String openaiKey(String extra) {
        return "providers:\n  openai:\n    type: openai\n    keys:\n      - { name: primary, value: sk-x" + extra + " }\n";
    }

    @Test
    void shouldRejectANonIntegerWeight() {
        assertThat(failure(openaiKey(", weight: heavy")))
                .isEqualTo("test.yaml: providers.openai.keys[0].weight: must be an integer, was \"heavy\"");
        assertThat(failure(openaiKey(", weight: 1.5")))
                .isEqualTo("test.yaml: providers.openai.keys[0].weight: must be an integer, was 1.5");
        assertThat(failure(openaiKey(", weight: true")))
                .isEqualTo("test.yaml: providers.openai.keys[0].weight: must be an integer, was true");
    }

    @Test
    void shouldRejectAWeightTheRecordRefuses() {
        assertThat(failure(openaiKey(", weight: 0")))
                .isEqualTo("test.yaml: providers.openai.keys[0].weight: must be at least 1, was 0");
        assertThat(failure(openaiKey(", weight: 3000000000")))
                .isEqualTo("test.yaml: providers.openai.keys[0].weight: "
                        + "must be between -2147483648 and 2147483647, was 3000000000");
    }

    @Test
    void shouldSuggestTheKnownKeyForAMisspeltOne() {
        assertThat(failure(openaiKey(", wieght: 2")))
                .isEqualTo("test.yaml: providers.openai.keys[0]: unknown key 'wieght', did you mean 'weight'?");
        assertThat(failure("server: { prot: 1 }"))
                .isEqualTo("test.yaml: server: unknown key 'prot', did you mean 'port'?");
        assertThat(failure("providers: { openai: { type: openai, base_ulr: x } }"))
                .isEqualTo("test.yaml: providers.openai: unknown key 'base_ulr', did you mean 'base_url'?");
    }

    @Test
    void shouldListTheAllowedKeysForAnUnknownKeyWithNoNearMatch() {
        assertThat(failure("colour: red"))
                .isEqualTo("test.yaml: unknown key 'colour', expected one of: admin, alerts, cache, cluster, governance, log_export, logging, pricing, providers, reconcile, server, store");
        assertThat(failure("admin: { password: x }"))
                .isEqualTo("test.yaml: admin: unknown key 'password', expected one of: login_failures_per_minute, token");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "server: x                                  | server: must be a map, was \"x\"",
        "server: [1, 2]                             | server: must be a map, was a list",
        "providers: [ openai ]                      | providers: must be a map, was a list",
        "providers: { o: { type: openai, keys: k } } | providers.o.keys: must be a list, was \"k\"",
        "server: { port: 80.5 }                     | server.port: must be an integer, was 80.5",
        "server: { port: '' }                       | server.port: must be an integer, was \"\"",
        "server: { host: 10 }                       | server.host: must be a string, was 10",
        "server: { host: }                          | server.host: must be a string, was empty",
        "server: { port: 70000 }                    | server.port: must be between 0 and 65535, was 70000",
        "server: { max_body_bytes: 0 }              | server.max_body_bytes: must be at least 1, was 0",
        "server: { header_timeout_ms: 0 }           | server.header_timeout_ms: must be at least 1, was 0",
        "server: { idle_timeout_ms: -5 }            | server.idle_timeout_ms: must be at least 1, was -5",
        "server: { port: '1e-100000000' }           | server.port: must be an integer, was a number with an exponent beyond 10000 either way",
        "server: { host: ' ' }                      | server.host: must not be blank",
        "providers: { o: { base_url: 'http://x' } } | providers.o.type: is required",
        "providers: { o: { type: opnai } }          | providers.o.type: must be one of openai, anthropic, groq, mistral, together, openrouter, deepseek, fireworks, ollama, vllm, gemini, bedrock, vertex, mock, was \"opnai\", did you mean 'openai'?",
        "providers: { o: { type: cohere } }         | providers.o.type: must be one of openai, anthropic, groq, mistral, together, openrouter, deepseek, fireworks, ollama, vllm, gemini, bedrock, vertex, mock, was \"cohere\"",
        "providers: { o: { type: openai } }         | providers.o.keys: must list at least one key for type openai",
        "providers: { o: { type: openai, keys: [] } } | providers.o.keys: must list at least one key for type openai",
        "providers: { 'bad name': { type: mock } }  | providers.bad name: provider name must be letters, digits, '.', '_' or '-', was 'bad name'",
        "providers: { m: { type: mock, base_url: 'http://x' } } | providers.m.base_url: is not used by type mock",
        "providers: { a: { type: anthropic, api_version: v1 } } | providers.a.api_version: is only allowed for type openai",
        "providers: { a: { type: openai, mock: {} } } | providers.a.mock: is only allowed for type mock",
        "providers: { a: { type: openai, base_url: 'ftp://x' } } | providers.a.base_url: must start with http:// or https://, was \"ftp://x\"",
        "providers: { m: { type: mock, headers: { 'bad header': v } } } | providers.m.headers.bad header: is not a valid HTTP header name",
        "providers: { m: { type: mock, headers: { x-n: 5 } } } | providers.m.headers.x-n: must be a string, was 5",
        "providers: { m: { type: mock, timeouts: { total_ms: 1000 } } } | providers.m.timeouts.total_ms: must be at least first_byte_ms (120000), was 1000",
        "providers: { m: { type: mock, timeouts: { connect_ms: 0 } } } | providers.m.timeouts.connect_ms: must be at least 1, was 0",
        "providers: { m: { type: mock, mock: { fail_status: 200 } } } | providers.m.mock.fail_status: must be 0 or 400..599, was 200",
        "providers: { m: { type: mock, mock: { latency_ms: -1 } } } | providers.m.mock.latency_ms: must not be negative, was -1",
        "providers: { m: { type: mock, mock: { key_fail_status: { k2: 200 } } } } | providers.m.mock.key_fail_status.k2: must be 400..599, was 200",
        "providers: { m: { type: mock, mock: { key_fail_status: { k2: x } } } } | providers.m.mock.key_fail_status.k2: must be an integer, was \"x\"",
        "providers: { m: { type: mock, keys: [ { value: v } ] } } | providers.m.keys[0].name: is required",
        "providers: { m: { type: mock, keys: [ { name: k } ] } } | providers.m.keys[0].value: is required",
        "providers: { m: { type: mock, keys: [ { name: '', value: v } ] } } | providers.m.keys[0].name: must not be blank",
        "providers: { m: { type: mock, keys: [ { name: k, value: '' } ] } } | providers.m.keys[0].value: must not be blank",
        "providers: { m: { type: mock, keys: [ { name: k, value: 12345 } ] } } | providers.m.keys[0].value: must be a string",
        "providers: { m: { type: mock, keys: [ k1 ] } } | providers.m.keys[0]: must be a map, was \"k1\"",
        "providers: { m: { type: mock, keys: [ { name: k, value: a }, { name: k, value: b } ] } } | providers.m.keys[1].name: duplicate key name 'k'",
        "admin: { token: '' }                       | admin.token: must not be blank (leave admin.token out for no token)",
    })
    void shouldReportTheProblemWithItsPath(String yaml, String expected) {
        assertThat(failure(yaml)).isEqualTo("test.yaml: " + expected);
    }

    @Test
    void shouldCarryThePathSeparatelyFromTheProblem() {
        ConfigException thrown = org.assertj.core.api.Assertions.catchThrowableOfType(ConfigException.class,
                () -> ConfigFixtures.parse(openaiKey(", weight: heavy")));

        assertThat(thrown.source()).isEqualTo("test.yaml");
        assertThat(thrown.path()).isEqualTo("providers.openai.keys[0].weight");
    }

    @Test
    void shouldHintAtQuotingAReferenceInsideAFlowMap() {
        assertThat(failure("admin: { token: ${TOKEN} }"))
                .isEqualTo("test.yaml: invalid YAML at line 1, column 18: while parsing a flow mapping: "
                        + "expected ',' or '}', but got { (inside { } or [ ], quote ${...} references: \"${NAME}\")");
    }
}
