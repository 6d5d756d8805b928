package io.tollgate.node.pipeline;

import io.tollgate.adapters.pricing.Money;
import io.tollgate.cluster.ledger.CounterKind;
import io.tollgate.cluster.ledger.CounterView;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Response headers that show where a request stands: {@code x-tollgate-budget-remaining-usd} for the tightest
 * budget on the path, and OpenAI-style {@code x-ratelimit-limit-*}, {@code -remaining-*}, {@code -reset-*} for the
 * tightest request and token windows.
 */
final class LimitHeaders {

    private LimitHeaders() {
    }

    static void write(ClientChannel channel, List<CounterView> counters, Instant now) {
        tightest(counters, CounterKind.BUDGET).ifPresent(budget ->
                channel.header("x-tollgate-budget-remaining-usd", Money.ofNanos(budget.remaining()).toUsdString()));
        window(channel, counters, CounterKind.REQUESTS, "requests", now);
        window(channel, counters, CounterKind.TOKENS, "tokens", now);
    }

    static void window(ClientChannel channel, List<CounterView> counters, CounterKind kind, String suffix,
                       Instant now) {
        tightest(counters, kind).ifPresent(window -> {
            channel.header("x-ratelimit-limit-" + suffix, Long.toString(window.limit()));
            channel.header("x-ratelimit-remaining-" + suffix, Long.toString(window.remaining()));
            window.resetsAt().ifPresent(at -> channel.header("x-ratelimit-reset-" + suffix, seconds(now, at)));
        });
    }

    static String seconds(Instant now, Instant at) {
        long millis = Math.max(0, Duration.between(now, at).toMillis());
        return Math.ceilDiv(millis, 1000L) + "s";
    }

    private static java.util.Optional<CounterView> tightest(List<CounterView> counters, CounterKind kind) {
        CounterView tightest = null;
        for (int i = 0; i < counters.size(); i++) {   // every request: no stream
            CounterView counter = counters.get(i);
            if (counter.kind() == kind && (tightest == null || counter.remaining() < tightest.remaining())) {
                tightest = counter;
            }
        }
        return java.util.Optional.ofNullable(tightest);
    }
}
