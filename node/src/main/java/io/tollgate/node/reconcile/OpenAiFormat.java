package io.tollgate.node.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.cluster.reconcile.ByType;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Reads the pages of OpenAI's organization usage and costs API (documented response: {@code {"object":"page",
 * "data":[{"object":"bucket","start_time":<unix s>,"end_time":..,"results":[...]}],"has_more":..,"next_page":..}}).
 *
 * <p>Mapped fields. {@code /v1/organization/usage/completions} with {@code group_by=model}: each
 * {@code organization.usage.completions.result}'s {@code model}, {@code input_tokens} (documented as including
 * cached tokens, so uncached input is {@code input_tokens - input_cached_tokens}), {@code input_cached_tokens},
 * {@code output_tokens} and {@code num_model_requests}. {@code /v1/organization/costs} with
 * {@code group_by=line_item}: each {@code organization.costs.result}'s {@code amount.value} (a JSON number in
 * {@code amount.currency}, {@code "usd"}) and {@code line_item}, which names a model and a token type as
 * {@code "<model>, input"}, {@code "<model>, cached input"} or {@code "<model>, output"}; other line items (tools,
 * storage) count under their own name with no token type.
 */
final class OpenAiFormat {

    private OpenAiFormat() {
    }

    /** Adds a usage page's results to the book. */
    static void usagePage(JsonNode page, FigureBook book) {
        for (JsonNode bucket : page.path("data")) {
            LocalDate day = day(bucket);
            for (JsonNode result : bucket.path("results")) {
                long input = result.path("input_tokens").asLong();
                long cached = result.path("input_cached_tokens").asLong();
                book.usage(day, model(result.path("model")), OptionalLong.of(result.path("num_model_requests")
                        .asLong()), new ByType(OptionalLong.of(Math.max(0, input - cached)), OptionalLong.of(cached),
                        OptionalLong.empty(), OptionalLong.of(result.path("output_tokens").asLong())));
            }
        }
    }

    /** Adds a costs page's results to the book; amounts in a currency other than USD are refused. */
    static void costPage(JsonNode page, FigureBook book) {
        for (JsonNode bucket : page.path("data")) {
            LocalDate day = day(bucket);
            for (JsonNode result : bucket.path("results")) {
                JsonNode amount = result.path("amount");
                String currency = amount.path("currency").asText("usd");
                if (!currency.equalsIgnoreCase("usd")) {
                    throw new IllegalStateException("OpenAI reported a cost in '" + currency + "', not usd");
                }
                String item = result.path("line_item").isTextual() ? result.path("line_item").asText() : "";
                int comma = item.lastIndexOf(", ");
                Optional<TokenKind> kind = comma < 0 ? Optional.empty() : kind(item.substring(comma + 2));
                String model = kind.isPresent() ? item.substring(0, comma) : item.isEmpty() ? "unknown" : item;
                book.cost(day, model, kind, FigureBook.nanos(amount.path("value").decimalValue()));
            }
        }
    }

    /** The cursor of the next page, when {@code has_more}. */
    static Optional<String> nextPage(JsonNode page) {
        JsonNode next = page.path("next_page");
        return page.path("has_more").asBoolean(false) && next.isTextual() && !next.asText().isEmpty()
                ? Optional.of(next.asText()) : Optional.empty();
    }

    private static Optional<TokenKind> kind(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "input" -> Optional.of(TokenKind.INPUT);
            case "cached input" -> Optional.of(TokenKind.CACHED_INPUT);
            case "output" -> Optional.of(TokenKind.OUTPUT);
            default -> Optional.empty();
        };
    }

    private static LocalDate day(JsonNode bucket) {
        return LocalDate.ofInstant(Instant.ofEpochSecond(bucket.path("start_time").asLong()), ZoneOffset.UTC);
    }

    private static String model(JsonNode model) {
        return model.isTextual() && !model.asText().isBlank() ? model.asText() : "unknown";
    }
}
