package io.tollgate.ops;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/**
 * {@code keys}: {@code GET /api/providers/keys}, the provider keys with their state (shared health and circuit),
 * weight, share of the answering node's recent traffic, latency average, error rate, requests in flight and
 * cool-down. A field the node does not fill (null or absent) is shown as {@code -}.
 */
@Command(name = "keys", description = "Show the provider keys: state, weight, traffic share, latency, errors, cooldown.")
final class KeysCommand implements Callable<Integer> {

    @ParentCommand
    private OpsCommand ops;

    @Override
    public Integer call() {
        JsonNode answer = ops.client().get("/api/providers/keys");
        ops.answer(answer, () -> render(answer, ops.now()));
        return 0;
    }

    static String render(JsonNode answer, Instant now) {
        if (answer.path("keys").isEmpty()) {
            return "No provider keys.";
        }
        Table table = Table.create().left("PROVIDER").left("KEY").left("STATE").right("WEIGHT").right("SHARE")
                .right("LATENCY MS").right("ERRORS").right("IN FLIGHT").left("COOLDOWN");
        for (JsonNode key : answer.path("keys")) {
            table.row(Json.text(key, "provider").orElse("-"),
                    Json.text(key, "name").orElse("-"),
                    Json.text(key, "state").orElse("-"),
                    Json.decimal(key, "weight").map(weight -> weight.toPlainString()).orElse("-"),
                    Json.decimal(key, "share").map(Amounts::fraction).orElse("-"),
                    Json.decimal(key, "latency_ms").map(ms -> Amounts.decimal(ms, 0)).orElse("-"),
                    Json.decimal(key, "error_rate").map(Amounts::fraction).orElse("-"),
                    Json.decimal(key, "in_flight").map(count -> count.toPlainString()).orElse("-"),
                    Json.instant(key, "cooldown_until").filter(at -> at.isAfter(now))
                            .map(at -> "for " + Durations.human(Duration.between(now, at))).orElse("-"));
        }
        return table.render();
    }
}
