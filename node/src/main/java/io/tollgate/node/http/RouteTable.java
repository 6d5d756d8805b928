package io.tollgate.node.http;

import io.helidon.http.Method;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRouting;
import io.tollgate.adapters.Operation;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Every route a node registers, as registered: each part of the node adds its routes through a
 * {@link #recording recording view} of the Helidon routing builder, which classifies every route it sees. A route
 * whose handler is an {@link ApiHandler} runs the whole pipeline (authentication, budgets and rate limits,
 * accounting, logging) and is an inference route; any other route in the gateway's paths ({@code /v1},
 * {@code /openai}, {@code /anthropic}, {@code /genai}, {@code /bedrock}) must be one of the few declared ungoverned
 * ones (the model list, health, the fallback), or it is {@link Kind#UNDECLARED} — which the route-enumeration test
 * refuses. Routes added in
 * a way the view cannot read (a raw {@code HttpRoute}, a service) are undeclared too. Thread-safe for reading once
 * the server is built; routes are added by one thread while it builds.
 */
public final class RouteTable {

    /** What a route is for. */
    public enum Kind {
        /** Runs the request pipeline: authenticated, governed, accounted and logged. */
        INFERENCE,
        /** The model list: no upstream call, no cost. */
        CATALOG,
        /** Liveness and readiness. */
        HEALTH,
        /** The management API, authenticated by admin tokens. */
        MANAGEMENT,
        /** The dashboard's files. */
        UI,
        /** Prometheus metrics. */
        METRICS,
        /** The catch-all that answers unknown routes with 404. */
        FALLBACK,
        /** A route that none of the above covers: a route that could skip governance. */
        UNDECLARED
    }

    /** Which part of the node adds routes through a view. */
    public enum Scope {
        /** {@link GatewayRouting}: the client-facing API. */
        GATEWAY,
        /** The management API and dashboard. */
        MANAGEMENT,
        /** The metrics endpoint. */
        METRICS
    }

    /**
     * One registered route.
     *
     * @param method the HTTP method ({@code *} for any)
     * @param path the path template as registered ({@code *} for the catch-all, or what an unreadable route shows)
     * @param kind what the route is for
     * @param operation what an inference route asks of the upstream
     */
    public record Entry(String method, String path, Kind kind, Optional<Operation> operation) {
    }

    private static final List<String> GATEWAY_PREFIXES = List.of("/v1", "/openai", "/anthropic", "/genai",
            "/bedrock");
    private static final Set<String> CATALOG = Set.of("/v1/models", "/openai/v1/models");
    private static final Set<String> HEALTH = Set.of("/health", "/ready");

    private final List<Entry> entries = new java.util.concurrent.CopyOnWriteArrayList<>();

    private RouteTable() {
    }

    /** An empty table. */
    public static RouteTable create() {
        return new RouteTable();
    }

    /** A view of {@code routing} that adds routes to it and records each here, classified for {@code scope}. */
    public HttpRouting.Builder recording(HttpRouting.Builder routing, Scope scope) {
        return new RecordingRouting(routing, this, scope);
    }

    /** Every route recorded so far, in registration order. */
    public List<Entry> entries() {
        return List.copyOf(entries);
    }

    /** Records one route added through a view. */
    void record(Scope scope, Method method, String path, List<Handler> handlers) {
        Optional<Operation> operation = handlers.size() == 1 && handlers.get(0) instanceof ApiHandler api
                ? Optional.of(api.operation()) : Optional.empty();
        entries.add(new Entry(method == null ? "*" : method.text(), path, kind(scope, method, path, operation),
                operation));
    }

    /** Records something added that the views cannot read. */
    void recordUnreadable(String what) {
        entries.add(new Entry("*", what, Kind.UNDECLARED, Optional.empty()));
    }

    private static Kind kind(Scope scope, Method method, String path, Optional<Operation> operation) {
        if (operation.isPresent()) {
            return Kind.INFERENCE;
        }
        boolean get = Method.GET.equals(method);
        if (scope == Scope.GATEWAY) {
            if (path.equals("*") && method == null) {
                return Kind.FALLBACK;
            }
            if (get && CATALOG.contains(path)) {
                return Kind.CATALOG;
            }
            if (get && HEALTH.contains(path)) {
                return Kind.HEALTH;
            }
            return Kind.UNDECLARED;
        }
        if (gatewayPath(path)) {
            return Kind.UNDECLARED;
        }
        if (scope == Scope.METRICS) {
            return Kind.METRICS;
        }
        return path.equals("/ui") || path.startsWith("/ui/") ? Kind.UI : Kind.MANAGEMENT;
    }

    /** Whether a path is under one of the client API's prefixes, where only governed routes belong. */
    public static boolean gatewayPath(String path) {
        String lower = path.toLowerCase(Locale.ROOT);
        return GATEWAY_PREFIXES.stream().anyMatch(prefix -> lower.equals(prefix) || lower.startsWith(prefix + "/"));
    }

    /** Lists what was recorded, for failure messages. */
    @Override
    public String toString() {
        List<String> lines = new ArrayList<>(entries.size());
        entries.forEach(e -> lines.add(e.method() + " " + e.path() + " " + e.kind()));
        return String.join("\n", lines);
    }
}
