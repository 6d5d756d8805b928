package io.tollgate.node.reconcile;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import io.tollgate.adapters.Json;
import io.tollgate.node.testing.FakeUpstream;
import io.tollgate.node.testing.FakeUpstream.Reply;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * Local fakes of OpenAI's organization usage and costs API and Anthropic's usage and cost report API, answering in
 * their documented formats from a {@link ServedBook}: one daily bucket per page (so paging is exercised), only after
 * checking the admin key header each documents. The OpenAI fake names models by dated snapshot, as OpenAI does.
 */
final class FakeAdminApis {

    static final String SNAPSHOT = "-2026-10-01";

    private FakeAdminApis() {
    }

    static FakeUpstream openAi(ServedBook book, String adminKey) {
        FakeUpstream fake = FakeUpstream.start();
        fake.on("/v1/organization/usage/completions", paged(book, "Bearer " + adminKey, "authorization",
                (sum, results) -> sum.forEach((model, s) -> {
                    ObjectNode r = results.addObject();
                    r.put("object", "organization.usage.completions.result");
                    r.put("input_tokens", s.input());
                    r.put("output_tokens", s.output());
                    r.put("input_cached_tokens", 0);
                    r.put("num_model_requests", s.requests());
                    r.put("model", model + SNAPSHOT);
                    r.putNull("project_id");
                })));
        fake.on("/v1/organization/costs", paged(book, "Bearer " + adminKey, "authorization",
                (sum, results) -> sum.forEach((model, s) -> {
                    cost(results, model + SNAPSHOT + ", input", s.inputUsd());
                    cost(results, model + SNAPSHOT + ", output", s.outputUsd());
                })));
        return fake;
    }

    static FakeUpstream anthropic(ServedBook book, String adminKey) {
        FakeUpstream fake = FakeUpstream.start();
        fake.on("/v1/organizations/usage_report/messages", paged(book, adminKey, "x-api-key",
                (sum, results) -> sum.forEach((model, s) -> {
                    ObjectNode r = results.addObject();
                    r.put("uncached_input_tokens", s.input());
                    r.put("cache_read_input_tokens", 0);
                    r.putObject("cache_creation").put("ephemeral_1h_input_tokens", 0)
                            .put("ephemeral_5m_input_tokens", 0);
                    r.put("output_tokens", s.output());
                    r.put("model", model);
                    r.putObject("server_tool_use").put("web_search_requests", 0);
                })));
        fake.on("/v1/organizations/cost_report", paged(book, adminKey, "x-api-key",
                (sum, results) -> sum.forEach((model, s) -> {
                    anthropicCost(results, model, "uncached_input_tokens", s.inputUsd());
                    anthropicCost(results, model, "output_tokens", s.outputUsd());
                })));
        return fake;
    }

    private static void cost(ArrayNode results, String lineItem, java.math.BigDecimal usd) {
        ObjectNode r = results.addObject();
        r.put("object", "organization.costs.result");
        r.putObject("amount").put("value", usd).put("currency", "usd");
        r.put("line_item", lineItem);
        r.putNull("project_id");
    }

    private static void anthropicCost(ArrayNode results, String model, String tokenType, java.math.BigDecimal usd) {
        ObjectNode r = results.addObject();
        r.put("amount", usd.movePointRight(2).toPlainString()); // cents, as a decimal string
        r.put("currency", "USD");
        r.put("cost_type", "tokens");
        r.put("description", model + " " + tokenType);
        r.put("model", model);
        r.put("service_tier", "standard");
        r.put("token_type", tokenType);
    }

    /** One bucket per page, from the query's start (unix seconds or RFC 3339) up to its end, after the key check. */
    private static Reply paged(ServedBook book, String expectedKey, String header,
                               BiConsumer<Map<String, ServedBook.Sum>, ArrayNode> fill) {
        return exchange -> {
            if (!Objects.equals(exchange.getRequestHeaders().getFirst(header), expectedKey)
                    || (header.equals("x-api-key")
                    && !"2023-06-01".equals(exchange.getRequestHeaders().getFirst("anthropic-version")))) {
                Reply.json(401, "{\"error\":{\"message\":\"bad admin key\"}}").write(exchange);
                return;
            }
            Map<String, String> query = query(exchange);
            boolean openAi = query.containsKey("start_time");
            LocalDate start = openAi ? LocalDate.ofEpochDay(Long.parseLong(query.get("start_time")) / 86_400)
                    : LocalDate.parse(query.get("starting_at").substring(0, 10));
            LocalDate end = openAi ? LocalDate.ofEpochDay(Long.parseLong(query.get("end_time")) / 86_400)
                    : LocalDate.parse(query.get("ending_at").substring(0, 10));
            List<LocalDate> days = new ArrayList<>();
            for (LocalDate d = start; d.isBefore(end); d = d.plusDays(1)) {
                days.add(d);
            }
            int index = Integer.parseInt(query.getOrDefault("page", "0"));
            LocalDate day = days.get(index);
            ObjectNode page = Json.object();
            ArrayNode data = page.putArray("data");
            ObjectNode bucket = data.addObject();
            if (openAi) {
                page.put("object", "page");
                bucket.put("object", "bucket");
                bucket.put("start_time", day.atStartOfDay().toEpochSecond(ZoneOffset.UTC));
                bucket.put("end_time", day.plusDays(1).atStartOfDay().toEpochSecond(ZoneOffset.UTC));
            } else {
                bucket.put("starting_at", day + "T00:00:00Z");
                bucket.put("ending_at", day.plusDays(1) + "T00:00:00Z");
            }
            fill.accept(book.byDay().getOrDefault(day, Map.of()), bucket.putArray("results"));
            boolean more = index + 1 < days.size();
            page.put("has_more", more);
            if (more) {
                page.put("next_page", Integer.toString(index + 1));
            } else {
                page.putNull("next_page");
            }
            Reply.json(200, Json.string(page)).write(exchange);
        };
    }

    private static Map<String, String> query(HttpExchange exchange) throws IOException {
        Map<String, String> out = new HashMap<>();
        String raw = exchange.getRequestURI().getRawQuery();
        for (String pair : raw == null ? new String[0] : raw.split("&")) {
            int eq = pair.indexOf('=');
            out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }
}
