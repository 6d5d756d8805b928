package io.tollgate.node.reconcile;

import io.tollgate.cluster.reconcile.ByType;
import io.tollgate.cluster.reconcile.ProviderFigure;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * Collects a provider's usage and cost report lines into one figure per day and model (usage and costs come from
 * separate endpoints and are joined here). Not thread-safe: one import at a time.
 */
final class FigureBook {

    private final Map<String, Entry> entries = new TreeMap<>();

    /** Adds usage: request count (when the report has one) and tokens by type. */
    void usage(LocalDate day, String model, OptionalLong requests, ByType tokens) {
        Entry entry = entry(day, model);
        if (requests.isPresent()) {
            entry.requests = OptionalLong.of(entry.requests.orElse(0) + requests.getAsLong());
        }
        entry.tokens = entry.tokens.plus(tokens);
    }

    /** Adds a cost, attributed to a token type when the report says which. */
    void cost(LocalDate day, String model, Optional<TokenKind> kind, long nanos) {
        Entry entry = entry(day, model);
        entry.cost = Math.addExact(entry.cost, nanos);
        kind.ifPresent(k -> entry.costByType = entry.costByType.plus(only(k, nanos)));
    }

    /** One figure per day and model seen, in day and model order. */
    List<ProviderFigure> figures(String provider, String source) {
        List<ProviderFigure> out = new ArrayList<>();
        entries.values().forEach(e -> out.add(new ProviderFigure(provider, e.day, e.model, source, e.requests,
                e.tokens, e.cost, e.costByType)));
        return List.copyOf(out);
    }

    /** US dollars to nano-dollars, rounded half up at the ninth decimal (reports give floats or cents). */
    static long nanos(BigDecimal usd) {
        if (Math.abs((long) usd.scale()) > 10_000) {
            // rounding 1e-100000000 runs for minutes; a report's amounts never look like that
            throw new ArithmeticException("an amount with an exponent beyond 10000 either way (scale " + usd.scale()
                    + ")");
        }
        return usd.movePointRight(9).setScale(0, RoundingMode.HALF_UP).longValueExact();
    }

    /** A by-type amount with one part stated. */
    static ByType only(TokenKind kind, long amount) {
        OptionalLong value = OptionalLong.of(amount);
        OptionalLong none = OptionalLong.empty();
        return switch (kind) {
            case INPUT -> new ByType(value, none, none, none);
            case CACHED_INPUT -> new ByType(none, value, none, none);
            case CACHE_WRITE -> new ByType(none, none, value, none);
            case OUTPUT -> new ByType(none, none, none, value);
        };
    }

    private Entry entry(LocalDate day, String model) {
        return entries.computeIfAbsent(day + "\u0000" + model, key -> new Entry(day, model));
    }

    private static final class Entry {
        private final LocalDate day;
        private final String model;
        private OptionalLong requests = OptionalLong.empty();
        private ByType tokens = ByType.NONE;
        private long cost;
        private ByType costByType = ByType.NONE;

        Entry(LocalDate day, String model) {
            this.day = day;
            this.model = model;
        }
    }
}
