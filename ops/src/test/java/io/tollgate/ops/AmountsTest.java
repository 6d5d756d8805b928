package io.tollgate.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class AmountsTest {

    @Test
    void shouldShowMoneyExactlyWithAtLeastTwoDecimals() {
        assertThat(Amounts.usd(new BigDecimal("1"))).isEqualTo("$1.00");
        assertThat(Amounts.usd(new BigDecimal("0.012"))).isEqualTo("$0.012");
        assertThat(Amounts.usd(new BigDecimal("0.000000001"))).isEqualTo("$0.000000001");
        assertThat(Amounts.usd(new BigDecimal("12345678901234567.50"))).isEqualTo("$12345678901234567.50");
        assertThat(Amounts.usd(new BigDecimal("1E+3"))).isEqualTo("$1000.00");
        assertThat(Amounts.usd(new BigDecimal("-0.5"))).isEqualTo("-$0.50");
    }

    @Test
    void shouldShowPercentagesWithOneDecimal() {
        assertThat(Amounts.percent(new BigDecimal("1.2"))).isEqualTo("1.2%");
        assertThat(Amounts.percent(new BigDecimal("99.95"))).isEqualTo("100.0%");
        assertThat(Amounts.fraction(new BigDecimal("0.125"))).isEqualTo("12.5%");
    }

    @Test
    void shouldFillTheBarInProportionAndClampIt() {
        assertThat(Amounts.bar(BigDecimal.ZERO, 20)).isEqualTo("░".repeat(20));
        assertThat(Amounts.bar(new BigDecimal("85.5"), 20)).isEqualTo("█".repeat(17) + "░".repeat(3));
        assertThat(Amounts.bar(new BigDecimal("150"), 20)).isEqualTo("█".repeat(20));
        assertThat(Amounts.bar(new BigDecimal("-3"), 4)).isEqualTo("░░░░");
    }
}
