package io.tollgate.cluster.ledger;

import io.tollgate.config.BudgetSpec;
import io.tollgate.config.ResetDuration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;

/**
 * Which period of a budget or rate-limit window contains a given instant. Pure functions of their arguments;
 * thread-safe.
 *
 * <p>Calendar-aligned periods start at calendar boundaries in the budget's zone: seconds, minutes and hours at
 * multiples of the amount since local midnight (the last period of a day ends at the next midnight when the amount
 * does not divide a day; amounts of a day or more count from 1970-01-01 local), days at local midnight (several
 * days: multiples of the amount since 1970-01-01 local), weeks on Monday 00:00 (several weeks: multiples since
 * Monday 1970-01-05), months on the 1st 00:00 (several months: multiples of the amount since January of year 0, so
 * {@code 2M} starts in January, March, May...), quarters on January, April, July and October 1st, years on January
 * 1st. Anchored periods start at the anchor (a counter's first use) and repeat every duration, with calendar
 * arithmetic in the zone (January 31st + 1 month is February 28th or 29th, + 2 months March 31st). Rate-limit
 * windows are calendar-aligned in UTC.
 */
public final class Periods {

    private static final long SECONDS_PER_DAY = 86_400L;
    private static final long FIRST_MONDAY_EPOCH_DAY = LocalDate.of(1970, 1, 5).toEpochDay();

    private Periods() {
    }

    /**
     * The period of a budget containing {@code now}.
     *
     * @param spec the budget
     * @param anchor the counter's first use: the start of anchored periods and of a never-resetting budget's only
     *     period; ignored by calendar-aligned periods
     * @param now the instant to place
     */
    public static Period of(BudgetSpec spec, Instant anchor, Instant now) {
        return budget(spec.resetDuration(), spec.calendarAligned(), spec.timezone(), anchor, now);
    }

    /**
     * The period of a budget containing {@code now}, from the budget's parts.
     *
     * @param duration how long a period lasts, or {@link ResetDuration#NEVER}
     * @param calendarAligned true for calendar boundaries in {@code zone}, false for periods anchored at
     *     {@code anchor}
     * @param zone the zone of calendar arithmetic
     * @param anchor the counter's first use
     * @param now the instant to place
     */
    public static Period budget(ResetDuration duration, boolean calendarAligned, ZoneId zone, Instant anchor,
                                Instant now) {
        Objects.requireNonNull(anchor, "anchor");
        if (duration.never()) {
            return new Period(anchor, Optional.empty());
        }
        return calendarAligned ? aligned(duration, zone, now) : anchored(duration, zone, anchor, now);
    }

    /** The fixed rate-limit window containing {@code now}: calendar-aligned in UTC. */
    public static Period window(ResetDuration window, Instant now) {
        return aligned(window, ZoneOffset.UTC, now);
    }

    /**
     * The calendar-aligned period containing {@code now}.
     *
     * @throws IllegalArgumentException for {@link ResetDuration#NEVER}
     */
    public static Period aligned(ResetDuration duration, ZoneId zone, Instant now) {
        Objects.requireNonNull(zone, "zone");
        ZonedDateTime local = now.atZone(zone);
        int amount = duration.amount();
        return switch (duration.unit()) {
            case SECOND, MINUTE, HOUR -> clockAligned(amount * unitSeconds(duration.unit()), local);
            case DAY -> days(local.toLocalDate().toEpochDay(), amount, 0, zone);
            case WEEK -> days(local.toLocalDate().toEpochDay(), 7L * amount, FIRST_MONDAY_EPOCH_DAY, zone);
            case MONTH -> months(local, amount);
            case QUARTER -> months(local, 3L * amount);
            case YEAR -> months(local, 12L * amount);
            case NEVER -> throw new IllegalArgumentException("a period needs a duration, was never");
        };
    }

    /**
     * The period containing {@code now} of a series starting at {@code anchor} and repeating every
     * {@code duration}; before the anchor, the first period.
     *
     * @throws IllegalArgumentException for {@link ResetDuration#NEVER}
     */
    public static Period anchored(ResetDuration duration, ZoneId zone, Instant anchor, Instant now) {
        if (duration.never()) {
            throw new IllegalArgumentException("a period needs a duration, was never");
        }
        ZonedDateTime first = anchor.atZone(zone);
        long k = 0;
        if (now.isAfter(anchor)) {
            k = estimatedSteps(duration, first, now.atZone(zone));
            while (!nth(first, duration, k + 1).isAfter(now)) {
                k++;
            }
            while (k > 0 && nth(first, duration, k).isAfter(now)) {
                k--;
            }
        }
        return new Period(nth(first, duration, k), Optional.of(nth(first, duration, k + 1)));
    }

