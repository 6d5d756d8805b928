package io.tollgate.cluster.revenue;

import io.tollgate.cluster.governance.GovernanceRegistry;
import io.tollgate.config.PlanSpec;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Computes margins from plans, revenue events and usage: pure, so a month's figures are reproducible from the
 * stored facts. A customer's revenue includes its teams' (their plans and their events); a team's is its own.
 * Every owner with a plan, usage or revenue gets a row; an id no longer defined keeps its row under its id.
 */
public final class Margins {

    /** A customer or team as the margin needs it. */
    public record Owner(String id, String name, Optional<String> customerId, Optional<PlanSpec> plan) {

        public Owner {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(customerId, "customerId");
            Objects.requireNonNull(plan, "plan");
        }
    }

    private Margins() {
    }

    /** The month's margins of every customer or team, from the registry's plans and the book's facts. */
    public static List<MarginRow> report(GovernanceRegistry registry, RevenueBook book, YearMonth period,
                                         RevenueBook.OwnerKind kind) {
        List<Owner> teams = registry.teams().stream().map(t -> new Owner(t.id(), t.name(), t.customerId(), t.plan()))
                .toList();
        List<RevenueEvent> events = book.events(period);
        List<OwnerUsage> teamUsage = book.usage(period, RevenueBook.OwnerKind.TEAM);
        if (kind == RevenueBook.OwnerKind.TEAM) {
            return byTeam(teams, teamUsage, events);
        }
        List<Owner> customers = registry.customers().stream()
                .map(c -> new Owner(c.id(), c.name(), Optional.empty(), c.plan())).toList();
        return byCustomer(customers, teams, book.usage(period, RevenueBook.OwnerKind.CUSTOMER), teamUsage, events);
    }

    /**
     * The owners whose plan sets {@code margin_alert_below_percent} and whose margin in the month is below it (or
     * that cost money without any revenue).
     */
    public static List<Breach> breaches(GovernanceRegistry registry, RevenueBook book, YearMonth period) {
        List<Breach> breaches = new ArrayList<>();
        for (RevenueBook.OwnerKind kind : RevenueBook.OwnerKind.values()) {
            for (MarginRow row : report(registry, book, period, kind)) {
                Optional<PlanSpec> plan = kind == RevenueBook.OwnerKind.CUSTOMER
                        ? registry.customer(row.ownerId()).flatMap(c -> c.plan())
                        : registry.team(row.ownerId()).flatMap(t -> t.plan());
                Optional<java.math.BigDecimal> below = plan.flatMap(PlanSpec::marginAlertBelowPercent);
                if (below.isEmpty()) {
                    continue;
                }
                boolean breached = row.marginPercent().map(p -> p.compareTo(below.get()) < 0)
                        .orElse(row.costNanos() > 0);
                if (breached) {
                    breaches.add(new Breach(kind, period, row, below.get()));
                }
            }
        }
        return List.copyOf(breaches);
    }

    /** A margin below its owner's alert threshold. */
    public record Breach(RevenueBook.OwnerKind kind, YearMonth period, MarginRow row,
                         java.math.BigDecimal thresholdPercent) {

        public Breach {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(period, "period");
            Objects.requireNonNull(row, "row");
            Objects.requireNonNull(thresholdPercent, "thresholdPercent");
        }
    }

