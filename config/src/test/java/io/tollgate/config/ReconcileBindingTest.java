package io.tollgate.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReconcileBindingTest {

    private static final String PROVIDERS = """
            providers:
              openai: { type: openai, keys: [ { name: k, value: sk-x } ] }
              claude: { type: anthropic, keys: [ { name: k, value: sk-y } ] }
              azure: { type: mock }
            """;

    @Test
    void shouldHaveNoSourcesWithoutASection() {
        assertThat(ConfigLoader.parse(PROVIDERS, "test", Map.of()).reconcile()).isEqualTo(ReconcileConfig.DEFAULT);
        assertThat(ReconcileConfig.DEFAULT.sources()).isEmpty();
    }

    @Test
    void shouldBindSourcesTakingTheTypeFromTheProvider() {
        TollgateConfig config = ConfigLoader.parse(PROVIDERS + """
                reconcile:
                  interval_ms: 60000
                  lookback_days: 2
                  sources:
                    - { provider: openai, admin_key: "${OPENAI_ADMIN_KEY}" }
                    - { provider: claude, admin_key: sk-ant-admin-literal-000, base_url: "http://127.0.0.1:9/" }
                    - { provider: azure, type: openai, admin_key: sk-admin-az-00000000 }
                """, "test", Map.of("OPENAI_ADMIN_KEY", "sk-admin-0123456789abcdef"));

        ReconcileConfig reconcile = config.reconcile();
        assertThat(reconcile.intervalMs()).isEqualTo(60_000);
        assertThat(reconcile.lookbackDays()).isEqualTo(2);
        assertThat(reconcile.sources()).extracting(ReconcileConfig.Source::provider, ReconcileConfig.Source::type,
                ReconcileConfig.Source::baseUrl).containsExactly(
                org.assertj.core.groups.Tuple.tuple("openai", ReconcileConfig.Type.OPENAI,
                        URI.create("https://api.openai.com")),
                org.assertj.core.groups.Tuple.tuple("claude", ReconcileConfig.Type.ANTHROPIC,
                        URI.create("http://127.0.0.1:9")),
                org.assertj.core.groups.Tuple.tuple("azure", ReconcileConfig.Type.OPENAI,
                        URI.create("https://api.openai.com")));
        assertThat(reconcile.sources().getFirst().adminKey().reveal()).isEqualTo("sk-admin-0123456789abcdef");
        assertThat(reconcile.toString()).doesNotContain("sk-admin-0123456789abcdef", "sk-ant-admin-literal-000");
    }

    @Test
    void shouldLeaveOutASourceWhoseKeyVariableIsUnset() {
        TollgateConfig config = ConfigLoader.parse(PROVIDERS + """
                reconcile: { sources: [ { provider: openai, admin_key: "${MISSING_ADMIN_KEY}" } ] }
                """, "test", Map.of());

        assertThat(config.reconcile().sources()).isEmpty();
        assertThat(config.warnings()).contains(
                "reconcile source 'openai' disabled: environment variable MISSING_ADMIN_KEY is not set");
    }

    @Test
    void shouldNameTheKeyOfABadSetting() {
        assertThatThrownBy(() -> ConfigLoader.parse(PROVIDERS + "reconcile: { lookback_days: 0 }\n", "test",
                Map.of())).hasMessage("test: reconcile.lookback_days: must be between 1 and 31, was 0");
        assertThatThrownBy(() -> ConfigLoader.parse(PROVIDERS
                + "reconcile: { sources: [ { provider: nope, admin_key: k } ] }\n", "test", Map.of()))
                .hasMessage("test: reconcile.sources[0].provider: no provider named 'nope' is configured");
        assertThatThrownBy(() -> ConfigLoader.parse(PROVIDERS
                + "reconcile: { sources: [ { provider: azure, admin_key: k } ] }\n", "test", Map.of()))
                .hasMessage("test: reconcile.sources[0].type: required for provider 'azure' of type mock;"
                        + " one of openai, anthropic");
    }
}
