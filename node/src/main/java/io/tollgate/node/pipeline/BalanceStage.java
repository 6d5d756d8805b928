package io.tollgate.node.pipeline;

import io.tollgate.adapters.ErrorKind;
import io.tollgate.adapters.GatewayException;
import io.tollgate.adapters.spi.ProviderAdapter;
import io.tollgate.cluster.health.KeyHealth;
import io.tollgate.config.KeyProviderSpec;
import io.tollgate.config.ProviderConfig;
import io.tollgate.config.ProviderKey;
import io.tollgate.config.RetryPolicy;
import io.tollgate.node.balance.Attempt;
import io.tollgate.node.balance.BalancedKey;
import io.tollgate.node.balance.BreakerSettings;
import io.tollgate.node.balance.Failure;
import io.tollgate.node.balance.KeyBalancer;
import io.tollgate.node.balance.Strategy;
import io.tollgate.node.balance.UpstreamQuota;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;

/**
 * Chooses the provider key for each attempt and retries within the provider: the provider's {@link KeyBalancer}
 * picks a key (within the virtual key's {@code key_ids}, serving the model, not cooling, dead or with an open
 * circuit), the rest of the pipeline calls it, and the outcome goes back to the balancer. A 429 cools the key down
 * cluster-wide and moves to another key at once; a 401/403 marks it dead and moves on; a 5xx, a timeout or a
 * connection failure is retried after a jittered exponential backoff (on another key when there is one); a client
 * error (other 4xx) and anything after the first byte went to the client end the request. At most
 * {@code 1 + retries.max} calls per provider; when no key is left the request fails with 502 naming each key's state.
 * Each call is recorded in the exchange's attempt log: provider, model, key name, its status and error kind.
 */
public final class BalanceStage implements Stage {

    private final Map<String, KeyBalancer> balancers = new HashMap<>();
    private final Map<String, ProviderConfig> providers = new HashMap<>();
    private final Clock clock;

    private BalanceStage(Map<String, ProviderAdapter> adapters, KeyHealth health, Clock clock) {
        this.clock = clock;
        adapters.forEach((name, adapter) -> {
            ProviderConfig config = adapter.config();
            providers.put(name, config);
            balancers.put(name, KeyBalancer.create(name, Strategy.valueOf(config.balancing().name()),
                    config.keys().stream().map(BalanceStage::balanced).toList(), breaker(config), health, clock,
                    ThreadLocalRandom.current()));
        });
    }

    /** A balance stage over these providers' keys, sharing key health through {@code health}. */
    public static BalanceStage create(Map<String, ProviderAdapter> adapters, KeyHealth health, Clock clock) {
        return new BalanceStage(adapters, health, clock);
    }

    /** Each provider's balancer, by provider name (for the management API). */
    public Map<String, KeyBalancer> balancers() {
        return Map.copyOf(balancers);
    }

    @Override
    public void handle(Exchange exchange, Chain next) {
        Target target = exchange.target().orElseThrow(() -> new IllegalStateException("balance before route"));
        String provider = target.model().provider();
        KeyBalancer balancer = balancers.get(provider);
        ProviderConfig config = providers.get(provider);
        List<String> permitted = exchange.governed()
                .flatMap(g -> providerSpec(g.key().providerConfigs(), provider))
                .map(KeyProviderSpec::keyIds)
                .orElse(List.of());
        java.util.Optional<String> pinned = exchange.resource().flatMap(ResourceCall::pinnedKey);
        if (pinned.isPresent()) {
            // a stored file or batch is read with the key that holds it (they belong to the key's account)
            if (!permitted.isEmpty() && !permitted.contains(pinned.get())) {
                throw GatewayException.of(ErrorKind.PERMISSION, "This virtual key may not use the provider key "
                        + "that holds the file or batch.").withCode("provider_blocked");
            }
        }
        List<String> allowed = pinned.map(List::of).orElse(permitted);
        if (!allowed.isEmpty() && config.keys().stream().noneMatch(key -> allowed.contains(key.name()))) {
            throw GatewayException.of(ErrorKind.PERMISSION, "None of the provider keys this virtual key may use ("
                    + String.join(", ", allowed) + ") exists on provider '" + provider + "'.")
                    .withCode("provider_blocked");
        }
        RetryPolicy retries = config.retries();
        Set<String> refused = new HashSet<>();
        Set<String> failed = new HashSet<>();
        GatewayException last = null;
        Failure lastFailure = null;
        for (int call = 0; call <= retries.max(); call++) {
            Optional<Attempt> chosen = choose(balancer, target, allowed, refused, failed);
            if (chosen.isEmpty()) {
                if (last != null && !(lastFailure instanceof Failure.Unauthorized)) {
                    throw last;
                }
                throw noKeyLeft(provider, balancer.unavailableSummary(target.model().model(), allowed), last);
            }
            Attempt attempt = chosen.get();
            ProviderKey key = keyNamed(config, attempt.key().name());
            exchange.beginAttempt();
            exchange.route(new Route(target.model(), target.adapter(), key, target.price()));
            exchange.channel().header("x-tollgate-key", key.name());
            exchange.channel().header("x-tollgate-attempts", Integer.toString(exchange.attempts()));
            Instant started = clock.instant();
            try {
                next.proceed(exchange);
            } catch (GatewayException e) {
                LogRows.recordAttempt(exchange, started, key.name(), e.status(),
                        Optional.of(e.kind().name().toLowerCase(Locale.ROOT)));
                Failure failure = failure(e, exchange);
                attempt.failed(failure);
                if (exchange.channel().committed() || !retried(failure)) {
                    throw e;
                }
                last = e;
                lastFailure = failure;
                if (failure.countsAgainstKey()) {
                    failed.add(key.name());
                    backOff(retries, call);
                } else {
                    refused.add(key.name());
                }
                continue;
            } catch (RuntimeException | Error e) {
                LogRows.recordAttempt(exchange, started, key.name(), 500, Optional.of("internal_error"));
                attempt.failed(new Failure.Cancelled());
                throw e;
            }
            LogRows.recordAttempt(exchange, started, key.name(),
                    exchange.response().map(Exchange.Response::status).orElse(200), Optional.empty());
            attempt.succeeded(Duration.ofNanos(exchange.upstreamNanos()), exchange.usage().totalTokens(),
                    UpstreamQuota.parse(name -> Optional.ofNullable(exchange.upstreamHeaders().get(name)),
                            clock.instant()));
            return;
        }
        if (lastFailure instanceof Failure.Unauthorized) {
            // the provider refused the gateway's key, not the client's credentials
            throw noKeyLeft(provider, balancer.unavailableSummary(target.model().model(), allowed), last);
        }
        throw last;
    }

