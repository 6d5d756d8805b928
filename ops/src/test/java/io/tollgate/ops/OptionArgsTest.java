package io.tollgate.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OptionArgsTest {

    @Test
    void shouldParseABudgetAndWriteItAsExactJson() {
        BudgetArg monthly = BudgetArg.parse("10:1M");
        BudgetArg soft = BudgetArg.parse("1.5:1d:SOFT");

        assertThat(monthly).isEqualTo(new BudgetArg(new BigDecimal("10"), "1M", Optional.empty()));
        assertThat(Json.compact(monthly.json())).isEqualTo("{\"max_limit\":10,\"reset_duration\":\"1M\"}");
        assertThat(Json.compact(soft.json())).isEqualTo("{\"max_limit\":1.5,\"reset_duration\":\"1d\",\"mode\":\"soft\"}");
        assertThat(Json.compact(BudgetArg.parse("0.1:1h").json())).contains("\"max_limit\":0.1,");
        assertThat(Json.compact(BudgetArg.parse("1e3:1Y").json())).contains("\"max_limit\":1000,");
    }

    @Test
    void shouldRejectMalformedBudgetsNamingThePart() {
        assertThatThrownBy(() -> BudgetArg.parse("10")).hasMessage(
                "'10' is not MAX:DURATION[:mode], e.g. 10:1M or 1.5:1d:soft");
        assertThatThrownBy(() -> BudgetArg.parse("ten:1M")).hasMessage("'ten' is not an amount in USD, e.g. 10 or 1.5");
        assertThatThrownBy(() -> BudgetArg.parse("-1:1M")).hasMessage("the amount must be zero or more, was -1");
        assertThatThrownBy(() -> BudgetArg.parse("1:1M:strict")).hasMessage(
                "the mode must be hard or soft, was 'strict'");
        assertThatThrownBy(() -> BudgetArg.parse("1:monthly")).hasMessageStartingWith("'monthly' is not a duration");
    }

    @Test
    void shouldParseRateLimits() {
        assertThat(RateArg.parse("600/1m")).isEqualTo(new RateArg(600, "1m"));
        assertThatThrownBy(() -> RateArg.parse("600")).hasMessage("'600' is not N/DURATION, e.g. 600/1m");
        assertThatThrownBy(() -> RateArg.parse("x/1m")).hasMessage("'x' is not a whole number");
        assertThatThrownBy(() -> RateArg.parse("0/1m")).hasMessage("the limit must be at least 1, was 0");
    }

    @Test
    void shouldSplitAProviderAtItsFirstColonOnly() {
        assertThat(ProviderArg.parse("anthropic")).isEqualTo(new ProviderArg("anthropic", List.of()));
        assertThat(ProviderArg.parse("openai:gpt-4o-mini, regex:gpt-5.*"))
                .isEqualTo(new ProviderArg("openai", List.of("gpt-4o-mini", "regex:gpt-5.*")));
        assertThat(Json.compact(ProviderArg.parse("openai:gpt-4o").json()))
                .isEqualTo("{\"provider\":\"openai\",\"allowed_models\":[\"gpt-4o\"]}");
        assertThatThrownBy(() -> ProviderArg.parse(":gpt-4o")).hasMessage("the provider name is empty");
    }
}
