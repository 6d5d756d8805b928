package io.tollgate.node.tracing;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.tollgate.adapters.GatewayException;
import io.tollgate.node.pipeline.Exchange;
import io.tollgate.node.pipeline.Stage;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Traces requests with OpenTelemetry: a server span per request (continuing the client's {@code traceparent}),
 * a child span per stage it wraps (governance, cache, accounting) and per upstream attempt, GenAI
 * semantic-convention attributes on the request span, and the current span's context passed upstream. Configured by
 * the standard {@code OTEL_*} variables; when none asks for traces it is off, and the pipeline is built without
 * any of its stages, so it costs nothing. Thread-safe.
 */
public final class RequestTracing implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(RequestTracing.class.getName());
    private static final TextMapPropagator W3C = W3CTraceContextPropagator.getInstance();
    private static final TextMapGetter<Exchange> HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Exchange exchange) {
            return List.of("traceparent", "tracestate");
        }

        @Override
        public String get(Exchange exchange, String key) {
            return exchange == null ? null : exchange.header(key).orElse(null);
        }
    };

    private final Optional<OpenTelemetry> telemetry;
    private final Optional<Tracer> tracer;
    private final Runnable shutdown;

    private RequestTracing(Optional<OpenTelemetry> telemetry, Runnable shutdown) {
        this.telemetry = telemetry;
        this.tracer = telemetry.map(t -> t.getTracer("io.tollgate.node"));
        this.shutdown = shutdown;
    }

    /** Tracing off: no spans, no stages. */
    public static RequestTracing off() {
        return new RequestTracing(Optional.empty(), () -> { });
    }

    /** Tracing into this OpenTelemetry (tests pass an SDK with an in-memory exporter). */
    public static RequestTracing create(OpenTelemetry telemetry) {
        return new RequestTracing(Optional.of(telemetry), () -> { });
    }

    /**
     * Tracing as the standard variables say: on when {@code OTEL_TRACES_EXPORTER} names an exporter other than
     * {@code none} or an OTLP endpoint is set ({@code OTEL_EXPORTER_OTLP_ENDPOINT} or
     * {@code OTEL_EXPORTER_OTLP_TRACES_ENDPOINT}), unless {@code OTEL_SDK_DISABLED=true}; the SDK then reads every
     * other {@code OTEL_*} variable itself (service name, sampler, headers, protocol).
     */
    public static RequestTracing fromEnvironment(Map<String, String> env) {
        boolean disabled = "true".equalsIgnoreCase(env.getOrDefault("OTEL_SDK_DISABLED", ""));
        String exporter = env.getOrDefault("OTEL_TRACES_EXPORTER", "");
        boolean asked = (!exporter.isBlank() && !exporter.equals("none"))
                || env.containsKey("OTEL_EXPORTER_OTLP_ENDPOINT") || env.containsKey("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT");
        if (disabled || !asked) {
            return off();
        }
        Map<String, String> properties = new HashMap<>();
        properties.put("otel.metrics.exporter", "none");
        properties.put("otel.logs.exporter", "none");
        properties.put("otel.service.name", "tollgate");
        properties.put("otel.exporter.otlp.protocol", "http/protobuf");   // the JDK sender speaks OTLP over HTTP
        env.forEach((name, value) -> {
            if (name.startsWith("OTEL_")) {
                properties.put(name.toLowerCase(java.util.Locale.ROOT).replace('_', '.'), value);
            }
        });
        try {
            var sdk = AutoConfiguredOpenTelemetrySdk.builder()
                    .addPropertiesSupplier(() -> properties)
                    .build()
                    .getOpenTelemetrySdk();
            return new RequestTracing(Optional.of(sdk), sdk::close);
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "traces are off: the OTEL_* settings could not be used (" + e.getMessage()
                    + (e.getCause() == null ? "" : ": " + e.getCause().getMessage())
                    + "); Tollgate exports OTLP over HTTP (OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf)");
            return off();
        }
    }

    /** True when spans are recorded. */
    public boolean enabled() {
        return tracer.isPresent();
    }

    /**
     * The stages to run: as given when tracing is off; otherwise a request span first and a child span around
     * each stage named in {@code spanNames} (by position; {@code null} for none).
     */
    public List<Stage> wrap(List<Stage> stages, List<String> spanNames) {
        if (tracer.isEmpty()) {
            return stages;
        }
        List<Stage> traced = new java.util.ArrayList<>(stages.size() + 1);
        traced.add(this::request);
        for (int i = 0; i < stages.size(); i++) {
            String name = spanNames.get(i);
            Stage stage = stages.get(i);
            traced.add(name == null ? stage : (exchange, next) -> child(name, stage, exchange, next));
        }
        return List.copyOf(traced);
    }

    /** The current span's context as {@code traceparent}/{@code tracestate} headers; empty when tracing is off. */
    public Map<String, String> upstreamHeaders() {
        if (tracer.isEmpty()) {
            return Map.of();
        }
        Map<String, String> headers = new HashMap<>(2);
        W3C.inject(Context.current(), headers, (carrier, key, value) -> carrier.put(key, value));
        return headers;
    }

    private void request(Exchange exchange, Stage.Chain next) {
        Context parent = W3C.extract(Context.root(), exchange, HEADERS);
        Span span = tracer.get().spanBuilder(exchange.operation().name().toLowerCase(java.util.Locale.ROOT)
                        + " " + exchange.body().path("model").asText("unknown"))
                .setParent(parent).setSpanKind(SpanKind.SERVER).startSpan();
        try (Scope scope = span.makeCurrent()) {
            next.proceed(exchange);
        } catch (GatewayException e) {
            span.setStatus(StatusCode.ERROR, e.kind().name());
            span.setAttribute("http.response.status_code", e.status());
            span.setAttribute("error.type", e.kind().name().toLowerCase(java.util.Locale.ROOT));
            throw e;
        } catch (RuntimeException e) {
            span.setStatus(StatusCode.ERROR, e.getClass().getSimpleName());
            span.recordException(e);
            throw e;
        } finally {
            SpanAttributes.request(span, exchange);
            span.end();
        }
    }

    private void child(String name, Stage stage, Exchange exchange, Stage.Chain next) {
        Span span = tracer.get().spanBuilder(name).startSpan();
        try (Scope scope = span.makeCurrent()) {
            stage.handle(exchange, next);
        } catch (GatewayException e) {
            span.setStatus(StatusCode.ERROR, e.kind().name());
            throw e;
        } finally {
            SpanAttributes.stage(span, name, exchange);
            span.end();
        }
    }

    /** Exports what is buffered and stops the SDK. */
    @Override
    public void close() {
        shutdown.run();
    }

    /** The SDK in use, if any (tests). */
    Optional<OpenTelemetry> telemetry() {
        return telemetry;
    }
}
