package io.tollgate.node.pipeline;

import io.tollgate.adapters.ErrorKind;
import io.tollgate.adapters.GatewayException;
import io.tollgate.adapters.Operation;
import io.tollgate.adapters.pricing.Price;
import io.tollgate.cluster.governance.GovernanceRegistry;
import io.tollgate.cluster.governance.Path;
import io.tollgate.cluster.ledger.Admission;
import io.tollgate.cluster.ledger.AdmissionRequest;
import io.tollgate.cluster.ledger.BudgetLedger;
import io.tollgate.cluster.ledger.LedgerUnavailableException;
import io.tollgate.cluster.ledger.WorstCase;
import io.tollgate.config.BudgetMode;
import io.tollgate.config.GovernanceConfig;
import io.tollgate.config.KeyProviderSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Holds the request to its virtual key's limits before any upstream call: the provider and model must be allowed,
 * then one atomic admission on the key's account reserves the worst-case cost on every budget of the path
 * (the request's end user under the key, provider config, key, team, customer) and counts it in every rate-limit
 * window, or refuses naming the limit; then each tag value of the request that has budgets is admitted on its own
 * account ({@link TagBudgets}), and a refusal there releases what was reserved before.
 * After the call, in {@code finally}, exactly one settlement charges the actual cost and releases the rest.
 * Requests without a virtual key (enforcement off) pass ungoverned.
 */
public final class GovernStage implements Stage {

    private final GovernanceRegistry registry;
    private final BudgetLedger ledger;
    private final Clock clock;
    private final GovernanceConfig config;
    private final Settlements settlements;
    private final boolean openOnPartition;
    private final TagBudgets tagBudgets;
    private final AudioUploads uploads = new AudioUploads(io.tollgate.adapters.pricing.TranscriptionPrices.bundled());

    private GovernStage(GovernanceRegistry registry, BudgetLedger ledger, Clock clock, GovernanceConfig config,
                        Settlements settlements, boolean openOnPartition) {
        this.openOnPartition = openOnPartition;
        this.tagBudgets = TagBudgets.of(config.tags());
        this.registry = registry;
        this.ledger = ledger;
        this.clock = clock;
        this.config = config;
        this.settlements = settlements;
    }

    /**
     * A govern stage; {@code settlements} retries settlements the ledger could not take at once;
     * {@code openOnPartition} serves (and records later) requests refused by a lost quorum ({@code cluster.on_partition:
     * open}), while other ledger failures follow {@code governance.on_state_unavailable}.
     */
    public static GovernStage create(GovernanceRegistry registry, BudgetLedger ledger, Clock clock,
                                     GovernanceConfig config, Settlements settlements, boolean openOnPartition) {
        return new GovernStage(registry, ledger, clock, config, settlements, openOnPartition);
    }

    @Override
    public void handle(Exchange exchange, Chain next) {
        if (exchange.governed().isEmpty()) {
            next.proceed(exchange);
            return;
        }
        Governed governed = exchange.governed().get();
        Target target = exchange.target().orElseThrow(() -> new IllegalStateException("govern before route"));
        var keyPath = registry.path(governed.key(), target.model().provider());
        checkAllowed(governed, target, keyPath);
        for (String model : exchange.resource().map(ResourceCall::models).orElse(List.of())) {
            // a batch's every line, not only the model it is routed by
            checkAllowed(governed, new Target(new io.tollgate.adapters.ModelRef(target.model().provider(), model),
                    target.adapter(), target.price()), keyPath);
        }
        var path = exchange.dimensions().endUser().map(user -> keyPath.withEndUser(governed.key(), user))
                .orElse(keyPath);
        List<Path> tagPaths = tagBudgets.paths(exchange.dimensions().tags(), path);
        if (path.budgets().isEmpty() && path.windows().isEmpty() && tagPaths.isEmpty()) {
            next.proceed(exchange);
            return;
        }
        boolean hard = hard(path);
        for (Path tagPath : tagPaths) {
            hard |= hard(tagPath);
        }
        if (hard && target.price().isEmpty() && !Unbilled.is(exchange.operation())) {
            throw GatewayException.of(ErrorKind.PERMISSION, "Model '" + target.model().address() + "' has no price, "
                    + "and virtual key '" + governed.key().name() + "' has a hard budget that cannot count an "
                    + "unknown cost. Add the model under 'pricing' in the configuration.").withCode("model_blocked");
        }
        List<Reservation> reservations = new ArrayList<>(1 + tagPaths.size());
        try {
            WorstCase worst = worstCase(exchange, target, hard);
            reservations.add(admit(exchange, path, worst, exchange.ledgerId()));
            for (Path tagPath : tagPaths) {
                reservations.add(admit(exchange, tagPath, worst, TagBudgets.ledgerId(exchange.ledgerId(), tagPath)));
            }
        } catch (LedgerUnavailableException | GatewayException e) {
            // what was reserved on the accounts before is released: nothing was served
            reservations.forEach(held -> settlements.settle(held.accountId(), held.ledgerId(), 0, 0, exchange));
            if (e instanceof GatewayException refused) {
                throw refused;
            }
            boolean open = config.onStateUnavailable() == GovernanceConfig.StateUnavailable.OPEN
                    || (((LedgerUnavailableException) e).quorumLost() && openOnPartition);
            if (!open) {
                throw GatewayException.of(ErrorKind.UNAVAILABLE, "Budgets and rate limits cannot be checked right "
                        + "now (the governance state is unavailable), so the request was refused.", e)
                        .withCode("governance_unavailable");
            }
            serveUnenforced(exchange, path, tagPaths, next);
            return;
        }
        if (exchange.stream()) {
            // without max_tokens the stream may outgrow its reservation and is extended or cut; with it the upstream
            // stops within the reservation, and the guard only meters what was sent, to bill a stream cut short
            exchange.governed().get().guard(StreamAllowance.create(ledger, clock, reservations,
                    config.defaultOutputTokens(), registry, exchange.channel()));
        }
        exchange.resource().ifPresent(call -> call.reservations(reservations.stream()
                .map(held -> new io.tollgate.cluster.batch.BatchJob.Held(held.accountId(), held.ledgerId())).toList()));
        try {
            next.proceed(exchange);
        } finally {
            if (exchange.resource().filter(ResourceCall::keepsReservations).isEmpty()) {
                settle(exchange, reservations);
            }
        }
    }

    /**
     * {@code on_state_unavailable: open}: serves without a reservation and records the spend for settlement once
     * the ledger answers again.
     */
    private void serveUnenforced(Exchange exchange, Path path, List<Path> tagPaths, Chain next) {
        exchange.channel().header("x-tollgate-governance", "unenforced");
        try {
            next.proceed(exchange);
        } finally {
            long cost = exchange.priced() ? exchange.cost().nanos() : 0;
            record(path, exchange.ledgerId(), cost, exchange);
            for (Path tagPath : tagPaths) {
                record(tagPath, TagBudgets.ledgerId(exchange.ledgerId(), tagPath), cost, exchange);
            }
        }
    }

    private void record(Path path, String ledgerId, long cost, Exchange exchange) {
        settlements.record(new AdmissionRequest(path.accountId(), ledgerId, clock.instant(), path.budgets(),
                path.windows(), new WorstCase(0, 0, 0, 0), false, Duration.ofMillis(config.reservationTimeoutMs()),
                true), cost, exchange.usage().totalTokens());
    }

    /** What the request may cost at most; a hard budget without {@code max_tokens} bounds its output. */
    private WorstCase worstCase(Exchange exchange, Target target, boolean hard) {
        if (Unbilled.is(exchange.operation())) {
            return new WorstCase(0, 0, 0, 0);   // counted as a request, never reserved or billed
        }
        if (exchange.operation().audioUpload()) {
            return uploads.worstCase(exchange, target);   // a bound of the audio's length or tokens
        }
        if (Unbilled.deferred(exchange.operation())) {
            // every line of the batch at batch prices, worked out by BatchStage
            return exchange.resource().map(ResourceCall::worstCase).orElseThrow();
        }
        long inputTokens = TokenBounds.input(exchange.operation(), exchange.body());
        // the tier of the prompt's upper bound: a long prompt reserves at its long-context rates
        Price price = target.price().map(p -> p.at(inputTokens)).orElse(new Price("unpriced", 0, 0, 0, 0, 0, 0));
        OptionalLong requested = TokenBounds.requestedOutput(exchange.body());
        if (exchange.operation() == Operation.SPEECH) {
            // the input's characters at the price per million: the exact cost, known before the call
            return new WorstCase(Math.ceilDiv(Math.multiplyExact(inputTokens, price.input()), 1_000_000L), 0, 0,
                    inputTokens);
        }
        if (exchange.operation() == Operation.IMAGES) {
            // an image costs its per-image price as one output unit: n images reserve exactly n of them
            return new WorstCase(0, TokenBounds.choices(exchange.body()), price.output(), 0);
        }
        long outputTokens = exchange.operation() == Operation.EMBEDDINGS ? 0
                : requested.orElse(config.defaultOutputTokens() * TokenBounds.choices(exchange.body()));
        if (requested.isEmpty() && hard && !exchange.stream() && exchange.operation() != Operation.EMBEDDINGS) {
            // a whole response cannot be cut short later: ask the upstream for no more than is reserved
            MaxTokens.set(exchange, config.defaultOutputTokens());
            exchange.channel().header("x-tollgate-max-tokens", Long.toString(config.defaultOutputTokens()));
        }
        long inputRate = Math.max(price.input(), Math.max(price.cacheWrite(), price.cacheWrite1h()));
        return new WorstCase(Math.ceilDiv(Math.multiplyExact(inputTokens, inputRate), 1_000_000L),
                outputTokens, Math.max(price.output(), price.reasoning()), inputTokens);
    }

    /** One atomic admission on one account: the key's path, or one tag value's. */
    private Reservation admit(Exchange exchange, Path path, WorstCase worst, String ledgerId) {
        Instant now = clock.instant();
        boolean first = ledgerId.equals(exchange.ledgerId());
        // a batch's reservation is held until the batch must have ended, not for the request's time
        Duration ttl = Unbilled.deferred(exchange.operation())
                ? exchange.resource().map(ResourceCall::reservationTtl).orElseThrow()
                : Duration.ofMillis(config.reservationTimeoutMs());
        Admission admission = ledger.admit(new AdmissionRequest(path.accountId(), ledgerId, now, path.budgets(),
                path.windows(), worst, first && !exchange.stream() && exchange.operation() != Operation.EMBEDDINGS
                        && exchange.operation() != Operation.IMAGES && exchange.operation() != Operation.SPEECH
                        && !Unbilled.deferred(exchange.operation()) && !exchange.operation().audioUpload(), ttl));
        if (admission instanceof Admission.Rejected rejected) {
            throw Rejections.toException(rejected, path, registry, worst.totalNanos(), exchange.channel(), now);
        }
        Admission.Admitted admitted = (Admission.Admitted) admission;
        if (admitted.clamped()) {
            MaxTokens.set(exchange, admitted.outputTokens() / TokenBounds.choices(exchange.body()));
            exchange.channel().header("x-tollgate-max-tokens-clamped", Long.toString(admitted.outputTokens()));
        }
        if (first) {
            LimitHeaders.write(exchange.channel(), admitted.counters(), now);
        }
        return new Reservation(path.accountId(), ledgerId, worst, admitted, path);
    }

    private static boolean hard(Path path) {
        for (var budget : path.budgets()) {
            if (budget.spec().mode() == BudgetMode.HARD) {
                return true;
            }
        }
        return false;
    }

    private static void checkAllowed(Governed governed, Target target, Path path) {
        var key = governed.key();
        if (!path.providerAllowed()) {
            throw GatewayException.of(ErrorKind.PERMISSION, "Virtual key '" + key.name() + "' may not use provider '"
                    + target.model().provider() + "'; it may use: " + String.join(", ", key.providerConfigs().stream()
                    .map(KeyProviderSpec::provider).toList()) + ".").withCode("provider_blocked");
        }
        if (!path.allows(target.model().model())) {
            throw GatewayException.of(ErrorKind.PERMISSION, "Virtual key '" + key.name() + "' may not use model '"
                    + target.model().address() + "'.").withCode("model_blocked");
        }
    }

    private void settle(Exchange exchange, List<Reservation> reservations) {
        long cost = exchange.priced() ? exchange.cost().nanos() : 0;
        if (exchange.usageEstimated() && exchange.governed().get().guard() instanceof StreamAllowance allowance) {
            // an estimate of a cut stream never bills more than was reserved for it
            cost = Math.min(cost, allowance.reservedNanos());
        }
        for (Reservation reservation : reservations) {
            settlements.settle(reservation.accountId(), reservation.ledgerId(), cost, exchange.usage().totalTokens(),
                    exchange);
        }
    }

    /**
     * What was reserved for one request on one account.
     *
     * @param accountId the account
     * @param ledgerId the request's id on that account
     * @param worst what the request may cost at most
     * @param admitted the ledger's answer
     * @param path what was checked on the account
     */
    record Reservation(String accountId, String ledgerId, WorstCase worst, Admission.Admitted admitted, Path path) {
    }
}
