package io.tollgate.node.reconcile;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What a fake provider served (and billed), per day and model: the fake upstream adds each chat it answers, tests
 * add bypass usage that never went through the gateway. The fake admin APIs report from it.
 */
final class ServedBook {

    /** One request's usage, priced at the provider's billed rates (USD per million tokens). */
    record Served(LocalDate day, String model, long input, long output, BigDecimal inputRate, BigDecimal outputRate) {
        BigDecimal inputUsd() {
            return inputRate.multiply(BigDecimal.valueOf(input)).movePointLeft(6);
        }

        BigDecimal outputUsd() {
            return outputRate.multiply(BigDecimal.valueOf(output)).movePointLeft(6);
        }
    }

    /** Sums of one day and model. */
    record Sum(long requests, long input, long output, BigDecimal inputUsd, BigDecimal outputUsd) {
    }

    private final List<Served> served = new CopyOnWriteArrayList<>();

    void add(Served one) {
        served.add(one);
    }

    /** Day to model to sums, in order. */
    Map<LocalDate, Map<String, Sum>> byDay() {
        Map<LocalDate, Map<String, Sum>> out = new TreeMap<>();
        for (Served s : served) {
            out.computeIfAbsent(s.day(), d -> new TreeMap<>()).merge(s.model(),
                    new Sum(1, s.input(), s.output(), s.inputUsd(), s.outputUsd()),
                    (a, b) -> new Sum(a.requests() + b.requests(), a.input() + b.input(), a.output() + b.output(),
                            a.inputUsd().add(b.inputUsd()), a.outputUsd().add(b.outputUsd())));
        }
        return out;
    }
}
