package io.tollgate.node.tracing;

import io.opentelemetry.api.trace.Span;
import io.tollgate.node.pipeline.Exchange;
import java.util.Locale;

/** The attributes spans carry: GenAI semantic conventions and Tollgate's own. */
final class SpanAttributes {

    private SpanAttributes() {
    }

    static void request(Span span, Exchange exchange) {
        span.setAttribute("gen_ai.operation.name", exchange.operation().name().toLowerCase(Locale.ROOT));
        span.setAttribute("gen_ai.request.model", exchange.body().path("model").asText(""));
        exchange.target().ifPresent(target -> {
            span.setAttribute("gen_ai.system", target.adapter().config().type().name().toLowerCase(Locale.ROOT));
            span.setAttribute("gen_ai.response.model", target.model().model());
            span.setAttribute("tollgate.provider", target.model().provider());
        });
        span.setAttribute("gen_ai.usage.input_tokens", exchange.usage().promptTokens());
        span.setAttribute("gen_ai.usage.output_tokens", exchange.usage().completionTokens());
        span.setAttribute("tollgate.request.id", exchange.id());
        span.setAttribute("tollgate.stream", exchange.stream());
        span.setAttribute("tollgate.attempts", exchange.attempts());
        span.setAttribute("tollgate.fallback_index", exchange.candidate());
        span.setAttribute("tollgate.cache.status", exchange.cacheOutcome().status());
        exchange.governed().ifPresent(governed -> span.setAttribute("tollgate.virtual_key.id", governed.key().id()));
        if (exchange.priced()) {
            span.setAttribute("tollgate.cost_usd", exchange.cost().toUsdString());
        }
        exchange.timeToFirstByte().ifPresent(ttft -> span.setAttribute("tollgate.time_to_first_token_ms",
                ttft.toNanos() / 1e6));
    }

    static void stage(Span span, String name, Exchange exchange) {
        if (name.equals("upstream attempt")) {
            exchange.route().ifPresent(route -> {
                span.setAttribute("tollgate.provider", route.model().provider());
                span.setAttribute("tollgate.provider_key", route.key().name());
            });
            span.setAttribute("tollgate.attempt", exchange.attempts());
            span.setAttribute("tollgate.upstream_ms", exchange.upstreamNanos() / 1e6);
        } else if (name.equals("cache")) {
            span.setAttribute("tollgate.cache.status", exchange.cacheOutcome().status());
        }
    }
}
