package io.tollgate.ops;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/**
 * {@code status}: {@code GET /api/cluster/status}, printed as the members, partition safety and quorum, the store
 * and a one-line verdict. Exit code 0 when the verdict is healthy, 1 when not.
 */
@Command(name = "status", description = "Show the cluster's members, partition safety, quorum, store and verdict.")
final class StatusCommand implements Callable<Integer> {

    @ParentCommand
    private OpsCommand ops;

    @Override
    public Integer call() {
        JsonNode answer = ops.client().get("/api/cluster/status");
        ops.answer(answer, () -> render(answer));
        return answer.path("verdict").path("healthy").asBoolean(false) ? 0 : 1;
    }

    static String render(JsonNode answer) {
        JsonNode cluster = answer.path("cluster");
        JsonNode members = answer.path("members");
        List<String> lines = new ArrayList<>();
        lines.add("Cluster " + Json.text(cluster, "name").orElse("-") + ": " + count(cluster.path("size").asInt(
                members.size()), "member"));
        Table table = Table.create().left("ADDRESS").left("NODE URL").left("VERSION").right("UPTIME")
                .right("REQ/S").right("IN-FLIGHT");
        boolean anyLocal = false;
        for (JsonNode member : members) {
            boolean local = member.path("local").asBoolean(false);
            anyLocal |= local;
            table.row(Json.text(member, "address").orElse("-") + (local ? " *" : ""),
                    Json.text(member, "node_url").orElse("-"),
                    Json.text(member, "version").orElse("-"),
                    member.path("uptime_seconds").isNumber()
                            ? Durations.human(Duration.ofSeconds(member.path("uptime_seconds").asLong())) : "-",
                    Json.decimal(member, "requests_per_second").map(rate -> Amounts.decimal(rate, 1)).orElse("-"),
                    Json.decimal(member, "in_flight").map(n -> n.toPlainString()).orElse("-"));
        }
        lines.add(table.render());
        if (anyLocal) {
            lines.add("(* the node that answered)");
        }
        lines.add(partitions(cluster));
        JsonNode store = answer.path("store");
        lines.add("Store: " + Json.text(store, "kind").orElse("-") + ", "
                + (store.path("healthy").asBoolean(false) ? "healthy" : "NOT HEALTHY"));
        JsonNode verdict = answer.path("verdict");
        lines.add((verdict.path("healthy").asBoolean(false) ? "OK: " : "NOT HEALTHY: ")
                + Json.text(verdict, "message").orElse("no verdict in the answer"));
        return String.join("\n", lines);
    }

    private static String partitions(JsonNode cluster) {
        JsonNode quorum = cluster.path("quorum");
        String safety = cluster.path("partitions_safe").asBoolean(false) ? "safe"
                : "NOT SAFE (migrating, or a backup is missing)";
        String present = quorum.path("present").asBoolean(false) ? "present" : "MISSING";
        String required = quorum.path("required").isNumber()
                ? " (" + quorum.path("required").asInt() + " members required)" : "";
        return "Partitions: " + safety + "; quorum: " + present + required;
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
