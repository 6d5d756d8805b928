package io.tollgate.node.pipeline;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.adapters.ErrorKind;
import io.tollgate.adapters.GatewayException;
import java.util.ArrayList;
import java.util.List;

/**
 * Tries the request's candidates in order: the requested model, then its fallbacks. Each candidate runs the rest of
 * the pipeline on its own (governed on its own path and price, balanced over its provider's keys with retries,
 * accounted and settled once), so a fallback is priced at its own model's rates. The next candidate is tried when
 * one fails in a way another provider may not (the upstream failed, its keys are all unavailable, or governance
 * refused this provider: over a provider budget, a rate limit, a model the key may not use), and only while nothing
 * has been sent to the client. Any other error, or the last candidate's, ends the request; when every candidate
 * failed the client gets the first error, with what was tried appended to its message.
 */
public final class FailoverStage implements Stage {

    private FailoverStage() {
    }

    /** A new failover stage. */
    public static FailoverStage create() {
        return new FailoverStage();
    }

    @Override
    public void handle(Exchange exchange, Chain next) {
        List<Target> candidates = exchange.candidates().isEmpty()
                ? List.of(exchange.target().orElseThrow(() -> new IllegalStateException("failover before route")))
                : exchange.candidates();
        // each fallback starts from the client's body (a candidate's adapter may change it): copy it only when
        // there is a fallback to start
        ObjectNode original = candidates.size() > 1 ? exchange.body().deepCopy() : exchange.body();
        GatewayException first = null;
        List<String> tried = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            Target candidate = candidates.get(i);
            exchange.beginCandidate(i, candidate, i == 0 ? exchange.body() : original.deepCopy());
            exchange.channel().header("x-tollgate-provider", candidate.model().provider());
            exchange.channel().header("x-tollgate-model", candidate.model().address());
            try {
                next.proceed(exchange);
                return;
            } catch (GatewayException e) {
                if (exchange.channel().committed() || !movesOn(e)) {
                    throw e;
                }
                if (first == null) {
                    first = e;
                }
                tried.add(describe(candidate, e));
            }
        }
        throw tried.size() == 1 ? first : withTried(first, tried);
    }

    /** True when another candidate may succeed where this one failed. */
    static boolean movesOn(GatewayException e) {
        return switch (e.kind()) {
            case UPSTREAM_UNREACHABLE, UPSTREAM_TIMEOUT, RATE_LIMITED, BUDGET_EXCEEDED, PERMISSION -> true;
            case UPSTREAM_ERROR -> e.status() >= 500 || e.status() == 429 || e.status() == 401 || e.status() == 403
                    || e.status() == 408;
            default -> false;
        };
    }

    private static GatewayException withTried(GatewayException first, List<String> tried) {
        String message = first.getMessage();
        return first.withMessage(message + (message.endsWith(".") ? "" : ".") + " Tried: " + String.join("; ", tried)
                + ".");
    }

    private static String describe(Target target, GatewayException e) {
        String what = e.kind() == ErrorKind.UPSTREAM_ERROR ? "upstream " + e.status() : e.kind().name().toLowerCase(
                java.util.Locale.ROOT).replace('_', ' ') + " (" + e.status() + ")";
        return target.model().address() + ": " + what;
    }
}
