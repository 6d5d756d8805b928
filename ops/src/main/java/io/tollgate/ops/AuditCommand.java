package io.tollgate.ops;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code audit}: {@code GET /api/audit}, the changes made through the management API (and providers changed by a
 * node's configuration), newest first: when, who (token and role), from where, on which node, what. Filters by
 * entity, actor, action and time; {@code --json} shows the before and after of each row.
 */
@Command(name = "audit", description = "Show who changed what in the cluster, newest first.")
final class AuditCommand implements Callable<Integer> {

    @ParentCommand
    private OpsCommand ops;

    @Option(names = "--type", paramLabel = "TYPE",
            description = "Only this kind: customer, team, virtual_key, admin_token, cache, providers.")
    private String type;

    @Option(names = "--id", paramLabel = "ID", description = "Only this entity.")
    private String id;

    @Option(names = "--actor", paramLabel = "TOKEN_ID", description = "Only changes by this token (or bootstrap).")
    private String actor;

    @Option(names = "--action", paramLabel = "ACTION", description = "Only this action, e.g. virtual_key.update.")
    private String action;

    @Option(names = "--from", paramLabel = "INSTANT", description = "From this time (ISO-8601).")
    private String from;

    @Option(names = "--to", paramLabel = "INSTANT", description = "Before this time (ISO-8601).")
    private String to;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "50", description = "At most N rows (default 50).")
    private int limit;

    @Override
    public Integer call() {
        List<String> query = new ArrayList<>();
        add(query, "entity_type", type);
        add(query, "entity_id", id);
        add(query, "actor", actor);
        add(query, "action", action);
        add(query, "from", from);
        add(query, "to", to);
        add(query, "limit", Integer.toString(limit));
        JsonNode answer = ops.client().get("/api/audit?" + String.join("&", query));
        ops.answer(answer, () -> render(answer));
        return 0;
    }

    static String render(JsonNode answer) {
        Table table = Table.create().left("TIME").left("ACTOR").left("ROLE").left("FROM").left("ACTION")
                .left("ENTITY").left("NODE");
        for (JsonNode row : answer.path("audit")) {
            table.row(Json.text(row, "time").orElse("-"), Json.text(row, "actor_name").orElse("-") + " ("
                            + Json.text(row, "actor_id").orElse("-") + ")", Json.text(row, "actor_role").orElse("-"),
                    Json.text(row, "client_address").orElse("-"), Json.text(row, "action").orElse("-"),
                    Json.text(row, "entity_id").orElse("-"), Json.text(row, "node").orElse("-"));
        }
        return answer.path("audit").isEmpty() ? "No audit rows." : table.render();
    }

    private static void add(List<String> query, String name, String value) {
        if (value != null) {
            query.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
    }
}
