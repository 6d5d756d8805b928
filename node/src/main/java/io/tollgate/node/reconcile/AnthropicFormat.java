package io.tollgate.node.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.cluster.reconcile.ByType;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Reads the pages of Anthropic's usage and cost admin API (documented response: {@code {"data":[{"starting_at":
 * "<RFC 3339>","ending_at":..,"results":[...]}],"has_more":..,"next_page":..}}).
 *
 * <p>Mapped fields. {@code /v1/organizations/usage_report/messages} with {@code group_by[]=model}: each result's
 * {@code model}, {@code uncached_input_tokens}, {@code cache_read_input_tokens},
 * {@code cache_creation.ephemeral_5m_input_tokens} plus {@code cache_creation.ephemeral_1h_input_tokens} (cache
 * writes) and {@code output_tokens}; the report counts no requests. {@code /v1/organizations/cost_report} with
 * {@code group_by[]=description}: each result's {@code amount}, documented as a decimal string in the currency's
 * lowest unit ({@code "123.45"} USD is $1.2345), {@code currency}, {@code model} and {@code token_type}
 * ({@code uncached_input_tokens}, {@code cache_read_input_tokens}, {@code cache_creation.ephemeral_5m_input_tokens},
 * {@code cache_creation.ephemeral_1h_input_tokens}, {@code output_tokens}); costs without a model (web search, code
 * execution) count under their {@code description} (or {@code cost_type}).
 */
final class AnthropicFormat {

    private AnthropicFormat() {
    }

    /** Adds a usage report page's results to the book. */
    static void usagePage(JsonNode page, FigureBook book) {
        for (JsonNode bucket : page.path("data")) {
            LocalDate day = day(bucket);
            for (JsonNode result : bucket.path("results")) {
                JsonNode writes = result.path("cache_creation");
                book.usage(day, text(result.path("model"), "unknown"), OptionalLong.empty(), ByType.of(
                        result.path("uncached_input_tokens").asLong(), result.path("cache_read_input_tokens").asLong(),
                        writes.path("ephemeral_5m_input_tokens").asLong()
                                + writes.path("ephemeral_1h_input_tokens").asLong(),
                        result.path("output_tokens").asLong()));
            }
        }
    }

    /** Adds a cost report page's results to the book; amounts in a currency other than USD are refused. */
    static void costPage(JsonNode page, FigureBook book) {
        for (JsonNode bucket : page.path("data")) {
            LocalDate day = day(bucket);
            for (JsonNode result : bucket.path("results")) {
                String currency = text(result.path("currency"), "USD");
                if (!currency.equalsIgnoreCase("USD")) {
                    throw new IllegalStateException("Anthropic reported a cost in '" + currency + "', not USD");
                }
                BigDecimal cents = new BigDecimal(result.path("amount").asText("0"));
                String model = text(result.path("model"), text(result.path("description"),
                        text(result.path("cost_type"), "unknown")));
                book.cost(day, model, kind(text(result.path("token_type"), "")),
                        FigureBook.nanos(cents.movePointLeft(2)));
            }
        }
    }

    /** The cursor of the next page, when {@code has_more}. */
    static Optional<String> nextPage(JsonNode page) {
        return OpenAiFormat.nextPage(page);
    }

    private static Optional<TokenKind> kind(String tokenType) {
        return switch (tokenType) {
            case "uncached_input_tokens" -> Optional.of(TokenKind.INPUT);
            case "cache_read_input_tokens" -> Optional.of(TokenKind.CACHED_INPUT);
            case "cache_creation.ephemeral_5m_input_tokens", "cache_creation.ephemeral_1h_input_tokens" ->
                    Optional.of(TokenKind.CACHE_WRITE);
            case "output_tokens" -> Optional.of(TokenKind.OUTPUT);
            default -> Optional.empty();
        };
    }

    private static LocalDate day(JsonNode bucket) {
        return OffsetDateTime.parse(bucket.path("starting_at").asText()).withOffsetSameInstant(ZoneOffset.UTC)
                .toLocalDate();
    }

    private static String text(JsonNode node, String otherwise) {
        return node.isTextual() && !node.asText().isBlank() ? node.asText() : otherwise;
    }
}
