package io.tollgate.node.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.adapters.ErrorKind;
import io.tollgate.adapters.GatewayException;
import io.tollgate.adapters.Json;
import io.tollgate.adapters.pricing.Money;
import io.tollgate.cluster.governance.GovernanceRegistry;
import io.tollgate.cluster.revenue.MarginRow;
import io.tollgate.cluster.revenue.Margins;
import io.tollgate.cluster.revenue.RevenueBook;
import io.tollgate.cluster.revenue.RevenueEvent;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Revenue and margin: {@code POST /api/revenue} records what a billing system says a customer (or team) paid for a
 * month, once per idempotency key; {@code GET /api/margin?period=YYYY-MM&group_by=customer|team} sets revenue
 * (plans and events) beside the ledger's cost. Amounts are exact decimal USD.
 */
final class RevenueAdmin {

    private static final Set<String> EVENT_FIELDS = Set.of("customer_id", "team_id", "amount_usd", "period",
            "idempotency_key", "description");
    /** How many of the most negative margins the answer names. */
    private static final int NEGATIVE_SHOWN = 10;

    private final RevenueBook book;
    private final GovernanceRegistry registry;
    private final Clock clock;

    RevenueAdmin(RevenueBook book, GovernanceRegistry registry, Clock clock) {
        this.book = book;
        this.registry = registry;
        this.clock = clock;
    }

    /** Records an event; the status is 201 when new, 200 for a retry of the same event, 409 for another one. */
    Recorded record(ObjectNode body) {
        body.fieldNames().forEachRemaining(name -> {
            if (!EVENT_FIELDS.contains(name)) {
                throw GatewayException.invalid(name, "Unknown field '" + name + "'; a revenue event has "
                        + String.join(", ", EVENT_FIELDS.stream().sorted().toList()) + ".");
            }
        });
        Optional<String> customer = text(body, "customer_id");
        Optional<String> team = text(body, "team_id");
        if (customer.isEmpty() && team.isEmpty()) {
            throw GatewayException.invalid("customer_id", "customer_id or team_id is required.");
        }
        customer.ifPresent(id -> registry.customer(id).orElseThrow(() -> GatewayException.invalid("customer_id",
                "No customer has id '" + id + "'.")));
        team.ifPresent(id -> {
            var found = registry.team(id).orElseThrow(() -> GatewayException.invalid("team_id",
                    "No team has id '" + id + "'."));
            if (customer.isPresent() && !found.customerId().equals(customer)) {
                throw GatewayException.invalid("team_id", "Team '" + found.name() + "' is not a team of customer '"
                        + customer.get() + "'.");
            }
        });
        String key = text(body, "idempotency_key").orElseThrow(() -> GatewayException.invalid("idempotency_key",
                "idempotency_key is required: the billing system's id of this payment, so a retry records it once."));
        JsonNode amount = body.path("amount_usd");
        if (!amount.isNumber() && !amount.isTextual()) {
            throw GatewayException.invalid("amount_usd", "amount_usd is required: a decimal amount in USD.");
        }
        long nanos;
        try {
            nanos = Money.ofUsd(new BigDecimal(amount.asText())).nanos();
        } catch (NumberFormatException | ArithmeticException e) {
            throw GatewayException.invalid("amount_usd", "amount_usd must be a decimal amount in USD with at most 9 "
                    + "decimal places, was " + amount);
        }
        YearMonth period = period(text(body, "period").orElseThrow(() -> GatewayException.invalid("period",
                "period is required: the month the revenue is for, as YYYY-MM.")));
        RevenueEvent event;
        try {
            event = new RevenueEvent(key, customer, team, period, nanos, text(body, "description"), clock.instant());
        } catch (IllegalArgumentException e) {
            throw GatewayException.invalid("idempotency_key", e.getMessage());
        }
        RevenueBook.Recorded recorded = book.record(event);
        if (recorded == RevenueBook.Recorded.CONFLICT) {
            throw GatewayException.of(ErrorKind.CONFLICT, "Another revenue event was recorded under idempotency_key '"
                    + key + "'; nothing was changed.");
        }
        ObjectNode out = Json.object();
        out.put("object", "revenue_event");
        out.put("status", recorded == RevenueBook.Recorded.NEW ? "recorded" : "duplicate");
        out.put("idempotency_key", key);
        customer.ifPresent(id -> out.put("customer_id", id));
        team.ifPresent(id -> out.put("team_id", id));
        out.put("period", period.toString());
        out.put("amount_usd", Money.ofNanos(nanos).usd().stripTrailingZeros());
        return new Recorded(recorded == RevenueBook.Recorded.NEW ? 201 : 200, out);
    }

