package io.tollgate.cluster.ledger.hazelcast;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.cluster.ledger.Admission;
import io.tollgate.cluster.ledger.AdmissionRequest;
import io.tollgate.cluster.ledger.BudgetCharge;
import io.tollgate.cluster.ledger.CounterKind;
import io.tollgate.cluster.ledger.CounterView;
import io.tollgate.cluster.ledger.LeaseAmounts;
import io.tollgate.cluster.ledger.LeaseGrant;
import io.tollgate.cluster.ledger.LeaseRequest;
import io.tollgate.cluster.ledger.Level;
import io.tollgate.cluster.ledger.WindowCharge;
import io.tollgate.cluster.ledger.WorstCase;
import io.tollgate.config.BudgetMode;
import io.tollgate.config.BudgetSpec;
import io.tollgate.config.LowBudgetAction;
import io.tollgate.config.ResetDuration;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WireTest {

    private static final Instant NOW = Instant.parse("2026-03-10T10:00:20.123456789Z");
    private static final CounterView VIEW = new CounterView("vk:vk_a:1d", CounterKind.BUDGET, Level.VIRTUAL_KEY,
            "vk_a", 1_000, 200, 300, 40, Optional.of(Instant.parse("2026-03-11T00:00:00Z")), true);
    private static final CounterView ENDLESS = new CounterView("cust:c1:never", CounterKind.BUDGET, Level.CUSTOMER,
            "c1", 5, 0, 0, 0, Optional.empty(), false);

    @Test
    void shouldCarryAnAdmissionRequestWithEveryPart() throws IOException {
        AdmissionRequest request = new AdmissionRequest("acct", "r1", NOW,
                List.of(new BudgetCharge("pc:vk_a/openai:1M", Level.PROVIDER_CONFIG, "vk_a/openai", new BudgetSpec(
                        new BigDecimal("12.345678901"), ResetDuration.parse("1M"), true, ZoneId.of("Asia/Tokyo"),
                        BudgetMode.SOFT, LowBudgetAction.CLAMP))),
                List.of(new WindowCharge("vk:vk_a:requests", CounterKind.REQUESTS, Level.VIRTUAL_KEY, "vk_a", 60,
                        ResetDuration.parse("30s"))),
                new WorstCase(1, 2, 3, 4), true, Duration.ofMinutes(5));

        AdmissionRequest copy = roundTrip(out -> Wire.writeRequest(out, request), Wire::readRequest);

        assertThat(copy.budgets().getFirst().spec().maxLimitNanos()).isEqualTo(12_345_678_901L);
        assertThat(copy).usingRecursiveComparison().ignoringFields("budgets.spec.maxLimitUsd").isEqualTo(request);
    }

    @Test
    void shouldCarryBothKindsOfAdmission() throws IOException {
        Admission admitted = new Admission.Admitted(10, 20, 30, true, List.of(VIEW, ENDLESS));
        Admission rejected = new Admission.Rejected(Admission.Reason.TOKEN_LIMITED, VIEW,
                Duration.ofSeconds(39, 876_543_211));

        assertThat(roundTrip(out -> Wire.writeAdmission(out, admitted), Wire::readAdmission)).isEqualTo(admitted);
        assertThat(roundTrip(out -> Wire.writeAdmission(out, rejected), Wire::readAdmission)).isEqualTo(rejected);
    }

    @Test
    void shouldCarryALeaseStepAndItsGrant() throws IOException {
        LeaseRequest request = new LeaseRequest("acct", "lease:n1:7", 42, NOW,
                List.of(new BudgetCharge("vk:vk_a:1d", Level.VIRTUAL_KEY, "vk_a",
                        BudgetSpec.of(BigDecimal.TEN, ResetDuration.parse("1d")))),
                List.of(new WindowCharge("vk:vk_a:tokens", CounterKind.TOKENS, Level.VIRTUAL_KEY, "vk_a", 600,
                        ResetDuration.parse("1m"))),
                new LeaseAmounts(1, 2, 3), new LeaseAmounts(4, 5, 6), new LeaseAmounts(4, 5, 0),
                new LeaseAmounts(7, 8, 1), 200, 3, Duration.ofSeconds(10));
        LeaseGrant grant = new LeaseGrant(new LeaseAmounts(10, 20, 30), true, false, List.of(VIEW, ENDLESS));

        assertThat(roundTrip(out -> Wire.writeLease(out, request), Wire::readLease)).usingRecursiveComparison()
                .ignoringFields("budgets.spec.maxLimitUsd").isEqualTo(request);
        assertThat(roundTrip(out -> Wire.writeGrant(out, grant), Wire::readGrant)).isEqualTo(grant);
    }

    private interface Writer {
        void write(DataOutputStream out) throws IOException;
    }

    private interface Reader<T> {
        T read(DataInputStream in) throws IOException;
    }

    private static <T> T roundTrip(Writer writer, Reader<T> reader) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        writer.write(new DataOutputStream(bytes));
        return reader.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
    }
}
