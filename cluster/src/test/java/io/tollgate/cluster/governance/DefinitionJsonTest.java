package io.tollgate.cluster.governance;

import static io.tollgate.cluster.governance.Fixtures.budget;
import static io.tollgate.cluster.governance.Fixtures.limit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.config.BudgetMode;
import io.tollgate.config.BudgetSpec;
import io.tollgate.config.KeyProviderSpec;
import io.tollgate.config.LowBudgetAction;
import io.tollgate.config.ResetDuration;
import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DefinitionJsonTest {

    @Test
    void shouldRoundTripCustomerWithRevision() {
        Customer customer = Fixtures.customer("cust_A", List.of(budget("1000.123456789", "1M")));
        Stored<Customer> back = DefinitionJson.customer(DefinitionJson.encode(customer, 7));
        assertThat(back).isEqualTo(new Stored<>(customer, 7));
    }

    @Test
    void shouldRoundTripTeamWithAndWithoutCustomer() {
        Team owned = Fixtures.team("team_T", Optional.of("cust_A"), List.of(budget("5", "1d")));
        Team alone = Fixtures.team("team_S", Optional.empty(), List.of());
        assertThat(DefinitionJson.team(DefinitionJson.encode(owned, 1)).value()).isEqualTo(owned);
        assertThat(DefinitionJson.team(DefinitionJson.encode(alone, 1)).value()).isEqualTo(alone);
    }

    @Test
    void shouldRoundTripEveryFieldOfKey() {
        BudgetSpec aligned = new BudgetSpec(new BigDecimal("12.50"), ResetDuration.parse("1w"), true,
                ZoneId.of("Europe/Paris"), BudgetMode.SOFT, LowBudgetAction.CLAMP);
        KeyProviderSpec config = new KeyProviderSpec("openai", 3, List.of("gpt-4o", "regex:o[0-9]"), List.of("*"),
                List.of("main"), List.of(budget("1", "1h")), Optional.of(limit(5, "30s", 100, "1m")));
        VirtualKey key = new VirtualKey("vk_K", "svc", Fixtures.HASH, "tg-\u2026wxyz", false,
                Optional.of(Fixtures.T0.plusSeconds(3600)), Optional.empty(), Optional.of("cust_A"), List.of(config),
                List.of(aligned), Optional.of(limit(0, "never", 1000, "1d")), List.of("anthropic/claude-sonnet-4-5",
                "openai/gpt-4o-mini"), Fixtures.T0, Fixtures.T0.plusSeconds(5),
                new EndUserLimits(List.of(budget("0.5", "1d")), Optional.of(limit(10, "1m", 0, "never"))),
                java.util.Map.of("alice", new EndUserLimits(List.of(budget("2", "1d")), Optional.empty())));
        String json = DefinitionJson.encode(key, 3);
        assertThat(json).contains("\"v\":3", "\"rev\":3", "\"end_users\":{", "\"end_user_overrides\":{\"alice\":",
                "\"fallbacks\":[\"anthropic/claude-sonnet-4-5\",\"openai/gpt-4o-mini\"]", "\"max_limit\":\"12.50\"", "\"timezone\":\"Europe/Paris\"");
        assertThat(DefinitionJson.key(json)).isEqualTo(new Stored<>(key, 3));
    }

    @Test
    void shouldRoundTripAKeyWithoutFallbacks() {
        String json = DefinitionJson.encode(key(), 1);

        assertThat(json).contains("\"fallbacks\":[]");
        assertThat(DefinitionJson.key(json).value().fallbacks()).isEmpty();
    }

    @Test
    void shouldReadAKeyWrittenInFormatVersionOneAsHavingNoFallbacks() {
        String v1 = "{\"v\":1,\"rev\":4,\"id\":\"vk_K\",\"name\":\"svc\",\"value_hash\":\"" + Fixtures.HASH + "\","
                + "\"value_hint\":\"tg-\u2026wxyz\",\"active\":true,\"team_id\":\"team_T\",\"provider_configs\":"
                + "[{\"provider\":\"openai\",\"weight\":1,\"budgets\":[]}],\"budgets\":[],"
                + "\"created_at\":\"2026-01-01T00:00:00Z\",\"updated_at\":\"2026-01-02T00:00:00Z\"}";

        Stored<VirtualKey> stored = DefinitionJson.key(v1);

        assertThat(stored.revision()).isEqualTo(4);
        assertThat(stored.value().fallbacks()).isEmpty();
        assertThat(stored.value().teamId()).contains("team_T");
        assertThat(stored.value().providerConfigs()).extracting(KeyProviderSpec::provider).containsExactly("openai");
    }

    @Test
    void shouldRejectOtherFormatVersionNamingIt() {
        assertThatThrownBy(() -> DefinitionJson.customer("{\"v\":4,\"id\":\"cust_A\"}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("stored definition has format version 4, this version reads 1 to 3");
        assertThatThrownBy(() -> DefinitionJson.customer("{\"v\":0,\"id\":\"cust_A\"}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("stored definition has format version 0, this version reads 1 to 3");
    }

    @Test
    void shouldRejectAStoredKeyWithAnInvalidFallback() {
        String json = DefinitionJson.encode(key(), 1).replace("\"fallbacks\":[]", "\"fallbacks\":[\"gpt-4o\"]");

        assertThatThrownBy(() -> DefinitionJson.key(json)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fallbacks[0]: must be provider/model");
    }

    @Test
    void shouldRejectInvalidStoredDefinitionNamingIt() {
        assertThatThrownBy(() -> DefinitionJson.team("{\"v\":1,\"id\":\"team_T\",\"name\":\"\"}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("stored definition \"team_T\" is invalid: ");
    }

    @Test
    void shouldCheckVersionInStoreCodec() {
        var codec = HazelcastGovernanceRegistry.codecs().get(HazelcastGovernanceRegistry.KEYS_MAP);
        assertThat(codec.encode("{\"v\":1}")).isEqualTo("{\"v\":1}");
        assertThat(codec.decode("{\"v\":1}")).isEqualTo("{\"v\":1}");
        assertThatThrownBy(() -> codec.decode("not json")).isInstanceOf(IllegalArgumentException.class);
        assertThat(HazelcastGovernanceRegistry.codecs()).containsOnlyKeys("tollgate.customers", "tollgate.teams",
                "tollgate.keys");
    }

    private static VirtualKey key() {
        return Fixtures.key("vk_K", Optional.empty(), Optional.empty(), List.of(), List.of(), Optional.empty());
    }
}
