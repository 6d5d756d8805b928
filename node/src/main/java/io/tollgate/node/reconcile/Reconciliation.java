package io.tollgate.node.reconcile;

import io.tollgate.adapters.pricing.Price;
import io.tollgate.cluster.reconcile.ByType;
import io.tollgate.cluster.reconcile.GatewayFigure;
import io.tollgate.cluster.reconcile.ProviderFigure;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Compares the gateway's ledger with a provider's figures per day and model. A provider's dated snapshot name
 * ({@code gpt-4o-mini-2024-07-18}) counts for the gateway's model without the date when the gateway saw no model of
 * the full name. Per day and model the API import is used when there is one, else the invoice.
 *
 * <p>Tolerances: token counts of a type agree when they differ by at most 0.1% of the gateway's count; costs agree
 * when they differ by at most 0.5% of the gateway's cost plus $0.000001 (API figures) or $0.005 (invoice figures,
 * rounded to cents). Causes: {@code bypass} when the provider counted more tokens or requests than the gateway saw
 * (traffic that did not go through it); {@code provider_counted_less} for the opposite; {@code pricing_drift} when
 * tokens agree but costs do not; {@code unexplained} when an invoice without token counts differs in cost;
 * {@code missing_provider_data} when the provider reported nothing for the day; {@code gateway_only} when it reported
 * the day but not the model.
 */
public final class Reconciliation {

    private static final Pattern DATE_SUFFIX = Pattern.compile("-(20\\d\\d-\\d\\d-\\d\\d|20\\d{6})$");
    private static final long API_SLACK_NANOS = 1_000;
    private static final long INVOICE_SLACK_NANOS = 5_000_000;

    private Reconciliation() {
    }

    /**
     * The comparison of one provider's period.
     *
     * @param gateway the gateway's sums per day and model
     * @param figures the provider's stored figures, any source
     * @param catalog the gateway's price of a model, for the pricing flags
     */
    public static Report compare(List<GatewayFigure> gateway, List<ProviderFigure> figures,
                                 Function<String, Optional<Price>> catalog) {
        Set<String> gatewayModels = new HashSet<>();
        gateway.forEach(g -> gatewayModels.add(g.model()));
        Map<String, GatewayFigure> ours = new TreeMap<>();
        gateway.forEach(g -> ours.put(key(g.day(), g.model()), g));
        Map<String, List<ProviderFigure>> theirs = new TreeMap<>();
        Set<LocalDate> reportedDays = new HashSet<>();
        for (ProviderFigure figure : figures) {
            String model = model(figure.model(), gatewayModels);
            theirs.computeIfAbsent(key(figure.day(), model), k -> new ArrayList<>()).add(figure);
            reportedDays.add(figure.day());
        }
        Set<String> keys = new java.util.TreeSet<>(ours.keySet());
        keys.addAll(theirs.keySet());
        List<Line> lines = new ArrayList<>();
        List<ProviderFigure> chosenAll = new ArrayList<>();
        for (String key : keys) {
            LocalDate day = LocalDate.parse(key.substring(0, 10));
            String model = key.substring(11);
            Optional<ProviderFigure> chosen = Optional.ofNullable(theirs.get(key)).map(list -> choose(list, model));
            chosen.ifPresent(chosenAll::add);
            lines.add(line(day, model, Optional.ofNullable(ours.get(key)), chosen, reportedDays.contains(day)));
        }
        return new Report(lines, PricingCheck.flags(chosenAll, catalog));
    }

    /** The gateway's model a provider's model name counts for. */
    static String model(String providerModel, Set<String> gatewayModels) {
        if (gatewayModels.contains(providerModel)) {
            return providerModel;
        }
        String base = DATE_SUFFIX.matcher(providerModel).replaceFirst("");
        return gatewayModels.contains(base) ? base : providerModel;
    }

