package io.tollgate.node.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.tollgate.adapters.ErrorKind;
import io.tollgate.adapters.GatewayException;
import io.tollgate.adapters.Json;
import io.tollgate.adapters.pricing.Money;
import io.tollgate.cluster.access.Role;
import io.tollgate.cluster.access.TokenScope;
import io.tollgate.cluster.log.AttemptRecord;
import io.tollgate.cluster.log.LogPage;
import io.tollgate.cluster.log.LogQuery;
import io.tollgate.cluster.log.LogRecord;
import io.tollgate.cluster.log.RequestLog;
import io.tollgate.cluster.log.SpendQuery;
import io.tollgate.cluster.log.SpendRow;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;

/**
 * The request log's management views: {@code GET /api/logs} (filters, cursor pages, newest first),
 * {@code GET /api/logs/{id}} (one request), {@code GET /api/logs/export?format=jsonl|csv} (streamed row by row) and
 * {@code GET /api/spend?group_by=...}. Rows carry their upstream calls as {@code attempt_log} in JSON and JSON
 * lines; the CSV keeps one line per request and leaves them out. Amounts are exact decimal USD; key values never
 * appear (only key names and ids).
 */
final class LogAdmin {

    private static final String CSV_HEADER = "request_id,time,node,virtual_key_id,team_id,customer_id,route,provider,"
            + "model,key_name,status,error_type,attempts,fallback_index,streamed,cache_status,cache_similarity,"
            + "input_tokens,cached_input_tokens,cache_write_tokens,reasoning_tokens,output_tokens,cost_usd,saved_usd,"
            + "latency_us,time_to_first_token_us,upstream_us,overhead_us,end_user,tags\n";

    private final RequestLog log;

    LogAdmin(RequestLog log) {
        this.log = log;
    }

    ObjectNode page(ServerRequest req, Principal principal) {
        LogPage page = log.query(query(req, principal));
        ObjectNode out = Json.object();
        ArrayNode rows = out.putArray("logs");
        page.rows().forEach(row -> rows.add(json(row, bodies(principal))));
        out.put("count", page.rows().size());
        page.nextCursor().ifPresentOrElse(cursor -> out.put("next_cursor", cursor), () -> out.putNull("next_cursor"));
        return out;
    }

    /** {@code {"log": row}} for the request id in the path; 404 when the log has no such row (in scope). */
    ObjectNode one(ServerRequest req, Principal principal) {
        String id = req.path().pathParameters().get("id");
        LogRecord row = log.find(id).filter(found -> principal.scope().map(scope ->
                (scope.kind() == TokenScope.Kind.CUSTOMER ? found.customerId() : found.teamId())
                        .filter(scope.id()::equals).isPresent()).orElse(true))
                .orElseThrow(() -> GatewayException.of(ErrorKind.NOT_FOUND, "No request log row with id '" + id
                        + "'."));
        ObjectNode out = Json.object();
        out.set("log", json(row, bodies(principal)));
        return out;
    }

    ObjectNode spend(ServerRequest req, Principal principal) {
        String groupBy = req.query().first("group_by").asOptional().orElse("virtual_key");
        SpendQuery.GroupBy group;
        Optional<String> tagName = Optional.empty();
        try {
            if (groupBy.startsWith("tag:")) {
                group = SpendQuery.GroupBy.TAG;
                tagName = Optional.of(groupBy.substring(4));
            } else {
                group = SpendQuery.GroupBy.valueOf(groupBy.toUpperCase(Locale.ROOT));
                if (group == SpendQuery.GroupBy.TAG) {
                    throw new IllegalArgumentException("tag needs a name");
                }
            }
        } catch (IllegalArgumentException e) {
            throw GatewayException.invalid("group_by", "group_by must be one of customer, team, virtual_key, "
                    + "provider, model, day, source, end_user or tag:<name>; was '" + groupBy + "'");
        }
        String interval = req.query().first("interval").asOptional().orElse("total");
        if (!interval.equals("total") && !interval.equals("day")) {
            throw GatewayException.invalid("interval", "interval must be total or day; was '" + interval + "'");
        }
        boolean daily = interval.equals("day");
        ObjectNode out = Json.object();
        out.put("group_by", group == SpendQuery.GroupBy.TAG ? groupBy : group.name().toLowerCase(Locale.ROOT));
        out.put("interval", interval);
        ArrayNode rows = out.putArray("spend");
        long requests = 0;
        long cost = 0;
        long saved = 0;
        long errors = 0;
        long hits = 0;
        Optional<TokenScope> scope = principal.scope();
        SpendQuery query;
        try {
            query = new SpendQuery(group, daily, instant(req, "from"), instant(req, "to"),
                scope.filter(s -> s.kind() == TokenScope.Kind.CUSTOMER).map(TokenScope::id),
                scope.filter(s -> s.kind() == TokenScope.Kind.TEAM).map(TokenScope::id), tagName);
        } catch (IllegalArgumentException e) {
            throw GatewayException.invalid("group_by", e.getMessage());
        }
        for (SpendRow row : log.spend(query)) {
            ObjectNode item = rows.addObject();
            item.put("group", row.group());
            if (daily) {
                item.put("day", row.day());
            }
            item.put("requests", row.requests());
            item.put("input_tokens", row.inputTokens());
            item.put("output_tokens", row.outputTokens());
            item.put("cost_usd", usd(row.costNanos()));
            item.put("saved_usd", usd(row.savedNanos()));
            item.put("errors", row.errors());
            item.put("cache_hits", row.cacheHits());
            requests += row.requests();
            cost += row.costNanos();
            saved += row.savedNanos();
            errors += row.errors();
            hits += row.cacheHits();
        }
        out.put("total_requests", requests);
        out.put("total_cost_usd", usd(cost));
        out.put("total_saved_usd", usd(saved));
        out.put("total_errors", errors);
        out.put("total_cache_hits", hits);
        return out;
    }

