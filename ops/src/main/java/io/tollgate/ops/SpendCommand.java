package io.tollgate.ops;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code spend}: {@code GET /api/spend}, the request log's spend per group (customer, team, key, provider, model,
 * day, source, end user, or the values of one request tag) over a time range, with the total.
 */
@Command(name = "spend", description = "Show spend per customer, team, key, provider, model, day, end user or tag.")
final class SpendCommand implements Callable<Integer> {

    @ParentCommand
    private OpsCommand ops;

    @Option(names = "--by", paramLabel = "GROUP", defaultValue = "virtual_key",
            description = "customer, team, virtual_key (default), provider, model, day, source, end_user or "
                    + "tag:<name>.")
    private String by;

    @Option(names = "--from", paramLabel = "INSTANT", description = "From this time (ISO-8601).")
    private String from;

    @Option(names = "--to", paramLabel = "INSTANT", description = "Before this time (ISO-8601).")
    private String to;

    @Override
    public Integer call() {
        String query = "/api/spend?group_by=" + URLEncoder.encode(by, StandardCharsets.UTF_8)
                + (from == null ? "" : "&from=" + URLEncoder.encode(from, StandardCharsets.UTF_8))
                + (to == null ? "" : "&to=" + URLEncoder.encode(to, StandardCharsets.UTF_8));
        JsonNode answer = ops.client().get(query);
        ops.answer(answer, () -> render(answer));
        return 0;
    }

    static String render(JsonNode answer) {
        Table table = Table.create().left(Json.text(answer, "group_by").orElse("group").toUpperCase(
                java.util.Locale.ROOT)).right("REQUESTS").right("COST").right("SAVED").right("ERRORS");
        for (JsonNode row : answer.path("spend")) {
            String group = Json.text(row, "group").filter(name -> !name.isEmpty()).orElse("(none)");
            table.row(group, count(row, "requests"), money(row, "cost_usd"), money(row, "saved_usd"),
                    count(row, "errors"));
        }
        table.row("TOTAL", count(answer, "total_requests"), money(answer, "total_cost_usd"),
                money(answer, "total_saved_usd"), count(answer, "total_errors"));
        return table.render();
    }

    private static String money(JsonNode row, String field) {
        return Json.decimal(row, field).map(Amounts::usd).orElse("-");
    }

    private static String count(JsonNode row, String field) {
        return Json.decimal(row, field).map(BigDecimal::toPlainString).orElse("-");
    }
}
