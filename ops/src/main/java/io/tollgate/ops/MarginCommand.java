package io.tollgate.ops;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code margin}: {@code GET /api/margin}, printed as revenue, LLM cost, margin and margin percent per customer or
 * team for a month, the totals, and the owners losing money. Exit code 0, or 1 when some owner's margin is negative.
 */
@Command(name = "margin", description = "Show revenue, LLM cost and margin per customer or team for a month.")
final class MarginCommand implements Callable<Integer> {

    @ParentCommand
    private OpsCommand ops;

    @Option(names = "--period", paramLabel = "YYYY-MM", description = "The month (UTC); the current one by default.")
    private String period;

    @Option(names = "--by", paramLabel = "customer|team", defaultValue = "customer",
            description = "Group by customer (default) or team.")
    private String by;

    @Override
    public Integer call() {
        String query = "/api/margin?group_by=" + URLEncoder.encode(by, StandardCharsets.UTF_8)
                + (period == null ? "" : "&period=" + URLEncoder.encode(period, StandardCharsets.UTF_8));
        JsonNode answer = ops.client().get(query);
        ops.answer(answer, () -> render(answer));
        return answer.path("negative").isEmpty() ? 0 : 1;
    }

    static String render(JsonNode answer) {
        List<String> lines = new ArrayList<>();
        lines.add("Margin by " + Json.text(answer, "group_by").orElse("-") + " in " + Json.text(answer, "period")
                .orElse("-"));
        Table table = Table.create().left("NAME").right("REVENUE").right("LLM COST").right("MARGIN").right("MARGIN %")
                .right("REQUESTS");
        for (JsonNode row : answer.path("margins")) {
            table.row(Json.text(row, "name").orElse("-"), money(row, "revenue_usd"), money(row, "cost_usd"),
                    money(row, "margin_usd"), percent(row), Json.decimal(row, "requests")
                            .map(BigDecimal::toPlainString).orElse("-"));
        }
        JsonNode totals = answer.path("totals");
        table.row("TOTAL", money(totals, "revenue_usd"), money(totals, "cost_usd"), money(totals, "margin_usd"),
                percent(totals), "");
        lines.add(table.render());
        List<String> losing = new ArrayList<>();
        answer.path("negative").forEach(row -> losing.add(Json.text(row, "name").orElse("-") + " ("
                + money(row, "margin_usd") + ")"));
        lines.add(losing.isEmpty() ? "No negative margins." : "Negative margins: " + String.join(", ", losing));
        return String.join("\n", lines);
    }

    private static String money(JsonNode row, String field) {
        return Json.decimal(row, field).map(Amounts::usd).orElse("-");
    }

    private static String percent(JsonNode row) {
        return Json.decimal(row, "margin_percent").map(Amounts::percent).orElse("-");
    }
}
