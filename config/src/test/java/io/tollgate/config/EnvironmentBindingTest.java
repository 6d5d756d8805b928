package io.tollgate.config;

import static io.tollgate.config.ConfigFixtures.failure;
import static io.tollgate.config.ConfigFixtures.parse;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How {@code ${NAME}} references bind: where an unset variable disables, warns, or fails. */
class EnvironmentBindingTest {

    private static final String OPENAI = """
            providers:
              openai:
                type: openai
                keys:
                  - name: primary
                    value: ${OPENAI_API_KEY}
            """;

    @Test
    void shouldSubstituteInEveryScalarString() {
        TollgateConfig config = parse("""
                server: { host: "${HOST}", port: "${PORT:-8181}", max_body_bytes: "${BODY}" }
                providers:
                  o:
                    type: "${TYPE}"
                    base_url: https://${HOST}/v1
                    keys: [ { name: "${KEY_NAME:-k1}", value: "Bearer ${SECRET}", weight: "${WEIGHT}" } ]
                    headers: { x-team: "team-${TEAM:-none}" }
                """, Map.of("HOST", "10.0.0.1", "BODY", "2048", "TYPE", "openai", "SECRET", "s3", "WEIGHT", "4"));

        assertThat(config.server()).isEqualTo(new ServerConfig("10.0.0.1", 8181, 2048));
        ProviderConfig provider = config.providers().get("o");
        assertThat(provider.type()).isEqualTo(ProviderType.OPENAI);
        assertThat(provider.baseUrl()).isEqualTo("https://10.0.0.1/v1");
        assertThat(provider.keys()).containsExactly(new ProviderKey("k1", new Secret("Bearer s3"), 4));
        assertThat(provider.headers()).containsExactly(Map.entry("x-team", "team-none"));
    }

    @Test
    void shouldDisableAProviderWhoseKeyVariableIsUnset() {
        TollgateConfig config = parse(OPENAI, Map.of());

        ProviderConfig openai = config.providers().get("openai");
        assertThat(openai.enabled()).isFalse();
        assertThat(openai.disabledReason()).contains("OPENAI_API_KEY is not set");
        assertThat(openai.keys()).isEmpty();
        assertThat(config.warnings())
                .containsExactly("provider 'openai' disabled: environment variable OPENAI_API_KEY is not set");
    }

    @Test
    void shouldDisableAProviderWhoseKeyVariableIsSetButEmpty() {
        TollgateConfig config = parse(OPENAI, Map.of("OPENAI_API_KEY", ""));

        assertThat(config.providers().get("openai").disabledReason()).contains("OPENAI_API_KEY is not set");
        assertThat(config.warnings())
                .containsExactly("provider 'openai' disabled: environment variable OPENAI_API_KEY is not set");
    }

    @Test
    void shouldDisableAProviderWhenAnyOfItsKeysIsUnset() {
        TollgateConfig config = parse("""
                providers:
                  o:
                    type: openai
                    keys: [ { name: a, value: "${KEY_A}" }, { name: b, value: "${KEY_B}" } ]
                """, Map.of("KEY_A", "set"));

        assertThat(config.providers().get("o").disabledReason()).contains("KEY_B is not set");
        assertThat(config.providers().get("o").keys()).isEmpty();
    }

    @Test
    void shouldDisableAProviderWhoseKeyFallsBackToEmpty() {
        TollgateConfig config = parse("providers: { o: { type: openai, keys: [ { name: a, value: \"${K:-}\" } ] } }");

        assertThat(config.providers().get("o").disabledReason()).contains("K is not set");
    }

    @Test
    void shouldStillValidateTheKeysOfADisabledProvider() {
        assertThat(failure("providers: { o: { type: openai, keys: [ { name: a, value: \"${K}\", weight: 0 } ] } }"))
                .isEqualTo("test.yaml: providers.o.keys[0].weight: must be at least 1, was 0");
    }

    @Test
    void shouldDropTheAdminTokenWithAWarningWhenItsVariableIsUnsetOrEmpty() {
        for (Map<String, String> env : List.of(Map.<String, String>of(), Map.of("ADMIN", ""))) {
            TollgateConfig config = parse("admin: { token: \"${ADMIN}\" }", env);

            assertThat(config.admin()).isEqualTo(AdminConfig.NONE);
            assertThat(config.warnings()).containsExactly("admin token disabled: environment variable ADMIN is not set, "
                    + "so only admin tokens created through the API (if any) are accepted");
        }
    }

    @Test
    void shouldDropTheAdminTokenSilentlyWhenItFallsBackToEmpty() {
        TollgateConfig config = parse("admin: { token: \"${ADMIN:-}\" }", Map.of());

        assertThat(config.admin()).isEqualTo(AdminConfig.NONE);
        assertThat(config.warnings()).isEmpty();
    }

    @Test
    void shouldReadTheAdminTokenFromTheEnvironment() {
        TollgateConfig config = parse("admin: { token: \"${ADMIN}\" }", Map.of("ADMIN", "let-me-in"));

        assertThat(config.admin().token().map(Secret::reveal)).contains("let-me-in");
    }

    @Test
    void shouldFailOnAnUnsetVariableAnywhereElse() {
        assertThat(failure("providers: { o: { type: openai, base_url: \"${BASE}\", keys: [ { name: a, value: k } ] } }"))
                .isEqualTo("test.yaml: providers.o.base_url: environment variable BASE is not set");
        assertThat(failure("server: { port: \"${PORT}\" }"))
                .isEqualTo("test.yaml: server.port: environment variable PORT is not set");
        assertThat(failure("providers: { o: { type: mock, headers: { x-a: \"v-${V}\" } } }"))
                .isEqualTo("test.yaml: providers.o.headers.x-a: environment variable V is not set");
    }

    @Test
    void shouldTreatASetButEmptyVariableElsewhereAsEmptyText() {
        assertThat(failure("server: { host: \"${HOST}\" }", Map.of("HOST", "")))
                .isEqualTo("test.yaml: server.host: must not be blank");
    }

    @Test
    void shouldReportAMalformedReferenceWithItsPath() {
        assertThat(failure("server: { host: \"${HOST\" }"))
                .isEqualTo("test.yaml: server.host: unterminated '${' (a reference is ${NAME} or ${NAME:-fallback})");
    }

    @Test
    void shouldReportANonNumberFromTheEnvironment() {
        assertThat(failure("server: { port: \"${PORT}\" }", Map.of("PORT", "http")))
                .isEqualTo("test.yaml: server.port: must be an integer, was \"http\"");
    }
}
