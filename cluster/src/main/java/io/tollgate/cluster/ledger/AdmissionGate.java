package io.tollgate.cluster.ledger;

import io.tollgate.config.LowBudgetAction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One admission against one account: checks every window and budget of the request in order (request windows,
 * token windows, budgets), and only when all pass counts and reserves on all of them. A refusal changes nothing but
 * the periods (rolled to now) and limits (latest spec) of counters that already existed.
 */
final class AdmissionGate {

    private static final long MILLION = 1_000_000L;

    private final AdmissionRequest request;
    private final Instant now;
    private final List<Counter> budgets;
    private final List<Counter> windows;

    AdmissionGate(Map<String, Counter> counters, AdmissionRequest request) {
        this.request = request;
        this.now = request.now();
        this.budgets = new ArrayList<>(request.budgets().size());
        this.windows = new ArrayList<>(request.windows().size());
        for (BudgetCharge charge : request.budgets()) {
            budgets.add(resolve(counters, charge, now));
        }
        for (WindowCharge charge : request.windows()) {
            windows.add(resolve(counters, charge, now));
        }
    }

    /** The budget's counter with its latest spec, rolled to now; a new one (not yet added) when it has none. */
    static Counter resolve(Map<String, Counter> counters, BudgetCharge charge, Instant now) {
        Counter counter = counters.get(charge.counterId());
        if (counter != null && counter.is(CounterKind.BUDGET)) {
            counter.adopt(charge, now);
            counter.roll(now);
            return counter;
        }
        return Counter.budget(charge, now);
    }

    /** The window's counter with its latest limit, rolled to now; a new one (not yet added) when it has none. */
    static Counter resolve(Map<String, Counter> counters, WindowCharge charge, Instant now) {
        Counter counter = counters.get(charge.counterId());
        if (counter != null && counter.is(charge.kind())) {
            counter.adopt(charge, now);
            counter.roll(now);
            return counter;
        }
        return Counter.window(charge, now);
    }

    /**
     * Admits the request, adding its counters to {@code counters} and its reservation to {@code reservations}, or
     * refuses it and adds nothing.
     */
    Admission admit(Map<String, Counter> counters, Map<String, Reservation> reservations) {
        WorstCase worst = request.worstCase();
        long outputTokens = outputAllowance();
        boolean clamped = outputTokens < worst.outputTokens();
        long nanos = clamped ? worst.inputNanos() + worst.outputNanos(outputTokens) : worst.totalNanos();
        long tokens = worst.inputTokens() + outputTokens;
        Map<String, Long> leased = Leases.free(reservations.values());
        if (!request.force()) {
            Admission.Rejected refused = firstRefusal(nanos, tokens, leased);
            if (refused != null) {
                return refused;
            }
        }
        List<String> hard = new ArrayList<>();
        List<String> soft = new ArrayList<>();
        List<String> tokenWindows = new ArrayList<>();
        List<CounterView> views = new ArrayList<>(budgets.size() + windows.size());
        for (Counter budget : budgets) {
            counters.put(budget.id, budget);
            if (budget.hard) {
                budget.reserved += nanos;
                hard.add(budget.id);
            } else {
                soft.add(budget.id);
            }
            views.add(budget.viewAt(now, leased.getOrDefault(budget.id, 0L)));
        }
        for (Counter window : windows) {
            counters.put(window.id, window);
            if (window.kind == CounterKind.REQUESTS) {
                window.used++;
            } else {
                window.reserved += tokens;
                tokenWindows.add(window.id);
            }
            views.add(window.viewAt(now, leased.getOrDefault(window.id, 0L)));
        }
        long ttl = request.reservationTtl().toMillis();
        Reservation reservation = new Reservation(request.requestId(), ttl, now.toEpochMilli() + ttl, nanos, tokens,
                outputTokens, clamped, hard, soft, tokenWindows);
        reservations.put(request.requestId(), reservation);
        return reservation.answer(views);
    }

    /** The first limit that refuses, in order (request windows, token windows, budgets), or null when none does. */
    private Admission.Rejected firstRefusal(long nanos, long tokens, Map<String, Long> leased) {
        for (Counter window : windows) {
            if (window.kind == CounterKind.REQUESTS && window.used + window.reserved >= window.limit) {
                return reject(Admission.Reason.REQUEST_LIMITED, window, leased);
            }
        }
        for (Counter window : windows) {
            if (window.kind == CounterKind.TOKENS && window.available() < tokens) {
                return reject(Admission.Reason.TOKEN_LIMITED, window, leased);
            }
        }
        for (Counter budget : budgets) {
            if (budget.hard ? budget.available() < nanos : budget.used >= budget.limit) {
                return reject(Admission.Reason.BUDGET_EXCEEDED, budget, leased);
            }
        }
        return null;
    }

    /**
     * The output tokens the reservation pays for: the requested allowance, or (clamping allowed) the largest one
     * every clamping hard budget that cannot pay the whole worst case can pay, at least 1 (a budget that cannot pay
     * one token then refuses).
     */
    private long outputAllowance() {
        WorstCase worst = request.worstCase();
        long allowance = worst.outputTokens();
        if (!request.allowClamp() || allowance == 0) {
            return allowance;
        }
        long full = worst.totalNanos();
        for (int i = 0; i < budgets.size(); i++) {
            Counter budget = budgets.get(i);
            if (budget.hard && request.budgets().get(i).spec().onLowBudget() == LowBudgetAction.CLAMP
                    && budget.available() < full) {
                allowance = Math.min(allowance, affordableOutput(budget.available(), worst));
            }
        }
        return allowance < worst.outputTokens() ? Math.max(allowance, 1) : allowance;
    }

    /** The most output tokens {@code available} pays for after the input: floor(left × 10⁶ / rate). */
    static long affordableOutput(long available, WorstCase worst) {
        long left = available - worst.inputNanos();
        long rate = worst.outputNanosPerMillionTokens();
        if (left < 0) {
            return 0;
        }
        if (rate == 0) {
            return Long.MAX_VALUE;
        }
        try {
            return Math.multiplyExact(left, MILLION) / rate;
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    private Admission.Rejected reject(Admission.Reason reason, Counter counter, Map<String, Long> leased) {
        return new Admission.Rejected(reason, counter.viewAt(now, leased.getOrDefault(counter.id, 0L)),
                counter.untilEnd(now));
    }
}
