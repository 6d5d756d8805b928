package io.tollgate.cluster.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.config.BudgetMode;
import io.tollgate.config.BudgetSpec;
import io.tollgate.config.LowBudgetAction;
import io.tollgate.config.ResetDuration;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PeriodsTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    @Test
    void shouldAlignDayToLocalMidnightAcrossTheSpringDaylightSavingChange() {
        Period period = Periods.aligned(ResetDuration.parse("1d"), PARIS, at("2026-03-29T12:00:00+02:00"));

        assertThat(period).isEqualTo(period("2026-03-29T00:00:00+01:00", "2026-03-30T00:00:00+02:00"));
        assertThat(length(period)).isEqualTo(Duration.ofHours(23));
    }

    @Test
    void shouldAlignDayToLocalMidnightAcrossTheAutumnDaylightSavingChange() {
        Period period = Periods.aligned(ResetDuration.parse("1d"), PARIS, at("2026-10-25T12:00:00+01:00"));

        assertThat(length(period)).isEqualTo(Duration.ofHours(25));
        assertThat(period.start()).isEqualTo(at("2026-10-25T00:00:00+02:00"));
    }

    @Test
    void shouldEndTheHourBeforeTheSpringGapAtTheGap() {
        Period period = Periods.aligned(ResetDuration.parse("1h"), PARIS, at("2026-03-29T00:30:00Z"));

        assertThat(period).isEqualTo(period("2026-03-29T00:00:00Z", "2026-03-29T01:00:00Z"));
    }

    @Test
    void shouldKeepEachPassOfTheAutumnOverlapInItsOwnPeriod() {
        Period firstPass = Periods.aligned(ResetDuration.parse("30m"), PARIS, at("2026-10-25T00:10:00Z"));
        Period secondPass = Periods.aligned(ResetDuration.parse("30m"), PARIS, at("2026-10-25T01:10:00Z"));

        assertThat(firstPass).isEqualTo(period("2026-10-25T00:00:00Z", "2026-10-25T00:30:00Z"));
        assertThat(secondPass).isEqualTo(period("2026-10-25T01:00:00Z", "2026-10-25T01:30:00Z"));
    }

    @Test
    void shouldAlignMinutesToMultiplesWithinTheDay() {
        assertThat(Periods.aligned(ResetDuration.parse("5m"), ZoneOffset.UTC, at("2026-03-10T10:07:30Z")))
                .isEqualTo(period("2026-03-10T10:05:00Z", "2026-03-10T10:10:00Z"));
        assertThat(Periods.aligned(ResetDuration.parse("7m"), ZoneOffset.UTC, at("2026-03-10T23:58:00Z")))
                .isEqualTo(period("2026-03-10T23:55:00Z", "2026-03-11T00:00:00Z"));
    }

    @Test
    void shouldAlignMonthsToTheFirstAtLocalMidnight() {
        assertThat(Periods.aligned(ResetDuration.parse("1M"), NEW_YORK, at("2026-01-31T23:59:59-05:00")))
                .isEqualTo(period("2026-01-01T00:00:00-05:00", "2026-02-01T00:00:00-05:00"));
        assertThat(Periods.aligned(ResetDuration.parse("1M"), NEW_YORK, at("2026-03-20T12:00:00-04:00")))
                .isEqualTo(period("2026-03-01T00:00:00-05:00", "2026-04-01T00:00:00-04:00"));
    }

    @Test
    void shouldAlignSeveralMonthsToMultiplesSinceYearZero() {
        assertThat(Periods.aligned(ResetDuration.parse("2M"), ZoneOffset.UTC, at("2026-04-15T00:00:00Z")))
                .isEqualTo(period("2026-03-01T00:00:00Z", "2026-05-01T00:00:00Z"));
    }

    @Test
    void shouldIncludeTheLeapDayInFebruary() {
        assertThat(Periods.aligned(ResetDuration.parse("1M"), ZoneOffset.UTC, at("2028-02-29T18:00:00Z")))
                .isEqualTo(period("2028-02-01T00:00:00Z", "2028-03-01T00:00:00Z"));
    }

    @Test
    void shouldAlignQuartersAndYears() {
        assertThat(Periods.aligned(ResetDuration.parse("1Q"), ZoneOffset.UTC, at("2026-05-20T00:00:00Z")))
                .isEqualTo(period("2026-04-01T00:00:00Z", "2026-07-01T00:00:00Z"));
        assertThat(Periods.aligned(ResetDuration.parse("1Q"), ZoneOffset.UTC, at("2026-12-31T23:59:59Z")))
                .isEqualTo(period("2026-10-01T00:00:00Z", "2027-01-01T00:00:00Z"));
        assertThat(Periods.aligned(ResetDuration.parse("1Y"), PARIS, at("2026-07-01T00:00:00Z")))
                .isEqualTo(period("2026-01-01T00:00:00+01:00", "2027-01-01T00:00:00+01:00"));
    }

    @Test
    void shouldStartWeeksOnMonday() {
        assertThat(Periods.aligned(ResetDuration.parse("1w"), ZoneOffset.UTC, at("2026-03-12T15:00:00Z")))
                .isEqualTo(period("2026-03-09T00:00:00Z", "2026-03-16T00:00:00Z"));
        assertThat(Periods.aligned(ResetDuration.parse("2w"), ZoneOffset.UTC, at("2026-03-12T15:00:00Z")))
                .isEqualTo(period("2026-03-02T00:00:00Z", "2026-03-16T00:00:00Z"));
    }

    @Test
    void shouldAlignSeveralDaysToMultiplesSinceTheEpochDay() {
        assertThat(Periods.aligned(ResetDuration.parse("3d"), ZoneOffset.UTC, at("2026-03-12T15:00:00Z")))
                .isEqualTo(period("2026-03-11T00:00:00Z", "2026-03-14T00:00:00Z"));
    }

    @Test
    void shouldRepeatAnchoredPeriodsFromTheFirstUse() {
        Instant anchor = at("2026-03-10T10:17:00Z");

        assertThat(Periods.anchored(ResetDuration.parse("90m"), ZoneOffset.UTC, anchor, at("2026-03-10T13:00:00Z")))
                .isEqualTo(period("2026-03-10T11:47:00Z", "2026-03-10T13:17:00Z"));
        assertThat(Periods.anchored(ResetDuration.parse("1d"), ZoneOffset.UTC, anchor, at("2026-03-12T10:17:00Z")))
                .isEqualTo(period("2026-03-12T10:17:00Z", "2026-03-13T10:17:00Z"));
        assertThat(Periods.anchored(ResetDuration.parse("1d"), ZoneOffset.UTC, anchor, at("2026-03-01T00:00:00Z")))
                .as("before the anchor: the first period")
                .isEqualTo(period("2026-03-10T10:17:00Z", "2026-03-11T10:17:00Z"));
    }

    @Test
    void shouldKeepTheLocalTimeOfAnchoredDaysAcrossDaylightSaving() {
        Period period = Periods.anchored(ResetDuration.parse("1d"), PARIS, at("2026-03-28T10:00:00+01:00"),
                at("2026-03-28T20:00:00+01:00"));

        assertThat(period).isEqualTo(period("2026-03-28T10:00:00+01:00", "2026-03-29T10:00:00+02:00"));
    }

    @Test
    void shouldClampAnchoredMonthsAtMonthEnds() {
        Instant anchor = at("2026-01-31T09:00:00Z");

        assertThat(Periods.anchored(ResetDuration.parse("1M"), ZoneOffset.UTC, anchor, at("2026-03-01T00:00:00Z")))
                .isEqualTo(period("2026-02-28T09:00:00Z", "2026-03-31T09:00:00Z"));
        assertThat(Periods.anchored(ResetDuration.parse("1M"), ZoneOffset.UTC, anchor, at("2026-04-15T00:00:00Z")))
                .isEqualTo(period("2026-03-31T09:00:00Z", "2026-04-30T09:00:00Z"));
        assertThat(Periods.anchored(ResetDuration.parse("1Q"), ZoneOffset.UTC, anchor, at("2026-05-01T00:00:00Z")))
                .isEqualTo(period("2026-04-30T09:00:00Z", "2026-07-31T09:00:00Z"));
    }

    @Test
    void shouldClampAnchoredYearsFromALeapDay() {
        Period period = Periods.anchored(ResetDuration.parse("1Y"), ZoneOffset.UTC, at("2028-02-29T00:00:00Z"),
                at("2029-03-01T00:00:00Z"));

        assertThat(period).isEqualTo(period("2029-02-28T00:00:00Z", "2030-02-28T00:00:00Z"));
    }

    @Test
    void shouldNeverEndANeverResettingBudget() {
        BudgetSpec spec = new BudgetSpec(BigDecimal.TEN, ResetDuration.NEVER, true, PARIS, BudgetMode.HARD,
                LowBudgetAction.REJECT);
        Instant anchor = at("2026-03-10T10:00:00Z");

        Period period = Periods.of(spec, anchor, at("2036-01-01T00:00:00Z"));

        assertThat(period).isEqualTo(new Period(anchor, Optional.empty()));
        assertThat(period.contains(at("2099-01-01T00:00:00Z"))).isTrue();
    }

    @Test
    void shouldAlignWindowsInUtc() {
        assertThat(Periods.window(ResetDuration.parse("30s"), at("2026-03-10T10:00:45.500Z")))
                .isEqualTo(period("2026-03-10T10:00:30Z", "2026-03-10T10:01:00Z"));
        assertThat(Periods.window(ResetDuration.parse("1d"), at("2026-03-10T23:00:00-05:00")))
                .isEqualTo(period("2026-03-11T00:00:00Z", "2026-03-12T00:00:00Z"));
    }

    @Test
    void shouldChooseAlignedOrAnchoredFromTheSpec() {
        BudgetSpec anchoredSpec = BudgetSpec.of(BigDecimal.ONE, ResetDuration.parse("1d"));
        BudgetSpec alignedSpec = new BudgetSpec(BigDecimal.ONE, ResetDuration.parse("1d"), true, ZoneOffset.UTC,
                BudgetMode.HARD, LowBudgetAction.REJECT);
        Instant anchor = at("2026-03-10T10:17:00Z");
        Instant now = at("2026-03-10T12:00:00Z");

        assertThat(Periods.of(anchoredSpec, anchor, now)).isEqualTo(period("2026-03-10T10:17:00Z", "2026-03-11T10:17:00Z"));
        assertThat(Periods.of(alignedSpec, anchor, now)).isEqualTo(period("2026-03-10T00:00:00Z", "2026-03-11T00:00:00Z"));
    }

    @Test
    void shouldRefuseAPeriodWithoutDuration() {
        assertThatThrownBy(() -> Periods.aligned(ResetDuration.NEVER, ZoneOffset.UTC, Instant.EPOCH))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("never");
    }

    private static Instant at(String text) {
        return OffsetDateTime.parse(text).toInstant();
    }

    private static Period period(String start, String end) {
        return new Period(at(start), Optional.of(at(end)));
    }

    private static Duration length(Period period) {
        return Duration.between(period.start(), period.end().orElseThrow());
    }
}