    private static Period clockAligned(long step, ZonedDateTime local) {
        LocalDateTime now = local.toLocalDateTime();
        LocalDateTime start;
        LocalDateTime end;
        if (step < SECONDS_PER_DAY) {
            LocalDateTime midnight = now.toLocalDate().atStartOfDay();
            long second = now.toLocalTime().toSecondOfDay();
            long startSecond = second - second % step;
            start = midnight.plusSeconds(startSecond);
            end = startSecond + step >= SECONDS_PER_DAY ? midnight.plusDays(1) : midnight.plusSeconds(startSecond + step);
        } else {
            long startSecond = Math.floorDiv(now.toEpochSecond(ZoneOffset.UTC), step) * step;
            start = LocalDateTime.ofEpochSecond(startSecond, 0, ZoneOffset.UTC);
            end = start.plusSeconds(step);
        }
        // Resolve with the offset now has, so boundaries inside the same autumn overlap stay on now's side of it.
        return new Period(ZonedDateTime.ofLocal(start, local.getZone(), local.getOffset()).toInstant(),
                Optional.of(ZonedDateTime.ofLocal(end, local.getZone(), local.getOffset()).toInstant()));
    }

    private static Period days(long epochDay, long step, long origin, ZoneId zone) {
        long startDay = origin + Math.floorDiv(epochDay - origin, step) * step;
        return new Period(LocalDate.ofEpochDay(startDay).atStartOfDay(zone).toInstant(),
                Optional.of(LocalDate.ofEpochDay(startDay + step).atStartOfDay(zone).toInstant()));
    }

    private static Period months(ZonedDateTime local, long step) {
        long index = local.getYear() * 12L + local.getMonthValue() - 1;
        long startIndex = Math.floorDiv(index, step) * step;
        return new Period(firstOfMonth(startIndex, local.getZone()),
                Optional.of(firstOfMonth(startIndex + step, local.getZone())));
    }

    private static Instant firstOfMonth(long monthIndex, ZoneId zone) {
        LocalDate first = LocalDate.of(Math.toIntExact(Math.floorDiv(monthIndex, 12)),
                (int) Math.floorMod(monthIndex, 12) + 1, 1);
        return first.atStartOfDay(zone).toInstant();
    }

    private static long unitSeconds(ResetDuration.Unit unit) {
        return switch (unit) {
            case SECOND -> 1;
            case MINUTE -> 60;
            case HOUR -> 3_600;
            default -> throw new IllegalArgumentException("not a clock unit: " + unit);
        };
    }

    private static long estimatedSteps(ResetDuration duration, ZonedDateTime first, ZonedDateTime now) {
        long units = switch (duration.unit()) {
            case SECOND -> ChronoUnit.SECONDS.between(first, now);
            case MINUTE -> ChronoUnit.MINUTES.between(first, now);
            case HOUR -> ChronoUnit.HOURS.between(first, now);
            case DAY -> ChronoUnit.DAYS.between(first, now);
            case WEEK -> ChronoUnit.WEEKS.between(first, now);
            case MONTH -> ChronoUnit.MONTHS.between(first, now);
            case QUARTER -> ChronoUnit.MONTHS.between(first, now) / 3;
            case YEAR -> ChronoUnit.YEARS.between(first, now);
            case NEVER -> 0;
        };
        return Math.max(0, units / duration.amount());
    }

    private static Instant nth(ZonedDateTime first, ResetDuration duration, long k) {
        long units = k * duration.amount();
        ZonedDateTime start = switch (duration.unit()) {
            case SECOND -> first.plusSeconds(units);
            case MINUTE -> first.plusMinutes(units);
            case HOUR -> first.plusHours(units);
            case DAY -> first.plusDays(units);
            case WEEK -> first.plusWeeks(units);
            case MONTH -> first.plusMonths(units);
            case QUARTER -> first.plusMonths(3 * units);
            case YEAR -> first.plusYears(units);
            case NEVER -> first;
        };
        return start.toInstant();
    }
}
