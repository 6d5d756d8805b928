package io.tollgate.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A plan's monthly revenue (fee plus usage beyond the allowance, rounded once) and its validation. */
class PlanSpecTest {

    private static PlanSpec plan(String fee, String perRequest, String perMillion, long requests, long tokens) {
        return new PlanSpec(new BigDecimal(fee), new BigDecimal(perRequest), new BigDecimal(perMillion), requests,
                tokens, Optional.empty());
    }

    @Test
    void shouldBillTheFeeAndOnlyTheUsageBeyondTheAllowance() {
        PlanSpec plan = plan("100", "0.01", "2.5", 2, 1000);

        assertThat(plan.revenueNanos(0, 0)).isEqualTo(100_000_000_000L);
        assertThat(plan.revenueNanos(2, 1000)).as("within the allowance").isEqualTo(100_000_000_000L);
        // 100 + 0.01 × 3 + 2.5 × 2,500 / 1,000,000 = 100.03625
        assertThat(plan.revenueNanos(5, 3500)).isEqualTo(100_036_250_000L);
    }

    @Test
    void shouldRoundTheTokenPriceOnceHalfEvenToTheNanoDollar() {
        // one nano-dollar per million tokens: 0.5 nano → 0, 1.5 → 2, 2.5 → 2 (half-even)
        PlanSpec plan = plan("0", "0", "0.000000001", 0, 0);
        assertThat(plan.revenueNanos(0, 500_000)).isZero();
        assertThat(plan.revenueNanos(0, 1_500_000)).isEqualTo(2);
        assertThat(plan.revenueNanos(0, 2_500_000)).isEqualTo(2);
    }

    @Test
    void shouldRefuseNegativeAmountsAndMoreThanNineDecimals() {
        assertThatThrownBy(() -> plan("-1", "0", "0", 0, 0)).hasMessage("monthly_fee must not be negative, was -1");
        assertThatThrownBy(() -> plan("0", "0.0000000001", "0", 0, 0))
                .hasMessage("per_request has more than 9 decimal places, was 0.0000000001");
        assertThatThrownBy(() -> plan("0", "0", "0", -1, 0)).hasMessage("included_requests must not be negative, was -1");
        assertThatThrownBy(() -> new PlanSpec(BigDecimal.ONE, BigDecimal.ZERO, BigDecimal.ZERO, 0, 0,
                Optional.of(new BigDecimal("101")))).hasMessageContaining("margin_alert_below_percent");
    }

    @Test
    void shouldReadAPlanFromTheApiWithTheConfigurationsRulesAndClearItWithNull() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        assertThat(GovernanceSpecs.plan(mapper.readTree("{\"plan\":{\"monthly_fee\":\"10.50\",\"per_request\":0.01,"
                + "\"included_requests\":100,\"margin_alert_below_percent\":20}}")))
                .contains(new PlanSpec(new BigDecimal("10.50"), new BigDecimal("0.01"), BigDecimal.ZERO, 100, 0,
                        Optional.of(new BigDecimal("20"))));
        assertThat(GovernanceSpecs.plan(mapper.readTree("{\"plan\":null}"))).isEmpty();
        assertThatThrownBy(() -> GovernanceSpecs.plan(mapper.readTree("{\"plan\":{\"monthly\":1}}")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("monthly");
        assertThatThrownBy(() -> GovernanceSpecs.plan(mapper.readTree("{\"plan\":{\"monthly_fee\":-5}}")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("plan.monthly_fee: must not be negative, was -5");
    }
}
