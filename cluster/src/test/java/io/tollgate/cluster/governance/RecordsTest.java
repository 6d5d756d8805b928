package io.tollgate.cluster.governance;

import static io.tollgate.cluster.governance.Fixtures.T0;
import static io.tollgate.cluster.governance.Fixtures.budget;
import static io.tollgate.cluster.governance.Fixtures.provider;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.config.KeyProviderSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RecordsTest {

    @Test
    void shouldRejectBlankNameNamingTheField() {
        assertThatThrownBy(() -> new CustomerDraft("  ", List.of()))
                .isInstanceOfSatisfying(GovernanceException.class, e -> {
                    assertThat(e.kind()).isEqualTo(GovernanceException.Kind.INVALID);
                    assertThat(e.field()).isEqualTo("name");
                })
                .hasMessage("name: must not be blank");
    }

    @Test
    void shouldRejectNameWithSurroundingSpaces() {
        assertThatThrownBy(() -> new TeamDraft(" ops", Optional.empty(), List.of()))
                .hasMessage("name: must not start or end with spaces, was ' ops'");
    }

    @Test
    void shouldRejectTooLongName() {
        assertThatThrownBy(() -> new CustomerDraft("n".repeat(201), List.of()))
                .hasMessage("name: must be at most 200 characters, was 201");
    }

    @Test
    void shouldRejectSecondBudgetWithSameDurationNamingItsIndex() {
        assertThatThrownBy(() -> new CustomerDraft("acme", List.of(budget("1", "1d"), budget("2", "1d"))))
                .isInstanceOfSatisfying(GovernanceException.class,
                        e -> assertThat(e.field()).isEqualTo("budgets[1].reset_duration"))
                .hasMessage("budgets[1].reset_duration: one budget per reset_duration; 1d appears twice");
    }

    @Test
    void shouldRejectKeyWithTeamAndCustomer() {
        assertThatThrownBy(() -> Fixtures.keyDraft("k", Optional.of("team_1"), Optional.of("cust_1")))
                .isInstanceOfSatisfying(GovernanceException.class,
                        e -> assertThat(e.field()).isEqualTo("customer_id"))
                .hasMessageContaining("a team or a customer, not both");
    }

    @Test
    void shouldRejectBlankReference() {
        assertThatThrownBy(() -> new TeamDraft("ops", Optional.of(" "), List.of()))
                .hasMessage("customer_id: must not be blank when given");
    }

    @Test
    void shouldRejectTwoConfigsForOneProvider() {
        assertThatThrownBy(() -> new VirtualKeyDraft("k", true, Optional.empty(), Optional.empty(), Optional.empty(),
                List.of(provider("openai"), provider("openai")), List.of(), Optional.empty()))
                .hasMessage("provider_configs[1].provider: one provider config per provider; 'openai' appears twice");
    }

    @Test
    void shouldRejectModelPatternThatDoesNotCompile() {
        KeyProviderSpec config = new KeyProviderSpec("openai", 1, List.of("gpt-4o", "regex:gpt-("), List.of(),
                List.of(), List.of(), Optional.empty());
        assertThatThrownBy(() -> new VirtualKeyDraft("k", true, Optional.empty(), Optional.empty(), Optional.empty(),
                List.of(config), List.of(), Optional.empty()))
                .isInstanceOfSatisfying(GovernanceException.class,
                        e -> assertThat(e.field()).isEqualTo("provider_configs[0].allowed_models[1]"))
                .hasMessageContaining("is not a valid regular expression: 'regex:gpt-('");
    }

    @Test
    void shouldRejectFallbacksThatAreNotModelAddressesNamingTheEntry() {
        assertThatThrownBy(() -> keyDraftWithFallbacks(List.of("openai/gpt-4o", "gpt-4o-mini")))
                .isInstanceOfSatisfying(GovernanceException.class,
                        e -> assertThat(e.field()).isEqualTo("fallbacks[1]"))
                .hasMessage("fallbacks[1]: must be provider/model, for example openai/gpt-4o-mini, "
                        + "was \"gpt-4o-mini\"");
        assertThatThrownBy(() -> keyDraftWithFallbacks(List.of("a/1", "a/2", "a/3", "a/4", "a/5", "a/6")))
                .hasMessage("fallbacks: must list at most 5 models, was 6");
        assertThatThrownBy(() -> keyDraftWithFallbacks(List.of("a/1", "a/1")))
                .hasMessage("fallbacks[1]: duplicate fallback \"a/1\"");
    }

    @Test
    void shouldKeepFallbacksInOrderThroughTheDraft() {
        VirtualKeyDraft draft = keyDraftWithFallbacks(List.of("openai/gpt-4o-mini", "anthropic/claude-haiku-4-5"));
        VirtualKey key = new VirtualKey("vk_1", draft.name(), Fixtures.HASH, "h", true, Optional.empty(),
                Optional.empty(), Optional.empty(), List.of(), List.of(), Optional.empty(), draft.fallbacks(), T0, T0);

        assertThat(key.fallbacks()).containsExactly("openai/gpt-4o-mini", "anthropic/claude-haiku-4-5");
        assertThat(key.toDraft()).isEqualTo(draft);
        assertThat(Fixtures.keyDraft("k").fallbacks()).as("the overload without fallbacks").isEmpty();
    }

    @Test
    void shouldRejectIdWithoutItsPrefix() {
        assertThatThrownBy(() -> Fixtures.team("cust_1", Optional.empty(), List.of()))
                .hasMessage("id: must start with 'team_', was 'cust_1'");
    }

    @Test
    void shouldRejectValueHashThatIsNotSha256Hex() {
        assertThatThrownBy(() -> new VirtualKey("vk_1", "k", "ABC", "tg-\u2026abcd", true, Optional.empty(),
                Optional.empty(), Optional.empty(), List.of(), List.of(), Optional.empty(), T0, T0))
                .hasMessage("value_hash: must be 64 lowercase hex digits (SHA-256)");
    }

    @Test
    void shouldCopyListsSoCallersCannotChangeThem() {
        List<io.tollgate.config.BudgetSpec> budgets = new ArrayList<>(List.of(budget("1", "1d")));
        Customer customer = Fixtures.customer("cust_1", budgets);
        budgets.add(budget("5", "1M"));
        assertThat(customer.budgets()).containsExactly(budget("1", "1d"));
    }

    @Test
    void shouldTellWhetherKeyIsUsable() {
        VirtualKey key = Fixtures.key("vk_1", Optional.empty(), Optional.empty(), List.of(), List.of(),
                Optional.empty());
        VirtualKey expiring = new VirtualKey("vk_2", "k2", Fixtures.HASH, "h", true, Optional.of(T0.plusSeconds(60)),
                Optional.empty(), Optional.empty(), List.of(), List.of(), Optional.empty(), T0, T0);
        VirtualKey inactive = new VirtualKey("vk_3", "k3", Fixtures.HASH, "h", false, Optional.empty(),
                Optional.empty(), Optional.empty(), List.of(), List.of(), Optional.empty(), T0, T0);
        assertThat(key.usableAt(T0)).isTrue();
        assertThat(expiring.usableAt(T0.plusSeconds(59))).isTrue();
        assertThat(expiring.usableAt(T0.plusSeconds(60))).isFalse();
        assertThat(inactive.usableAt(T0)).isFalse();
    }

    @Test
    void shouldRoundTripThroughDraft() {
        VirtualKey key = Fixtures.key("vk_1", Optional.of("team_1"), Optional.empty(), List.of(provider("openai")),
                List.of(budget("3", "1d")), Optional.empty());
        assertThat(key.toDraft()).isEqualTo(new VirtualKeyDraft("key vk_1", true, Optional.empty(),
                Optional.of("team_1"), Optional.empty(), List.of(provider("openai")), List.of(budget("3", "1d")),
                Optional.empty()));
    }

    private static VirtualKeyDraft keyDraftWithFallbacks(List<String> fallbacks) {
        return new VirtualKeyDraft("k", true, Optional.empty(), Optional.empty(), Optional.empty(), List.of(),
                List.of(), Optional.empty(), fallbacks);
    }
}
