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
                List.of(aligned), Optional.of(limit(0, "never", 1000, "1d")), Fixtures.T0, Fixtures.T0.plusSeconds(5));
        String json = DefinitionJson.encode(key, 3);
        assertThat(json).contains("\"v\":1", "\"rev\":3", "\"max_limit\":\"12.50\"", "\"timezone\":\"Europe/Paris\"");
        assertThat(DefinitionJson.key(json)).isEqualTo(new Stored<>(key, 3));
    }

    @Test
    void shouldRejectOtherFormatVersionNamingIt() {
        assertThatThrownBy(() -> DefinitionJson.customer("{\"v\":2,\"id\":\"cust_A\"}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("stored definition has format version 2, this version reads 1");
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
}