    /** Streams the rows of the query as JSON lines or CSV, never holding them all. */
    void export(ServerRequest req, ServerResponse res, Principal principal) {
        String format = req.query().first("format").asOptional().orElse("jsonl");
        if (!format.equals("jsonl") && !format.equals("csv")) {
            throw GatewayException.invalid("format", "format must be jsonl or csv, was '" + format + "'");
        }
        LogQuery query = query(req, principal);
        boolean bodies = bodies(principal);
        res.header(HeaderNames.CONTENT_TYPE, format.equals("csv") ? "text/csv" : "application/x-ndjson");
        res.header(HeaderNames.CONTENT_DISPOSITION, "attachment; filename=\"tollgate-logs." + format + "\"");
        try (OutputStream out = res.outputStream()) {
            if (format.equals("csv")) {
                out.write(CSV_HEADER.getBytes(StandardCharsets.UTF_8));
            }
            log.export(query, row -> {
                try {
                    out.write(format.equals("csv") ? csv(row) : jsonLine(row, bodies));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The query of the request's filters; a scoped principal's is also held to its customer or team (asking for
     * another one is a 400).
     */
    static LogQuery query(ServerRequest req, Principal principal) {
        LogQuery.Builder query = LogQuery.builder();
        principal.scope().ifPresent(scope -> {
            String field = scope.kind().wireName() + "_id";
            param(req, field).filter(asked -> !asked.equals(scope.id())).ifPresent(asked -> {
                throw GatewayException.invalid(field, field + " '" + asked + "' is outside this token's scope ("
                        + scope + ")");
            });
            if (scope.kind() == TokenScope.Kind.CUSTOMER) {
                query.customerId(scope.id());
            } else {
                query.teamId(scope.id());
            }
        });
        instant(req, "from").ifPresent(query::from);
        instant(req, "to").ifPresent(query::to);
        param(req, "virtual_key_id").ifPresent(query::virtualKeyId);
        param(req, "team_id").ifPresent(query::teamId);
        param(req, "customer_id").ifPresent(query::customerId);
        param(req, "provider").ifPresent(query::provider);
        param(req, "model").ifPresent(query::model);
        param(req, "status").ifPresent(value -> query.status(integer("status", value)));
        param(req, "cache").ifPresent(query::cacheStatus);
        param(req, "min_cost_usd").ifPresent(value -> {
            try {
                query.minCostNanos(Money.ofUsd(value).nanos());
            } catch (RuntimeException e) {
                throw GatewayException.invalid("min_cost_usd", "min_cost_usd must be a decimal amount, was '"
                        + value + "'");
            }
        });
        param(req, "source").ifPresent(value -> query.source(switch (value) {
            case "gateway" -> LogQuery.Source.GATEWAY;
            case "ingest" -> LogQuery.Source.INGEST;
            default -> throw GatewayException.invalid("source", "source must be gateway or ingest, was '" + value + "'");
        }));
        param(req, "end_user").ifPresent(query::endUser);
        param(req, "tag").ifPresent(value -> {
            int colon = value.indexOf(':');
            if (colon < 1) {
                throw GatewayException.invalid("tag", "tag must be <name>:<value>, was '" + value + "'");
            }
            query.tag(value.substring(0, colon), value.substring(colon + 1));
        });
        param(req, "limit").ifPresent(value -> query.limit(integer("limit", value)));
        param(req, "cursor").ifPresent(query::cursor);
        try {
            return query.build();
        } catch (IllegalArgumentException e) {
            throw GatewayException.invalid("query", e.getMessage());
        }
    }

    static Optional<String> param(ServerRequest req, String name) {
        return req.query().first(name).asOptional().filter(value -> !value.isBlank());
    }

    static Optional<Instant> instant(ServerRequest req, String name) {
        return param(req, name).map(value -> {
            try {
                return Instant.parse(value);
            } catch (DateTimeParseException e) {
                throw GatewayException.invalid(name, name + " must be an ISO-8601 instant such as "
                        + "2026-11-29T00:00:00Z, was '" + value + "'");
            }
        });
    }

    static int integer(String name, String value) {
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw GatewayException.invalid(name, name + " must be a whole number, was '" + value + "'");
        }
    }

    /** Whether the principal may read request and response bodies: operators and admins. */
    private static boolean bodies(Principal principal) {
        return principal.role().covers(Role.OPERATOR);
    }

    /** A row as the API shows it; {@code bodies} false leaves the request and response bodies out. */
    static ObjectNode json(LogRecord row, boolean bodies) {
        ObjectNode out = Json.object();
        out.put("request_id", row.requestId());
        out.put("time", row.time().toString());
        out.put("node", row.node());
        putOptional(out, "virtual_key_id", row.virtualKeyId());
        putOptional(out, "team_id", row.teamId());
        putOptional(out, "customer_id", row.customerId());
        out.put("route", row.route());
        out.put("source", row.route().equals(IngestAdmin.ROUTE) ? "ingest" : "gateway");
        putOptional(out, "provider", row.provider());
        putOptional(out, "model", row.model());
        putOptional(out, "key_name", row.keyName());
        out.put("status", row.status());
        putOptional(out, "error_type", row.errorType());
        out.put("attempts", row.attempts());
        out.put("fallback_index", row.fallbackIndex());
        out.put("streamed", row.streamed());
        out.put("cache_status", row.cacheStatus());
        out.put("cache_similarity", row.cacheSimilarity());
        out.put("input_tokens", row.inputTokens());
        out.put("cached_input_tokens", row.cachedInputTokens());
        out.put("cache_write_tokens", row.cacheWriteTokens());
        out.put("reasoning_tokens", row.reasoningTokens());
        out.put("output_tokens", row.outputTokens());
        out.put("cost_usd", usd(row.costNanos()));
        out.put("saved_usd", usd(row.savedNanos()));
        out.put("latency_us", row.latencyMicros());
        ObjectNode tags = out.putObject("tags");
        row.dimensions().tags().forEach(tags::put);
        putOptional(out, "end_user", row.dimensions().endUser());
        row.timeToFirstTokenMicros().ifPresentOrElse(us -> out.put("time_to_first_token_us", us),
                () -> out.putNull("time_to_first_token_us"));
        out.put("upstream_us", row.upstreamMicros());
        out.put("overhead_us", row.overheadMicros());
        if (bodies) {
            row.requestBody().ifPresent(body -> out.put("request_body", body));
            row.responseBody().ifPresent(body -> out.put("response_body", body));
        }
        ArrayNode attempts = out.putArray("attempt_log");
        row.attemptLog().forEach(attempt -> attempts.add(json(attempt)));
        return out;
    }

    private static ObjectNode json(AttemptRecord attempt) {
        ObjectNode out = Json.object();
        out.put("attempt", attempt.attempt());
        out.put("fallback_index", attempt.fallbackIndex());
        out.put("started", attempt.started().toString());
        out.put("provider", attempt.provider());
        out.put("model", attempt.model());
        out.put("key_name", attempt.keyName());
        out.put("status", attempt.status());
        putOptional(out, "error_type", attempt.errorType());
        out.put("upstream_us", attempt.upstreamMicros());
        return out;
    }

    private static void putOptional(ObjectNode out, String field, Optional<String> value) {
        value.ifPresentOrElse(v -> out.put(field, v), () -> out.putNull(field));
    }

    private static java.math.BigDecimal usd(long nanos) {
        return Money.ofNanos(nanos).usd().stripTrailingZeros();
    }

    private static byte[] jsonLine(LogRecord row, boolean bodies) {
        byte[] json = Json.bytes(json(row, bodies));
        byte[] line = java.util.Arrays.copyOf(json, json.length + 1);
        line[json.length] = '\n';
        return line;
    }

    /** A CSV field: quoted (quotes doubled) when it holds a comma, a quote or a line break. */
    static String csvField(String text) {
        return text.contains(",") || text.contains("\"") || text.contains("\n")
                ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }

    private static byte[] csv(LogRecord row) {
        StringBuilder line = new StringBuilder(256);
        ObjectNode json = json(row, false);
        String[] columns = CSV_HEADER.strip().split(",");
        for (int i = 0; i < columns.length; i++) {
            if (i > 0) {
                line.append(',');
            }
            var value = json.path(columns[i]);
            if (value.isObject()) {
                StringBuilder pairs = new StringBuilder();
                value.properties().forEach(tag -> pairs.append(pairs.isEmpty() ? "" : ";").append(tag.getKey())
                        .append('=').append(tag.getValue().asText()));
                line.append(csvField(pairs.toString()));
            } else if (!value.isNull() && !value.isMissingNode()) {
                line.append(csvField(value.asText()));
            }
        }
        return line.append('\n').toString().getBytes(StandardCharsets.UTF_8);
    }
}
