package io.tollgate.cluster.governance;

import static io.tollgate.cluster.governance.Fixtures.budget;
import static io.tollgate.cluster.governance.Fixtures.limit;
import static io.tollgate.cluster.governance.Fixtures.provider;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.tollgate.cluster.ledger.BudgetCharge;
import io.tollgate.cluster.ledger.CounterKind;
import io.tollgate.cluster.ledger.Level;
import io.tollgate.cluster.ledger.WindowCharge;
import io.tollgate.config.ResetDuration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PathTest {

    private final Customer acme = Fixtures.customer("cust_A", List.of(budget("1000", "1M")));
    private final Team ops = Fixtures.team("team_T", Optional.of("cust_A"), List.of(budget("100", "1d")));
    private final Team solo = Fixtures.team("team_S", Optional.empty(), List.of(budget("50", "1w")));

    @Test
    void shouldRootKeyWithoutOwnerAtItself() {
        VirtualKey key = Fixtures.key("vk_K", Optional.empty(), Optional.empty(), List.of(),
                List.of(budget("5", "1d")), Optional.empty());
        Path path = Path.compute(key, "openai", Optional.empty(), Optional.empty());
        assertThat(path.accountId()).isEqualTo("vk_K");
        assertThat(path.budgets()).extracting(BudgetCharge::counterId, BudgetCharge::level, BudgetCharge::ownerId)
                .containsExactly(tuple("vk:vk_K:1d", Level.VIRTUAL_KEY, "vk_K"));
        assertThat(path.windows()).isEmpty();
        assertThat(path.providerAllowed()).isTrue();
        assertThat(path.allows("any-model")).isTrue();
    }

    @Test
    void shouldRootKeyOfCustomerAtCustomer() {
        VirtualKey key = Fixtures.key("vk_K", Optional.empty(), Optional.of("cust_A"), List.of(), List.of(),
                Optional.empty());
        Path path = Path.compute(key, "openai", Optional.empty(), Optional.of(acme));
        assertThat(path.accountId()).isEqualTo("cust_A");
        assertThat(path.budgets()).extracting(BudgetCharge::counterId).containsExactly("cust:cust_A:1M");
    }

    @Test
    void shouldRootKeyOfTeamWithoutCustomerAtTeam() {
        VirtualKey key = Fixtures.key("vk_K", Optional.of("team_S"), Optional.empty(), List.of(),
                List.of(budget("5", "1d")), Optional.empty());
        Path path = Path.compute(key, "openai", Optional.of(solo), Optional.empty());
        assertThat(path.accountId()).isEqualTo("team_S");
        assertThat(path.budgets()).extracting(BudgetCharge::counterId)
                .containsExactly("vk:vk_K:1d", "team:team_S:1w");
    }

    @Test
    void shouldListEveryLevelInnermostFirstForKeyOfTeamOfCustomer() {
        VirtualKey key = Fixtures.key("vk_K", Optional.of("team_T"), Optional.empty(),
                List.of(provider("openai", List.of(budget("2", "1h"), budget("20", "never")),
                        Optional.of(limit(10, "1m", 5000, "1h"))), provider("anthropic")),
                List.of(budget("5", "1d")), Optional.of(limit(60, "1m", 0, "never")));
        Path path = Path.compute(key, "openai", Optional.of(ops), Optional.of(acme));

        assertThat(path.accountId()).isEqualTo("cust_A");
        assertThat(path.budgets()).extracting(BudgetCharge::counterId, BudgetCharge::level, BudgetCharge::ownerId)
                .containsExactly(
                        tuple("vk:vk_K:p:openai:1h", Level.PROVIDER_CONFIG, "vk_K/openai"),
                        tuple("vk:vk_K:p:openai:never", Level.PROVIDER_CONFIG, "vk_K/openai"),
                        tuple("vk:vk_K:1d", Level.VIRTUAL_KEY, "vk_K"),
                        tuple("team:team_T:1d", Level.TEAM, "team_T"),
                        tuple("cust:cust_A:1M", Level.CUSTOMER, "cust_A"));
        assertThat(path.windows()).extracting(WindowCharge::counterId, WindowCharge::kind, WindowCharge::level,
                        WindowCharge::ownerId, WindowCharge::limit, WindowCharge::window)
                .containsExactly(
                        tuple("vk:vk_K:requests", CounterKind.REQUESTS, Level.VIRTUAL_KEY, "vk_K", 60L,
                                ResetDuration.parse("1m")),
                        tuple("vk:vk_K:p:openai:requests", CounterKind.REQUESTS, Level.PROVIDER_CONFIG,
                                "vk_K/openai", 10L, ResetDuration.parse("1m")),
                        tuple("vk:vk_K:p:openai:tokens", CounterKind.TOKENS, Level.PROVIDER_CONFIG, "vk_K/openai",
                                5000L, ResetDuration.parse("1h")));
        assertThat(path.providerConfig()).map(io.tollgate.config.KeyProviderSpec::provider).contains("openai");
    }

    @Test
    void shouldLeaveOtherProviderConfigsOut() {
        VirtualKey key = Fixtures.key("vk_K", Optional.empty(), Optional.empty(),
                List.of(provider("openai", List.of(budget("2", "1h")), Optional.empty()), provider("anthropic")),
                List.of(), Optional.empty());
        Path path = Path.compute(key, "anthropic", Optional.empty(), Optional.empty());
        assertThat(path.budgets()).isEmpty();
        assertThat(path.providerAllowed()).isTrue();
    }

    @Test
    void shouldRefuseProviderTheKeyDoesNotList() {
        VirtualKey key = Fixtures.key("vk_K", Optional.empty(), Optional.empty(), List.of(provider("openai")),
                List.of(), Optional.empty());
        Path path = Path.compute(key, "anthropic", Optional.empty(), Optional.empty());
        assertThat(path.providerAllowed()).isFalse();
        assertThat(path.models()).isSameAs(ModelRules.NONE);
        assertThat(path.allows("claude-sonnet-4-5")).isFalse();
    }

    @Test
    void shouldApplyProviderConfigModelRules() {
        var config = new io.tollgate.config.KeyProviderSpec("openai", 1, List.of("regex:gpt-4o.*"),
                List.of("gpt-4o-audio-preview"), List.of(), List.of(), Optional.empty());
        VirtualKey key = Fixtures.key("vk_K", Optional.empty(), Optional.empty(), List.of(config), List.of(),
                Optional.empty());
        Path path = Path.compute(key, "openai", Optional.empty(), Optional.empty());
        assertThat(path.allows("gpt-4o-mini")).isTrue();
        assertThat(path.allows("gpt-4o-audio-preview")).isFalse();
        assertThat(path.allows("o3")).isFalse();
    }

    @Test
    void shouldRootAtTeamIdWhenTeamIsUnknown() {
        VirtualKey key = Fixtures.key("vk_K", Optional.of("team_X"), Optional.empty(), List.of(), List.of(),
                Optional.empty());
        assertThat(Path.compute(key, "openai", Optional.empty(), Optional.empty()).accountId()).isEqualTo("team_X");
    }
}
