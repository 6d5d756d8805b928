package io.tollgate.ops;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Renders virtual keys, teams and customers: a table for lists, label/value lines for one definition. */
final class DefinitionViews {

    private DefinitionViews() {
    }

    /** The table of a list answer's items, or a "none" line. */
    static String table(Resource resource, JsonNode items) {
        if (items.isEmpty()) {
            return "No " + resource.listField().replace('_', ' ') + ".";
        }
        Table table = switch (resource) {
            case VIRTUAL_KEY -> Table.create().left("ID").left("NAME").left("VALUE").left("OWNER").left("ACTIVE")
                    .left("EXPIRES").left("BUDGETS");
            case TEAM -> Table.create().left("ID").left("NAME").left("CUSTOMER").left("BUDGETS");
            case CUSTOMER -> Table.create().left("ID").left("NAME").left("BUDGETS");
        };
        for (JsonNode item : items) {
            String id = text(item, "id");
            String name = text(item, "name");
            String budgets = budgets(item.path("budgets"));
            switch (resource) {
                case VIRTUAL_KEY -> table.row(id, name, text(item, "value_hint"), owner(item), active(item),
                        text(item, "expires_at"), budgets);
                case TEAM -> table.row(id, name, text(item, "customer_id"), budgets);
                case CUSTOMER -> table.row(id, name, budgets);
            }
        }
        return table.render();
    }

    /** One definition as label/value lines. */
    static String details(Resource resource, JsonNode item, Instant now) {
        Table table = Table.details().row("id", text(item, "id")).row("name", text(item, "name"));
        switch (resource) {
            case VIRTUAL_KEY -> table.row("value", text(item, "value_hint"))
                    .row("active", active(item))
                    .row("expires", Json.instant(item, "expires_at")
                            .map(at -> at + " (" + Durations.until(at, now) + ")").orElse("never"))
                    .row("team", text(item, "team_id"))
                    .row("customer", text(item, "customer_id"))
                    .row("providers", providers(item.path("provider_configs")))
                    .row("budgets", budgets(item.path("budgets")))
                    .row("rate limit", rateLimit(item.path("rate_limit")))
                    .row("fallbacks", fallbacks(item.path("fallbacks")));
            case TEAM -> table.row("customer", text(item, "customer_id")).row("budgets", budgets(item.path("budgets")));
            case CUSTOMER -> table.row("budgets", budgets(item.path("budgets")));
        }
        return table.render();
    }

    /** {@code $10.00/1M, $1.50/1d soft}, or {@code -}. */
    static String budgets(JsonNode budgets) {
        List<String> parts = new ArrayList<>();
        for (JsonNode budget : budgets) {
            parts.add(Json.decimal(budget, "max_limit").map(Amounts::usd).orElse("?") + "/"
                    + text(budget, "reset_duration")
                    + (Json.text(budget, "mode").orElse("hard").equals("soft") ? " soft" : ""));
        }
        return parts.isEmpty() ? "-" : String.join(", ", parts);
    }

    /** {@code 600 requests/1m, 2000000 tokens/1h}, or {@code -}. */
    static String rateLimit(JsonNode limit) {
        List<String> parts = new ArrayList<>();
        long requests = limit.path("request_max_limit").asLong(0);
        long tokens = limit.path("token_max_limit").asLong(0);
        if (requests > 0) {
            parts.add(requests + " requests/" + text(limit, "request_reset_duration"));
        }
        if (tokens > 0) {
            parts.add(tokens + " tokens/" + text(limit, "token_reset_duration"));
        }
        return parts.isEmpty() ? "-" : String.join(", ", parts);
    }

    /** {@code openai/gpt-4o-mini, mock/echo} in the order they are tried, or {@code -}. */
    static String fallbacks(JsonNode fallbacks) {
        List<String> parts = new ArrayList<>();
        fallbacks.forEach(fallback -> parts.add(fallback.asText()));
        return parts.isEmpty() ? "-" : String.join(", ", parts);
    }

    /** {@code openai (gpt-4o-mini, gpt-4o), anthropic}, or {@code all providers}. */
    static String providers(JsonNode configs) {
        List<String> parts = new ArrayList<>();
        for (JsonNode config : configs) {
            List<String> models = new ArrayList<>();
            config.path("allowed_models").forEach(model -> models.add(model.asText()));
            parts.add(text(config, "provider") + (models.isEmpty() ? "" : " (" + String.join(", ", models) + ")"));
        }
        return parts.isEmpty() ? "all providers" : String.join(", ", parts);
    }

    private static String owner(JsonNode key) {
        return Json.text(key, "team_id").map(team -> "team " + team)
                .or(() -> Json.text(key, "customer_id").map(customer -> "customer " + customer)).orElse("-");
    }

    private static String active(JsonNode item) {
        return item.path("is_active").asBoolean(true) ? "yes" : "no";
    }

    private static String text(JsonNode node, String field) {
        return Json.text(node, field).orElse("-");
    }
}
