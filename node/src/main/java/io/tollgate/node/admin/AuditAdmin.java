package io.tollgate.node.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.tollgate.adapters.GatewayException;
import io.tollgate.adapters.Json;
import io.tollgate.cluster.access.AuditEntry;
import io.tollgate.cluster.access.AuditLog;
import io.tollgate.cluster.access.AuditQuery;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * The audit log's read-only views: {@code GET /api/audit} (filters {@code entity_type}, {@code entity_id},
 * {@code actor}, {@code action}, {@code from}, {@code to}; newest first; {@code limit} and {@code cursor} pages) and
 * {@code GET /api/audit/export?format=jsonl|csv} (oldest first, streamed row by row). Nothing here changes a row:
 * the API has no route that could.
 */
final class AuditAdmin {

    private static final List<String> CSV_COLUMNS = List.of("id", "time", "actor_id", "actor_role", "actor_name",
            "client_address", "node", "action", "entity_type", "entity_id", "before", "after");

    private final AuditLog log;

    AuditAdmin(AuditLog log) {
        this.log = log;
    }

    ObjectNode page(ServerRequest req) {
        List<AuditEntry> rows = log.query(query(req));
        ObjectNode out = Json.object();
        ArrayNode array = out.putArray("audit");
        rows.forEach(row -> array.add(json(row)));
        out.put("count", rows.size());
        int limit = query(req).limit();
        if (rows.size() == limit) {
            out.put("next_cursor", Long.toString(rows.getLast().id()));
        } else {
            out.putNull("next_cursor");
        }
        return out;
    }

    void export(ServerRequest req, ServerResponse res) {
        String format = req.query().first("format").asOptional().orElse("jsonl");
        if (!format.equals("jsonl") && !format.equals("csv")) {
            throw GatewayException.invalid("format", "format must be jsonl or csv, was '" + format + "'");
        }
        AuditQuery query = query(req);
        res.header(HeaderNames.CONTENT_TYPE, format.equals("csv") ? "text/csv" : "application/x-ndjson");
        res.header(HeaderNames.CONTENT_DISPOSITION, "attachment; filename=\"tollgate-audit." + format + "\"");
        try (OutputStream out = res.outputStream()) {
            if (format.equals("csv")) {
                out.write((String.join(",", CSV_COLUMNS) + "\n").getBytes(StandardCharsets.UTF_8));
            }
            log.export(query, row -> {
                try {
                    out.write(format.equals("csv") ? csv(row) : (Json.string(json(row)) + "\n")
                            .getBytes(StandardCharsets.UTF_8));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static AuditQuery query(ServerRequest req) {
        Optional<Long> cursor = LogAdmin.param(req, "cursor").map(value -> {
            try {
                return Long.parseLong(value);
            } catch (NumberFormatException e) {
                throw GatewayException.invalid("cursor", "cursor must be the next_cursor of an earlier page, was '"
                        + value + "'");
            }
        });
        int limit = LogAdmin.param(req, "limit").map(value -> LogAdmin.integer("limit", value)).orElse(100);
        try {
            return new AuditQuery(LogAdmin.param(req, "entity_type"), LogAdmin.param(req, "entity_id"),
                    LogAdmin.param(req, "actor"), LogAdmin.param(req, "action"), LogAdmin.instant(req, "from"),
                    LogAdmin.instant(req, "to"), cursor, limit);
        } catch (IllegalArgumentException e) {
            throw GatewayException.invalid("limit", e.getMessage());
        }
    }

    static ObjectNode json(AuditEntry row) {
        ObjectNode out = Json.object();
        out.put("id", row.id());
        out.put("time", row.at().toString());
        out.put("actor_id", row.actorId());
        out.put("actor_role", row.actorRole());
        out.put("actor_name", row.actorName());
        out.put("client_address", row.clientAddress());
        out.put("node", row.node());
        out.put("action", row.action());
        out.put("entity_type", row.entityType());
        out.put("entity_id", row.entityId());
        out.set("before", row.before().<JsonNode>map(AuditAdmin::parse).orElse(out.nullNode()));
        out.set("after", row.after().<JsonNode>map(AuditAdmin::parse).orElse(out.nullNode()));
        return out;
    }

    private static JsonNode parse(String json) {
        return Json.parseObject(json.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] csv(AuditEntry row) {
        ObjectNode json = json(row);
        StringBuilder line = new StringBuilder(256);
        for (int i = 0; i < CSV_COLUMNS.size(); i++) {
            if (i > 0) {
                line.append(',');
            }
            var value = json.path(CSV_COLUMNS.get(i));
            if (!value.isNull()) {
                line.append(LogAdmin.csvField(value.isContainerNode() ? Json.string(value) : value.asText()));
            }
        }
        return line.append('\n').toString().getBytes(StandardCharsets.UTF_8);
    }
}