    /**
     * Each customer's margin, largest revenue first.
     *
     * @param customers every customer
     * @param teams every team (their plans and events count towards their customer)
     * @param customerUsage the month's usage per customer
     * @param teamUsage the month's usage per team
     * @param events the month's revenue events
     */
    public static List<MarginRow> byCustomer(List<Owner> customers, List<Owner> teams, List<OwnerUsage> customerUsage,
                                             List<OwnerUsage> teamUsage, List<RevenueEvent> events) {
        Map<String, Owner> teamById = teams.stream().collect(Collectors.toMap(Owner::id, Function.identity()));
        Map<String, OwnerUsage> byCustomer = index(customerUsage);
        Map<String, OwnerUsage> byTeam = index(teamUsage);
        Map<String, Acc> rows = new LinkedHashMap<>();
        customers.forEach(c -> rows.computeIfAbsent(c.id(), id -> new Acc(c.name())));
        for (OwnerUsage usage : customerUsage) {
            Acc acc = rows.computeIfAbsent(usage.ownerId(), Acc::new);
            acc.cost += usage.costNanos();
            acc.requests += usage.requests();
            acc.tokens += usage.billableTokens();
        }
        for (Owner customer : customers) {
            OwnerUsage usage = usageOf(byCustomer, customer.id());
            customer.plan().ifPresent(plan -> rows.get(customer.id()).plan += plan.revenueNanos(
                    usage.billableRequests(), usage.billableTokens()));
        }
        for (Owner team : teams) {
            if (team.customerId().isPresent() && team.plan().isPresent()) {
                OwnerUsage usage = usageOf(byTeam, team.id());
                rows.computeIfAbsent(team.customerId().get(), Acc::new).plan += team.plan().get()
                        .revenueNanos(usage.billableRequests(), usage.billableTokens());
            }
        }
        for (RevenueEvent event : events) {
            Optional<String> customer = event.customerId()
                    .or(() -> event.teamId().map(teamById::get).flatMap(Owner::customerId));
            customer.ifPresent(id -> rows.computeIfAbsent(id, Acc::new).events += event.amountNanos());
        }
        return rows(rows);
    }

    /** Each team's margin, largest revenue first. */
    public static List<MarginRow> byTeam(List<Owner> teams, List<OwnerUsage> teamUsage, List<RevenueEvent> events) {
        Map<String, OwnerUsage> byTeam = index(teamUsage);
        Map<String, Acc> rows = new LinkedHashMap<>();
        teams.forEach(t -> rows.computeIfAbsent(t.id(), id -> new Acc(t.name())));
        for (OwnerUsage usage : teamUsage) {
            Acc acc = rows.computeIfAbsent(usage.ownerId(), Acc::new);
            acc.cost += usage.costNanos();
            acc.requests += usage.requests();
            acc.tokens += usage.billableTokens();
        }
        for (Owner team : teams) {
            OwnerUsage usage = usageOf(byTeam, team.id());
            team.plan().ifPresent(plan -> rows.get(team.id()).plan += plan.revenueNanos(usage.billableRequests(),
                    usage.billableTokens()));
        }
        for (RevenueEvent event : events) {
            event.teamId().ifPresent(id -> rows.computeIfAbsent(id, Acc::new).events += event.amountNanos());
        }
        return rows(rows);
    }

    private static OwnerUsage usageOf(Map<String, OwnerUsage> usage, String id) {
        return usage.getOrDefault(id, OwnerUsage.none(id));
    }

    private static Map<String, OwnerUsage> index(List<OwnerUsage> usage) {
        return usage.stream().collect(Collectors.toMap(OwnerUsage::ownerId, Function.identity()));
    }

    private static List<MarginRow> rows(Map<String, Acc> rows) {
        List<MarginRow> out = new ArrayList<>();
        rows.forEach((id, acc) -> {
            if (acc.plan != 0 || acc.events != 0 || acc.cost != 0 || acc.requests != 0) {
                out.add(new MarginRow(id, acc.name, acc.plan, acc.events, acc.cost, acc.requests, acc.tokens));
            }
        });
        out.sort(Comparator.comparingLong(MarginRow::revenueNanos).reversed().thenComparing(MarginRow::ownerId));
        return List.copyOf(out);
    }

    /** Sums for one owner. */
    private static final class Acc {
        private final String name;
        private long plan;
        private long events;
        private long cost;
        private long requests;
        private long tokens;

        /** The owner's name, or its id when it is no longer defined. */
        Acc(String nameOrId) {
            this.name = nameOrId;
        }
    }
}
