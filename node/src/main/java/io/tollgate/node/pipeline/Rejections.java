package io.tollgate.node.pipeline;

import io.tollgate.adapters.ErrorKind;
import io.tollgate.adapters.GatewayException;
import io.tollgate.adapters.pricing.Money;
import io.tollgate.cluster.governance.Path;
import io.tollgate.cluster.governance.GovernanceRegistry;
import io.tollgate.cluster.ledger.Admission;
import io.tollgate.cluster.ledger.CounterView;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Turns a refused admission into the client's error: which limit, at which level, its usage and when it resets.
 * 402 {@code budget_exceeded}, 429 {@code request_limited} / {@code token_limited} with {@code Retry-After} and the
 * {@code x-ratelimit-*} headers.
 */
final class Rejections {

    private Rejections() {
    }

    static GatewayException toException(Admission.Rejected rejected, Path path, GovernanceRegistry registry,
                                        long worstNanos, ClientChannel channel, Instant now) {
        CounterView counter = rejected.counter();
        String owner = owner(counter, registry);
        String resets = counter.resetsAt().map(at -> "It resets at " + at + " (in " + LimitHeaders.seconds(now, at)
                + ").").orElse("It does not reset.");
        GatewayException error = switch (rejected.reason()) {
            case BUDGET_EXCEEDED -> GatewayException.of(ErrorKind.BUDGET_EXCEEDED, "Budget exceeded: the "
                    + duration(path, counter) + " budget of " + owner + " has used " + usd(counter.used()) + " of "
                    + usd(counter.limit()) + (counter.reserved() > 0 ? ", with " + usd(counter.reserved())
                    + " held by requests in flight" : "") + "; this request may cost up to " + usd(worstNanos) + ". "
                    + resets).withCode("budget_exceeded");
            case REQUEST_LIMITED -> GatewayException.of(ErrorKind.RATE_LIMITED, "Request limit reached: " + owner
                    + " allows " + counter.limit() + " requests per " + window(path, counter) + ". " + resets)
                    .withCode("request_limited");
            case TOKEN_LIMITED -> GatewayException.of(ErrorKind.RATE_LIMITED, "Token limit reached: " + owner
                    + " allows " + counter.limit() + " tokens per " + window(path, counter) + ", with "
                    + counter.used() + " used and " + counter.reserved() + " reserved. " + resets)
                    .withCode("token_limited");
        };
        if (rejected.reason() != Admission.Reason.BUDGET_EXCEEDED) {
            LimitHeaders.window(channel, List.of(counter), counter.kind(),
                    rejected.reason() == Admission.Reason.REQUEST_LIMITED ? "requests" : "tokens", now);
        }
        return rejected.retryAfter().isZero() ? error
                : error.withRetryAfter(Duration.ofSeconds(Math.ceilDiv(rejected.retryAfter().toMillis(), 1000L)));
    }

    private static String owner(CounterView counter, GovernanceRegistry registry) {
        String id = counter.ownerId();
        return switch (counter.level()) {
            case CUSTOMER -> "customer '" + registry.customer(id).map(c -> c.name()).orElse(id) + "'";
            case TEAM -> "team '" + registry.team(id).map(t -> t.name()).orElse(id) + "'";
            case VIRTUAL_KEY -> "virtual key '" + registry.key(id).map(k -> k.name()).orElse(id) + "'";
            case PROVIDER_CONFIG -> {
                int slash = id.indexOf('/');
                String keyId = slash < 0 ? id : id.substring(0, slash);
                String provider = slash < 0 ? "" : id.substring(slash + 1);
                yield "provider '" + provider + "' of virtual key '" + registry.key(keyId).map(k -> k.name())
                        .orElse(keyId) + "'";
            }
            case END_USER -> {
                int slash = id.indexOf('/');
                String keyId = slash < 0 ? id : id.substring(0, slash);
                yield "end user '" + (slash < 0 ? "" : id.substring(slash + 1)) + "' of virtual key '"
                        + registry.key(keyId).map(k -> k.name()).orElse(keyId) + "'";
            }
            case TAG -> "tag " + id;
        } + " (level " + counter.level().apiName() + ")";
    }

    private static String duration(Path path, CounterView counter) {
        return path.budgets().stream().filter(b -> b.counterId().equals(counter.counterId()))
                .map(b -> (b.spec().resetDuration().never() ? "prepaid" : b.spec().resetDuration().toString())
                        + (b.spec().mode() == io.tollgate.config.BudgetMode.SOFT ? " soft" : ""))
                .findFirst().orElse("");
    }

    private static String window(Path path, CounterView counter) {
        return path.windows().stream().filter(w -> w.counterId().equals(counter.counterId()))
                .map(w -> w.window().toString()).findFirst().orElse("window");
    }

    private static String usd(long nanos) {
        return "$" + Money.ofNanos(nanos).toUsdString();
    }
}
