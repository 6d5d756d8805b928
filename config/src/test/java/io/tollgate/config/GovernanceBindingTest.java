package io.tollgate.config;

import static io.tollgate.config.ConfigFixtures.parse;
import static io.tollgate.config.ConfigFixtures.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The {@code governance} and {@code store} sections bind every key, with their defaults. */
class GovernanceBindingTest {

    private static final Map<String, String> ENV = Map.of(
            "OPENAI_API_KEY", "sk-openai-value-123",
            "OPS_KEY", "tg-ops-abcdefghijkl",
            "TOLLGATE_DB_PASSWORD", "db-password-value");

    private static BudgetSpec budget(String maxLimit, String resetDuration) {
        return BudgetSpec.of(new BigDecimal(maxLimit), ResetDuration.parse(resetDuration));
    }

    @Test
    void shouldBindTheGovernanceSettings() {
        GovernanceConfig governance = parse(resource("governance-example.yaml"), ENV).governance();

        assertThat(governance.enforce()).isTrue();
        assertThat(governance.defaultOutputTokens()).isEqualTo(2048);
        assertThat(governance.onStateUnavailable()).isEqualTo(GovernanceConfig.StateUnavailable.OPEN);
        assertThat(governance.reservationTimeoutMs()).isEqualTo(60_000);
    }

    @Test
    void shouldBindCustomersAndTeams() {
        GovernanceConfig governance = parse(resource("governance-example.yaml"), ENV).governance();

        assertThat(governance.customers()).containsExactly(
                new CustomerSeed("acme", List.of(new BudgetSpec(new BigDecimal("100"), new ResetDuration(1,
                        ResetDuration.Unit.MONTH), true, ZoneId.of("Europe/Paris"), BudgetMode.HARD,
                        LowBudgetAction.REJECT))),
                new CustomerSeed("globex", List.of()));
        assertThat(governance.teams()).containsExactly(
                new TeamSeed("search", Optional.of("acme"), List.of(budget("25.50", "1w"))),
                new TeamSeed("lab", Optional.empty(), List.of()));
        assertThat(governance.teams().getFirst().budgets().getFirst().maxLimitUsd()).hasToString("25.50");
    }

    @Test
    void shouldBindEveryKeyOfAVirtualKey() {
        VirtualKeySeed demo = parse(resource("governance-example.yaml"), ENV).governance().virtualKeys().getFirst();

        assertThat(demo.name()).isEqualTo("demo");
        assertThat(demo.value().reveal()).isEqualTo("tg-demo-0000000000000000");
        assertThat(demo.active()).isTrue();
        assertThat(demo.expiresAt()).contains(Instant.parse("2027-01-01T00:00:00Z"));
        assertThat(demo.team()).contains("search");
        assertThat(demo.customer()).isEmpty();
        assertThat(demo.budgets()).containsExactly(
                budget("1.00", "1d"),
                new BudgetSpec(new BigDecimal("0.000000001"), new ResetDuration(5, ResetDuration.Unit.MINUTE), false,
                        ZoneOffset.UTC, BudgetMode.SOFT, LowBudgetAction.CLAMP));
        assertThat(demo.rateLimit()).contains(new RateLimitSpec(60, ResetDuration.parse("1m"), 100_000,
                ResetDuration.parse("1h")));
    }

    @Test
    void shouldBindProviderConfigs() {
        VirtualKeySeed demo = parse(resource("governance-example.yaml"), ENV).governance().virtualKeys().getFirst();

        assertThat(demo.providerConfigs()).containsExactly(
                new KeyProviderSpec("mock", 3, List.of("*"), List.of("regex:^mock-(large|huge)$"), List.of("default"),
                        List.of(budget("0.10", "never")),
                        Optional.of(new RateLimitSpec(0, ResetDuration.NEVER, 5000, ResetDuration.parse("30s")))),
                new KeyProviderSpec("openai", 1, List.of("gpt-4o-mini"), List.of(), List.of("backup"), List.of(),
                        Optional.empty()));
    }

    @Test
    void shouldBindFallbacksInOrder() {
        VirtualKeySeed demo = parse(resource("governance-example.yaml"), ENV).governance().virtualKeys().getFirst();

        assertThat(demo.fallbacks()).containsExactly("openai/gpt-4o-mini", "mock/mock-small");
    }