    /** API figures when there are any, else the invoice's; summed into one. */
    private static ProviderFigure choose(List<ProviderFigure> figures, String model) {
        List<ProviderFigure> api = figures.stream().filter(f -> !f.fromInvoice()).toList();
        List<ProviderFigure> use = api.isEmpty() ? figures : api;
        ProviderFigure sum = null;
        for (ProviderFigure f : use) {
            sum = sum == null ? new ProviderFigure(f.provider(), f.day(), model, f.source(), f.requests(), f.tokens(),
                    f.costNanos(), f.costByType()) : new ProviderFigure(f.provider(), f.day(), model, sum.source(),
                    sum.requests().isPresent() && f.requests().isPresent()
                            ? OptionalLong.of(sum.requests().getAsLong() + f.requests().getAsLong())
                            : sum.requests().isPresent() ? sum.requests() : f.requests(),
                    sum.tokens().plus(f.tokens()), sum.costNanos() + f.costNanos(), sum.costByType().plus(f.costByType()));
        }
        return sum;
    }

    private static Line line(LocalDate day, String model, Optional<GatewayFigure> gateway,
                             Optional<ProviderFigure> provider, boolean dayReported) {
        if (provider.isEmpty()) {
            return new Line(day, model, gateway, provider, OptionalLong.empty(),
                    List.of(Line.Cause.of(dayReported ? "gateway_only" : "missing_provider_data")));
        }
        ProviderFigure p = provider.get();
        long gatewayCost = gateway.map(GatewayFigure::costNanos).orElse(0L);
        long difference = p.costNanos() - gatewayCost;
        long slack = gatewayCost / 200 + (p.fromInvoice() ? INVOICE_SLACK_NANOS : API_SLACK_NANOS);
        boolean costsAgree = Math.abs(difference) <= slack;
        List<Line.Cause> causes = new ArrayList<>();
        ByType ours = gateway.map(GatewayFigure::tokens).orElse(ByType.of(0, 0, 0, 0));
        long ourRequests = gateway.map(GatewayFigure::requests).orElse(0L);
        if (p.tokens().isEmpty()) {
            if (!costsAgree) {
                causes.add(Line.Cause.of("unexplained"));
            }
        } else {
            long unseen = unseen(p.tokens(), ours);
            long missing = unseen(ours, p.tokens());
            OptionalLong unseenRequests = p.requests().isPresent() && p.requests().getAsLong() > ourRequests
                    ? OptionalLong.of(p.requests().getAsLong() - ourRequests) : OptionalLong.empty();
            if (unseen > 0 || unseenRequests.isPresent()) {
                causes.add(new Line.Cause("bypass", OptionalLong.of(unseen), unseenRequests));
            }
            if (missing > 0) {
                causes.add(Line.Cause.of("provider_counted_less"));
            }
            if (unseen == 0 && missing == 0 && !costsAgree) {
                causes.add(Line.Cause.of("pricing_drift"));
            }
        }
        return new Line(day, model, gateway, provider, OptionalLong.of(difference), causes);
    }

    /** Tokens {@code more} counted beyond {@code less} over the types {@code more} states, past the tolerance. */
    private static long unseen(ByType more, ByType less) {
        return beyond(more.input(), less.input()) + beyond(more.cachedInput(), less.cachedInput())
                + beyond(more.cacheWrite(), less.cacheWrite()) + beyond(more.output(), less.output());
    }

    private static long beyond(OptionalLong more, OptionalLong less) {
        if (more.isEmpty() || less.isEmpty()) {
            return 0;
        }
        long excess = more.getAsLong() - less.getAsLong();
        return excess > Math.min(more.getAsLong(), less.getAsLong()) / 1000 ? excess : 0;
    }

    private static String key(LocalDate day, String model) {
        return day + " " + model;
    }

    /**
     * A whole comparison.
     *
     * @param lines one per day and model that either side has, by day and model
     * @param pricingFlags catalog rates that disagree with the provider's billed rates
     */
    public record Report(List<Line> lines, List<PricingFlag> pricingFlags) {

        public Report {
            lines = List.copyOf(lines);
            pricingFlags = List.copyOf(pricingFlags);
        }
    }
}