    /**
     * A key for the next call: never one that refused the request (429, 401, 403); one that failed (5xx, timeout,
     * connection) only when no other is left.
     */
    private static Optional<Attempt> choose(KeyBalancer balancer, Target target, List<String> allowed,
                                            Set<String> refused, Set<String> failed) {
        Set<String> avoided = new HashSet<>(refused);
        avoided.addAll(failed);
        Optional<Attempt> fresh = balancer.choose(target.model().model(), allowed, avoided);
        return fresh.isPresent() || failed.isEmpty() ? fresh : balancer.choose(target.model().model(), allowed, refused);
    }

    /** What an attempt's failure means for its key. */
    static Failure failure(GatewayException e, Exchange exchange) {
        return switch (e.kind()) {
            case UPSTREAM_TIMEOUT -> new Failure.TimedOut();
            case UPSTREAM_UNREACHABLE -> new Failure.Unreachable();
            case UPSTREAM_ERROR -> switch (e.status()) {
                case 429 -> new Failure.RateLimited(e.retryAfter().filter(after -> !after.isZero()));
                case 401, 403 -> new Failure.Unauthorized(e.status());
                default -> e.status() >= 500 ? new Failure.ServerError(e.status())
                        : e.status() == 408 ? new Failure.TimedOut() : new Failure.ClientError();
            };
            default -> exchange.channel().committed() ? new Failure.Cancelled() : new Failure.ClientError();
        };
    }

    private static boolean retried(Failure failure) {
        return !(failure instanceof Failure.ClientError || failure instanceof Failure.Cancelled);
    }

    /** Jittered exponential backoff: a random wait up to {@code min(max, initial × 2^call)} (full jitter). */
    private static void backOff(RetryPolicy retries, int call) {
        long ceiling = Math.min(retries.backoffMaxMs(), retries.backoffInitialMs() << Math.min(call, 20));
        long millis = ThreadLocalRandom.current().nextLong(ceiling + 1);
        LockSupport.parkNanos(Duration.ofMillis(millis).toNanos());
    }

    private static GatewayException noKeyLeft(String provider, String summary, GatewayException last) {
        String message = "Provider '" + provider + "' has no key that can serve the request now: " + summary
                + (last == null ? "." : ". Last upstream answer: " + last.getMessage());
        return GatewayException.of(ErrorKind.UPSTREAM_UNREACHABLE, message).withCode("provider_keys_unavailable");
    }

    private static ProviderKey keyNamed(ProviderConfig config, String name) {
        return config.keys().stream().filter(key -> key.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException("balancer chose unknown key " + name));
    }

    private static BalancedKey balanced(ProviderKey key) {
        return new BalancedKey(key.name(), key.weight(), Set.copyOf(key.models()), key.rpm(), key.tpm());
    }

    private static BreakerSettings breaker(ProviderConfig config) {
        var breaker = config.circuitBreaker();
        return new BreakerSettings(breaker.consecutiveFailures(), breaker.errorRatePercent(), breaker.window(),
                Duration.ofMillis(breaker.openMs()), breaker.halfOpenProbes());
    }

    static Optional<KeyProviderSpec> providerSpec(List<KeyProviderSpec> specs, String provider) {
        for (KeyProviderSpec spec : specs) {
            if (spec.provider().equals(provider)) {
                return Optional.of(spec);
            }
        }
        return Optional.empty();
    }
}
