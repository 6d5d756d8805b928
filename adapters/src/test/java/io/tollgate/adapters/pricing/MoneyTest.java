package io.tollgate.adapters.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class MoneyTest {

    @Test
    void shouldFormatNanosAsPlainDollars() {
        assertThat(Money.ofNanos(150).toUsdString()).isEqualTo("0.00000015");
        assertThat(Money.ofNanos(150_000_000).toUsdString()).isEqualTo("0.15");
        assertThat(Money.ofNanos(12_000_000_000L).toUsdString()).isEqualTo("12");
        assertThat(Money.ZERO.toUsdString()).isEqualTo("0");
        assertThat(Money.ofNanos(1).toString()).isEqualTo("$0.000000001");
    }

    @Test
    void shouldConvertDollarsExactly() {
        assertThat(Money.ofUsd("0.15").nanos()).isEqualTo(150_000_000L);
        assertThat(Money.ofUsd("0.075").nanos()).isEqualTo(75_000_000L);
        assertThat(Money.ofUsd("0.000000001").nanos()).isEqualTo(1L);
        assertThat(Money.ofUsd("0.150000000000").nanos()).isEqualTo(150_000_000L);
        assertThat(Money.ofUsd(new BigDecimal("1E+2")).nanos()).isEqualTo(100_000_000_000L);
        assertThat(Money.ofUsd("0")).isEqualTo(Money.ZERO);
    }

    @Test
    void shouldRejectTenDecimalPlaces() {
        assertThatThrownBy(() -> Money.ofUsd("0.0000000001")).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> Money.ofUsd("1.1234567891")).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void shouldRejectAmountsBeyondLongRange() {
        assertThatThrownBy(() -> Money.ofUsd("10000000000")).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void shouldRejectAbsurdExponentsAtOnce() {
        // rounding 1e100000000 to nano-dollars the plain way runs for minutes
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(1), () -> {
            assertThatThrownBy(() -> Money.ofUsd("1e100000000")).isInstanceOf(ArithmeticException.class);
            assertThatThrownBy(() -> Money.ofUsd("-1e100000000")).isInstanceOf(ArithmeticException.class);
            assertThatThrownBy(() -> Money.ofUsd("1e-100000000")).isInstanceOf(ArithmeticException.class);
        });
        assertThat(Money.ofUsd("12.500000000000000000000000000000").nanos()).isEqualTo(12_500_000_000L);
    }

    @Test
    void shouldAddAndSubtractExactly() {
        Money a = Money.ofUsd("0.15");
        Money b = Money.ofNanos(150);
        assertThat(a.plus(b).nanos()).isEqualTo(150_000_150L);
        assertThat(a.minus(a)).isSameAs(Money.ZERO);
        assertThat(b.minus(a).isPositive()).isFalse();
        assertThat(a.compareTo(b)).isPositive();
        assertThatThrownBy(() -> Money.ofNanos(Long.MAX_VALUE).plus(Money.ofNanos(1)))
                .isInstanceOf(ArithmeticException.class);
    }
}
