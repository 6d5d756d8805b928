package io.tollgate.node.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.adapters.Json;
import io.tollgate.adapters.pricing.Money;
import io.tollgate.cluster.reconcile.ByType;
import io.tollgate.cluster.reconcile.GatewayFigure;
import io.tollgate.cluster.reconcile.ProviderFigure;
import io.tollgate.node.reconcile.Line;
import io.tollgate.node.reconcile.PricingFlag;
import io.tollgate.node.reconcile.Reconciliation;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.OptionalLong;

/** The JSON of {@code GET /api/reconcile}: exact decimal USD, counts the provider does not report as null. */
final class ReconcileJson {

    private ReconcileJson() {
    }

    static ObjectNode report(String provider, LocalDate from, LocalDate to, Reconciliation.Report report) {
        ObjectNode out = Json.object();
        out.put("provider", provider);
        out.put("from", from.toString());
        out.put("to", to.toString());
        ArrayNode days = out.putArray("days");
        long gatewayTotal = 0;
        long providerTotal = 0;
        for (Line line : report.lines()) {
            ObjectNode item = days.addObject();
            item.put("day", line.day().toString());
            item.put("model", line.model());
            line.gateway().ifPresentOrElse(g -> item.set("gateway", gateway(g)), () -> item.putNull("gateway"));
            line.provider().ifPresentOrElse(p -> item.set("provider", provider(p)), () -> item.putNull("provider"));
            put(item, "difference_usd", line.differenceNanos());
            ArrayNode causes = item.putArray("causes");
            for (Line.Cause cause : line.causes()) {
                ObjectNode c = causes.addObject();
                c.put("cause", cause.code());
                cause.unseenTokens().ifPresent(v -> c.put("unseen_tokens", v));
                cause.unseenRequests().ifPresent(v -> c.put("unseen_requests", v));
            }
            gatewayTotal += line.gateway().map(GatewayFigure::costNanos).orElse(0L);
            providerTotal += line.provider().map(ProviderFigure::costNanos).orElse(0L);
        }
        ArrayNode flags = out.putArray("pricing_flags");
        for (PricingFlag flag : report.pricingFlags()) {
            ObjectNode f = flags.addObject();
            f.put("model", flag.model());
            f.put("token_type", flag.tokenType());
            f.put("tokens", flag.tokens());
            f.put("billed_usd_per_million", flag.billedUsdPerMillion());
            flag.catalogUsdPerMillion().ifPresentOrElse(rate -> f.put("catalog_usd_per_million", rate),
                    () -> f.putNull("catalog_usd_per_million"));
        }
        ObjectNode totals = out.putObject("totals");
        totals.put("gateway_cost_usd", usd(gatewayTotal));
        totals.put("provider_cost_usd", usd(providerTotal));
        totals.put("difference_usd", usd(providerTotal - gatewayTotal));
        return out;
    }

    private static ObjectNode gateway(GatewayFigure figure) {
        ObjectNode out = Json.object();
        out.put("requests", figure.requests());
        tokens(out, figure.tokens());
        out.put("cost_usd", usd(figure.costNanos()));
        return out;
    }

    private static ObjectNode provider(ProviderFigure figure) {
        ObjectNode out = Json.object();
        out.put("source", figure.source());
        count(out, "requests", figure.requests());
        tokens(out, figure.tokens());
        out.put("cost_usd", usd(figure.costNanos()));
        return out;
    }

    private static void tokens(ObjectNode out, ByType tokens) {
        count(out, "input_tokens", tokens.input());
        count(out, "cached_input_tokens", tokens.cachedInput());
        count(out, "cache_write_tokens", tokens.cacheWrite());
        count(out, "output_tokens", tokens.output());
    }

    private static void count(ObjectNode out, String field, OptionalLong value) {
        value.ifPresentOrElse(v -> out.put(field, v), () -> out.putNull(field));
    }

    private static void put(ObjectNode out, String field, OptionalLong nanos) {
        nanos.ifPresentOrElse(v -> out.put(field, usd(v)), () -> out.putNull(field));
    }

    private static BigDecimal usd(long nanos) {
        return Money.ofNanos(nanos).usd().stripTrailingZeros();
    }
}