    @Test
    void shouldReadFallbacksFromAManagementRequestWithTheFileRules() throws Exception {
        Map<String, ProviderConfig> providers = parse("providers: { mock: { type: mock } }").providers();
        JsonNode body = new ObjectMapper().readTree("{\"fallbacks\": [\"mock/a\", \"mock/vendor/b\"]}");

        assertThat(GovernanceSpecs.fallbacks(body, providers)).containsExactly("mock/a", "mock/vendor/b");
        assertThat(GovernanceSpecs.fallbacks(new ObjectMapper().readTree("{}"), providers)).isEmpty();
        ConfigException unknown = catchThrowableOfType(ConfigException.class, () -> GovernanceSpecs.fallbacks(
                new ObjectMapper().readTree("{\"fallbacks\": [\"azure/gpt-4o\"]}"), providers));
        assertThat(unknown.path()).isEqualTo("fallbacks[0]");
        assertThat(unknown.getMessage())
                .isEqualTo("request: fallbacks[0]: unknown provider 'azure' (configured: mock)");
    }

    @Test
    void shouldDefaultTheKeysOfAVirtualKey() {
        List<VirtualKeySeed> keys = parse(resource("governance-example.yaml"), ENV).governance().virtualKeys();

        assertThat(keys.get(1)).isEqualTo(new VirtualKeySeed("ops", new Secret("tg-ops-abcdefghijkl"), false,
                Optional.empty(), Optional.empty(), Optional.of("globex"), List.of(), List.of(), Optional.empty(),
                List.of()));
        assertThat(keys.get(2)).isEqualTo(new VirtualKeySeed("free", new Secret("tg-free-1234567890"), true,
                Optional.empty(), Optional.empty(), Optional.empty(), List.of(), List.of(), Optional.empty(),
                List.of()));
    }

    @Test
    void shouldBindTheStore() {
        StoreConfig store = parse(resource("governance-example.yaml"), ENV).store();

        assertThat(store.url()).contains("jdbc:postgresql://127.0.0.1:5432/tollgate");
        assertThat(store.user()).contains("tollgate");
        assertThat(store.password().map(Secret::reveal)).contains("db-password-value");
        assertThat(store.dataDir()).isEqualTo(Path.of("/var/lib/tollgate"));
        assertThat(store.embedded()).isFalse();
    }

    @Test
    void shouldUseTheDefaultsWhenBothSectionsAreAbsentOrEmpty() {
        TollgateConfig absent = parse("server: { port: 8080 }");
        TollgateConfig empty = parse("governance:\nstore:\n");

        assertThat(absent.governance()).isEqualTo(GovernanceConfig.DEFAULT);
        assertThat(absent.store()).isEqualTo(StoreConfig.EMBEDDED);
        assertThat(empty.governance()).isEqualTo(GovernanceConfig.DEFAULT);
        assertThat(empty.store()).isEqualTo(StoreConfig.EMBEDDED);
        assertThat(empty.store().dataDir()).isEqualTo(Path.of("data"));
    }

    @Test
    void shouldBindLeasesAndDefaultEachOfTheirKeys() {
        assertThat(parse("governance: { leases: { enabled: false, flush_interval_ms: 20 } }").governance().leases())
                .isEqualTo(new LeaseConfig(false, 20, 10_000, 1_000));
        assertThat(parse("governance: { leases: { ttl_ms: 30000, idle_ms: 5000 } }").governance().leases())
                .isEqualTo(new LeaseConfig(true, 50, 30_000, 5_000));
        assertThat(parse("governance: {}").governance().leases()).isEqualTo(LeaseConfig.DEFAULT);
    }

    @Test
    void shouldDefaultEachGovernanceSettingOnItsOwn() {
        assertThat(parse("governance: { enforce: false }").governance())
                .isEqualTo(new GovernanceConfig(false, 1024, GovernanceConfig.StateUnavailable.CLOSED, 900_000,
                        LeaseConfig.DEFAULT, List.of(), List.of(), List.of()));
        assertThat(parse("governance: { on_state_unavailable: closed, default_output_tokens: 1 }").governance())
                .isEqualTo(new GovernanceConfig(true, 1, GovernanceConfig.StateUnavailable.CLOSED, 900_000,
                        LeaseConfig.DEFAULT, List.of(), List.of(), List.of()));
    }

    @Test
    void shouldReadBooleansAndNumbersFromTheEnvironment() {
        GovernanceConfig governance = parse("""
                governance:
                  enforce: ${ENFORCE:-true}
                  reservation_timeout_ms: "${RESERVATION_MS}"
                  virtual_keys: [ { name: k, value: "tg-${SUFFIX}", is_active: "${ACTIVE}" } ]
                """, Map.of("ENFORCE", "false", "RESERVATION_MS", "5000", "SUFFIX", "abcdefghij", "ACTIVE", "false"))
                .governance();

        assertThat(governance.enforce()).isFalse();
        assertThat(governance.reservationTimeoutMs()).isEqualTo(5000);
        assertThat(governance.virtualKeys().getFirst().value().reveal()).isEqualTo("tg-abcdefghij");
        assertThat(governance.virtualKeys().getFirst().active()).isFalse();
    }

