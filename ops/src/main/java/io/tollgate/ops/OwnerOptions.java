package io.tollgate.ops;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The options every definition has for create and update: {@code --name} and {@code --budget}. */
final class OwnerOptions {

    @Option(names = "--name", paramLabel = "NAME", description = "Its name.")
    private String name;

    @Option(names = "--budget", paramLabel = "MAX:DURATION[:mode]",
            description = {"A budget: MAX USD per DURATION (30s 5m 1h 1d 1w 1M 1Q 1Y never), mode hard (default) "
                    + "or soft; e.g. 10:1M, 1.5:1d:soft. Repeatable; on update the given budgets replace all."})
    private List<BudgetArg> budgets = new ArrayList<>();

    /** A create or update body with the given options. */
    ObjectNode body() {
        ObjectNode body = Json.object();
        if (name != null) {
            body.put("name", name);
        }
        if (!budgets.isEmpty()) {
            ArrayNode array = body.putArray("budgets");
            budgets.forEach(budget -> array.add(budget.json()));
        }
        return body;
    }

    /** Puts {@code value} at {@code field}, or JSON null when it is blank (which clears the field). */
    static void putOrClear(ObjectNode body, String field, String value) {
        if (value.isBlank()) {
            body.putNull(field);
        } else {
            body.put(field, value.trim());
        }
    }
}
