package io.tollgate.cluster.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

class WorstCaseTest {

    @Test
    void shouldPriceOutputLikeTheExactFormulaWhereTheProductFits() {
        Random random = new Random(42);
        for (int i = 0; i < 10_000; i++) {
            long tokens = random.nextLong(1, 10_000_000);
            long rate = random.nextLong(0, 100_000_000_000L);   // up to $100 per million tokens
            WorstCase worst = new WorstCase(0, tokens, rate, 0);

            assertThat(worst.outputNanos(tokens)).as("%d tokens at %d", tokens, rate)
                    .isEqualTo(Math.ceilDiv(tokens * rate, 1_000_000L));
        }
    }

    @Test
    void shouldPriceABillionTokensAtTenThousandDollarsPerMillionWithoutOverflow() {
        // tokens times the rate per million is 10^22; the cost itself, 10^16 nano-dollars, fits
        WorstCase worst = new WorstCase(5, 1_000_000_000L, 10_000_000_000_000L, 0);

        assertThat(worst.outputNanos(1_000_000_000L)).isEqualTo(10_000_000_000_000_000L);
        assertThat(worst.totalNanos()).isEqualTo(10_000_000_000_000_005L);
        assertThat(new WorstCase(0, 3, 1_500_001, 0).outputNanos(3)).isEqualTo(5);   // 4.500003 rounds up
        assertThatThrownBy(() -> worst.outputNanos(Long.MAX_VALUE / 2)).isInstanceOf(ArithmeticException.class);
    }
}