    @Test
    void shouldDefaultEachBudgetKeyOnItsOwn() {
        List<BudgetSpec> budgets = parse("""
                governance:
                  customers:
                    - name: c
                      budgets:
                        - { max_limit: "12.50", reset_duration: 1Q }
                        - { max_limit: 0, reset_duration: 1Y, timezone: UTC }
                        - { max_limit: 3, reset_duration: 1h, timezone: "+02:00", calendar_aligned: false }
                """).governance().customers().getFirst().budgets();

        assertThat(budgets).containsExactly(
                budget("12.50", "1Q"),
                budget("0", "1Y"),
                new BudgetSpec(new BigDecimal("3"), ResetDuration.parse("1h"), false, ZoneOffset.ofHours(2),
                        BudgetMode.HARD, LowBudgetAction.REJECT));
        assertThat(budgets.getFirst().maxLimitNanos()).isEqualTo(12_500_000_000L);
    }

    @Test
    void shouldTellMinutesFromMonths() {
        List<BudgetSpec> budgets = parse("""
                governance:
                  teams: [ { name: t, budgets: [ { max_limit: 1, reset_duration: 5m }, { max_limit: 2, reset_duration: 5M } ] } ]
                """).governance().teams().getFirst().budgets();

        assertThat(budgets).extracting(BudgetSpec::resetDuration).containsExactly(
                new ResetDuration(5, ResetDuration.Unit.MINUTE), new ResetDuration(5, ResetDuration.Unit.MONTH));
    }

    @Test
    void shouldDropARateLimitThatLimitsNothing() {
        List<VirtualKeySeed> keys = parse("""
                governance:
                  virtual_keys:
                    - { name: a, value: tg-aaaaaaaaaaaa, rate_limit: {} }
                    - { name: b, value: tg-bbbbbbbbbbbb, rate_limit: { request_max_limit: 0, token_max_limit: 0 } }
                    - { name: c, value: tg-cccccccccccc, rate_limit: { request_max_limit: 10, request_reset_duration: 1s } }
                """).governance().virtualKeys();

        assertThat(keys.get(0).rateLimit()).isEmpty();
        assertThat(keys.get(1).rateLimit()).isEmpty();
        assertThat(keys.get(2).rateLimit())
                .contains(new RateLimitSpec(10, ResetDuration.parse("1s"), 0, ResetDuration.NEVER));
    }

    @Test
    void shouldResolveReferencesWhereverTheyAreInTheFile() {
        GovernanceConfig governance = parse("""
                governance:
                  virtual_keys: [ { name: k, value: tg-kkkkkkkkkkkk, team: t } ]
                  teams: [ { name: t, customer: c } ]
                  customers: [ { name: c } ]
                """).governance();

        assertThat(governance.virtualKeys().getFirst().team()).contains("t");
        assertThat(governance.teams().getFirst().customer()).contains("c");
    }

    @Test
    void shouldAllowProviderConfigsForADisabledProviderWithoutCheckingKeyIds() {
        TollgateConfig config = parse("""
                providers: { openai: { type: openai, keys: [ { name: primary, value: "${OPENAI_API_KEY}" } ] } }
                governance:
                  virtual_keys:
                    - { name: k, value: tg-kkkkkkkkkkkk, provider_configs: [ { provider: openai, key_ids: [ other ] } ] }
                """);

        assertThat(config.provider("openai").orElseThrow().enabled()).isFalse();
        assertThat(config.governance().virtualKeys().getFirst().providerConfigs().getFirst().keyIds())
                .containsExactly("other");
    }

    @Test
    void shouldTreatAStoreUrlOrUserThatFallsBackToEmptyAsAbsent() {
        StoreConfig store = parse("""
                store:
                  url: ${TOLLGATE_DB_URL:-}
                  user: ${TOLLGATE_DB_USER:-}
                  password: ${TOLLGATE_DB_PASSWORD:-}
                  data_dir: ./state
                """).store();

        assertThat(store).isEqualTo(new StoreConfig(Optional.empty(), Optional.empty(), Optional.empty(),
                Path.of("./state")));
        assertThat(store.embedded()).isTrue();
    }

    @Test
    void shouldAcceptAnH2Url() {
        StoreConfig store = parse("store: { url: 'jdbc:h2:mem:test' }").store();

        assertThat(store.url()).contains("jdbc:h2:mem:test");
        assertThat(store.password()).isEmpty();
        assertThat(store.embedded()).isTrue();
    }
}