    /** An answer's status and body. */
    record Recorded(int status, ObjectNode body) {
    }

    ObjectNode margin(Optional<String> periodParam, Optional<String> groupParam) {
        YearMonth period = periodParam.map(RevenueAdmin::period).orElseGet(() -> YearMonth.now(clock.withZone(
                ZoneOffset.UTC)));
        String group = groupParam.orElse("customer");
        RevenueBook.OwnerKind kind = switch (group) {
            case "customer" -> RevenueBook.OwnerKind.CUSTOMER;
            case "team" -> RevenueBook.OwnerKind.TEAM;
            default -> throw GatewayException.invalid("group_by", "group_by must be customer or team; was '" + group
                    + "'");
        };
        List<MarginRow> rows = Margins.report(registry, book, period, kind);
        ObjectNode out = Json.object();
        out.put("period", period.toString());
        out.put("group_by", group);
        ArrayNode margins = out.putArray("margins");
        rows.forEach(row -> margins.add(json(row)));
        MarginRow total = new MarginRow("total", "total", rows.stream().mapToLong(MarginRow::planRevenueNanos).sum(),
                rows.stream().mapToLong(MarginRow::eventRevenueNanos).sum(),
                rows.stream().mapToLong(MarginRow::costNanos).sum(), rows.stream().mapToLong(MarginRow::requests).sum(),
                rows.stream().mapToLong(MarginRow::billableTokens).sum());
        ObjectNode totals = json(total);
        totals.remove(List.of("id", "name", "requests", "billable_tokens"));
        out.set("totals", totals);
        ArrayNode negative = out.putArray("negative");
        rows.stream().filter(row -> row.marginNanos() < 0).sorted(Comparator.comparingLong(MarginRow::marginNanos))
                .limit(NEGATIVE_SHOWN).forEach(row -> negative.add(json(row)));
        return out;
    }

    static ObjectNode json(MarginRow row) {
        ObjectNode out = Json.object();
        out.put("id", row.ownerId());
        out.put("name", row.name());
        out.put("revenue_usd", usd(row.revenueNanos()));
        out.put("plan_revenue_usd", usd(row.planRevenueNanos()));
        out.put("event_revenue_usd", usd(row.eventRevenueNanos()));
        out.put("cost_usd", usd(row.costNanos()));
        out.put("margin_usd", usd(row.marginNanos()));
        if (row.marginPercent().isPresent()) {
            out.put("margin_percent", row.marginPercent().get());
        } else {
            out.putNull("margin_percent");
        }
        out.put("requests", row.requests());
        out.put("billable_tokens", row.billableTokens());
        return out;
    }

    private static BigDecimal usd(long nanos) {
        BigDecimal usd = Money.ofNanos(nanos).usd().stripTrailingZeros();
        return usd.scale() < 0 ? usd.setScale(0) : usd;
    }

    static YearMonth period(String text) {
        try {
            return YearMonth.parse(text);
        } catch (DateTimeParseException e) {
            throw GatewayException.invalid("period", "period must be a month as YYYY-MM, was '" + text + "'");
        }
    }

    private static Optional<String> text(ObjectNode body, String field) {
        JsonNode value = body.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            throw GatewayException.invalid(field, field + " must be a non-empty string.");
        }
        return Optional.of(value.asText());
    }
}
