package io.tollgate.cluster.governance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ModelRulesTest {

    @Test
    void shouldAllowEveryModelWhenAllowedListIsEmpty() {
        ModelRules rules = ModelRules.of(List.of(), List.of());
        assertThat(rules.allows("gpt-4o")).isTrue();
        assertThat(rules.allows("anything")).isTrue();
    }

    @Test
    void shouldAllowEveryModelForWildcard() {
        ModelRules rules = ModelRules.of(List.of("gpt-4o", "*"), List.of());
        assertThat(rules.allows("claude-sonnet-4-5")).isTrue();
    }

    @Test
    void shouldAllowOnlyExactNames() {
        ModelRules rules = ModelRules.of(List.of("gpt-4o", "gpt-4o-mini"), List.of());
        assertThat(rules.allows("gpt-4o")).isTrue();
        assertThat(rules.allows("gpt-4o-mini")).isTrue();
        assertThat(rules.allows("gpt-4")).isFalse();
        assertThat(rules.allows("GPT-4O")).isFalse();
    }

    @Test
    void shouldMatchRegexAgainstTheWholeName() {
        ModelRules rules = ModelRules.of(List.of("regex:gpt-4o.*"), List.of());
        assertThat(rules.allows("gpt-4o")).isTrue();
        assertThat(rules.allows("gpt-4o-mini")).isTrue();
        assertThat(rules.allows("my-gpt-4o")).as("a partial match is not a match").isFalse();
    }

    @Test
    void shouldLetBlockedWinOverAllowed() {
        ModelRules rules = ModelRules.of(List.of("regex:gpt-.*"), List.of("gpt-4o", "regex:.*-preview"));
        assertThat(rules.allows("gpt-4o-mini")).isTrue();
        assertThat(rules.allows("gpt-4o")).isFalse();
        assertThat(rules.allows("gpt-5-preview")).isFalse();
    }

    @Test
    void shouldBlockEverythingForBlockedWildcard() {
        ModelRules rules = ModelRules.of(List.of(), List.of("*"));
        assertThat(rules.allows("gpt-4o")).isFalse();
    }

    @Test
    void shouldOfferAllAndNone() {
        assertThat(ModelRules.ALL.allows("x")).isTrue();
        assertThat(ModelRules.NONE.allows("x")).isFalse();
    }

    @Test
    void shouldBuildFromProviderConfig() {
        var config = new io.tollgate.config.KeyProviderSpec("openai", 1, List.of("gpt-4o"), List.of(), List.of(),
                List.of(), java.util.Optional.empty());
        assertThat(ModelRules.of(config).allows("gpt-4o")).isTrue();
        assertThat(ModelRules.of(config).allows("o3")).isFalse();
    }

    @Test
    void shouldRejectInvalidPatternNamingIt() {
        assertThatThrownBy(() -> ModelRules.of(List.of("regex:[a-"), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("model pattern 'regex:[a-' is not a valid regular expression");
    }

    @Test
    void shouldRejectEmptyRegexEntryInChecks() {
        assertThatThrownBy(() -> ModelRules.check(List.of("regex:"), "allowed_models"))
                .hasMessage("allowed_models[0]: must be *, a model name or regex:<pattern>, was 'regex:'");
    }
}
