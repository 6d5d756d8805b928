package io.tollgate.ops;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/**
 * {@code budgets}: {@code GET /api/governance/budgets}, as a table sorted by percent used (highest first) with
 * exact amounts, a usage bar and the next reset relative to now.
 */
@Command(name = "budgets", description = "Show every budget: usage, limit, reserved, percent used and next reset.")
final class BudgetsCommand implements Callable<Integer> {

    static final int BAR_WIDTH = 20;

    @ParentCommand
    private OpsCommand ops;

    @Override
    public Integer call() {
        JsonNode answer = ops.client().get("/api/governance/budgets");
        ops.answer(answer, () -> render(answer, ops.now()));
        return 0;
    }

    static String render(JsonNode answer, Instant now) {
        List<JsonNode> budgets = new ArrayList<>();
        answer.path("budgets").forEach(budgets::add);
        if (budgets.isEmpty()) {
            return "No budgets.";
        }
        budgets.sort(Comparator.comparing((JsonNode budget) -> percent(budget)).reversed());
        Table table = Table.create().left("LEVEL").left("OWNER").left("BUDGET").left("MODE").right("USAGE / LIMIT")
                .right("RESERVED").right("USED").left("").left("RESETS");
        for (JsonNode budget : budgets) {
            BigDecimal percent = percent(budget);
            table.row(Json.text(budget, "level").orElse("-"),
                    Json.text(budget, "owner_name").or(() -> Json.text(budget, "owner_id")).orElse("-"),
                    Json.text(budget, "id").orElse("-"),
                    Json.text(budget, "mode").orElse("-"),
                    money(budget, "usage_usd") + " / " + money(budget, "limit_usd"),
                    money(budget, "reserved_usd"),
                    Amounts.percent(percent),
                    Amounts.bar(percent, BAR_WIDTH),
                    Json.instant(budget, "resets_at").map(at -> Durations.until(at, now)).orElse("never"));
        }
        return table.render();
    }

    private static BigDecimal percent(JsonNode budget) {
        return Json.decimal(budget, "percent_used").orElse(BigDecimal.ZERO);
    }

    private static String money(JsonNode budget, String field) {
        return Json.decimal(budget, field).map(Amounts::usd).orElse("-");
    }
}
