package io.tollgate.node.reconcile;

import io.tollgate.cluster.reconcile.ProviderFigure;
import io.tollgate.config.ReconcileConfig;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * Pulls one provider's usage and cost figures for a range of UTC days from its admin API: OpenAI
 * ({@code Authorization: Bearer <admin key>}) or Anthropic ({@code x-api-key}, {@code anthropic-version:
 * 2023-06-01}), daily buckets, usage grouped by model and costs by line item or description.
 */
final class ProviderReports {

    private final ReconcileConfig.Source source;
    private final AdminApi api;

    private ProviderReports(ReconcileConfig.Source source, AdminApi api) {
        this.source = source;
        this.api = api;
    }

    static ProviderReports create(ReconcileConfig.Source source, Duration timeout) {
        Map<String, String> headers = switch (source.type()) {
            case OPENAI -> Map.of("authorization", "Bearer " + source.adminKey().reveal());
            case ANTHROPIC -> Map.of("x-api-key", source.adminKey().reveal(), "anthropic-version", "2023-06-01");
        };
        return new ProviderReports(source, new AdminApi(source.baseUrl(), headers, timeout));
    }

    /** The source name its figures are stored under. */
    String sourceName() {
        return switch (source.type()) {
            case OPENAI -> ProviderFigure.OPENAI_API;
            case ANTHROPIC -> ProviderFigure.ANTHROPIC_API;
        };
    }

    /**
     * One figure per day and model between {@code from} and {@code to} (inclusive).
     *
     * @throws ImportException when the API cannot be read
     */
    List<ProviderFigure> pull(LocalDate from, LocalDate to) {
        FigureBook book = new FigureBook();
        try {
            switch (source.type()) {
                case OPENAI -> {
                    String start = Long.toString(from.atStartOfDay().toEpochSecond(ZoneOffset.UTC));
                    String end = Long.toString(to.plusDays(1).atStartOfDay().toEpochSecond(ZoneOffset.UTC));
                    api.pages("/v1/organization/usage/completions", List.of("start_time", start, "end_time", end,
                            "bucket_width", "1d", "group_by", "model", "limit", "31"), OpenAiFormat::nextPage,
                            page -> OpenAiFormat.usagePage(page, book));
                    api.pages("/v1/organization/costs", List.of("start_time", start, "end_time", end,
                            "bucket_width", "1d", "group_by", "line_item", "limit", "31"), OpenAiFormat::nextPage,
                            page -> OpenAiFormat.costPage(page, book));
                }
                case ANTHROPIC -> {
                    // RFC 3339 with seconds: 2026-11-01T00:00:00Z
                    String start = from.atStartOfDay().toInstant(ZoneOffset.UTC).toString();
                    String end = to.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC).toString();
                    api.pages("/v1/organizations/usage_report/messages", List.of("starting_at", start,
                            "ending_at", end, "bucket_width", "1d", "group_by[]", "model", "limit", "31"),
                            AnthropicFormat::nextPage, page -> AnthropicFormat.usagePage(page, book));
                    api.pages("/v1/organizations/cost_report", List.of("starting_at", start, "ending_at", end,
                            "bucket_width", "1d", "group_by[]", "description", "limit", "31"),
                            AnthropicFormat::nextPage, page -> AnthropicFormat.costPage(page, book));
                }
            }
        } catch (RuntimeException e) {
            if (e instanceof ImportException) {
                throw e;
            }
            throw new ImportException("the " + source.type().name().toLowerCase(java.util.Locale.ROOT)
                    + " report of " + source.provider() + " could not be read: " + e.getMessage(), e);
        }
        return book.figures(source.provider(), sourceName()).stream()
                .filter(f -> !f.day().isBefore(from) && !f.day().isAfter(to)).toList();
    }
}
