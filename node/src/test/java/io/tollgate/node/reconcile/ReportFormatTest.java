package io.tollgate.node.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.adapters.Json;
import io.tollgate.cluster.reconcile.ByType;
import io.tollgate.cluster.reconcile.ProviderFigure;
import java.time.LocalDate;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The report readers against the response examples of the providers' documentation. */
class ReportFormatTest {

    private static final LocalDate NOV1 = LocalDate.parse("2024-11-01");

    @Test
    void shouldReadOpenAiUsageWithCachedTokensOutOfInputTokens() throws Exception {
        FigureBook book = new FigureBook();
        var page = Json.MAPPER.readTree("""
                {"object":"page","data":[{"object":"bucket","start_time":1730419200,"end_time":1730505600,
                 "results":[{"object":"organization.usage.completions.result","input_tokens":5000,
                  "output_tokens":1000,"input_cached_tokens":4000,"input_audio_tokens":300,"output_audio_tokens":200,
                  "num_model_requests":5,"project_id":null,"user_id":null,"api_key_id":null,
                  "model":"gpt-4o-mini-2024-07-18","batch":false,"service_tier":null}]}],
                 "has_more":true,"next_page":"page_AAAAAGdGxdEiJdKOAAAAAGcqsYA="}""");

        OpenAiFormat.usagePage(page, book);

        assertThat(book.figures("openai", ProviderFigure.OPENAI_API)).containsExactly(new ProviderFigure("openai",
                NOV1, "gpt-4o-mini-2024-07-18", "openai_api", OptionalLong.of(5),
                new ByType(OptionalLong.of(1000), OptionalLong.of(4000), OptionalLong.empty(), OptionalLong.of(1000)),
                0, ByType.NONE));
        assertThat(OpenAiFormat.nextPage(page)).contains("page_AAAAAGdGxdEiJdKOAAAAAGcqsYA=");
    }

    @Test
    void shouldReadOpenAiCostLineItemsExactlyByTokenType() throws Exception {
        FigureBook book = new FigureBook();
        var page = Json.MAPPER.readTree("""
                {"object":"page","data":[{"object":"bucket","start_time":1730419200,"end_time":1730505600,
                 "results":[
                  {"object":"organization.costs.result","amount":{"value":0.06,"currency":"usd"},
                   "line_item":"gpt-4o-mini-2024-07-18, input","project_id":null},
                  {"object":"organization.costs.result","amount":{"value":0.000000123456789,"currency":"usd"},
                   "line_item":"gpt-4o-mini-2024-07-18, cached input","project_id":null},
                  {"object":"organization.costs.result","amount":{"value":0.3,"currency":"usd"},
                   "line_item":"gpt-4o-mini-2024-07-18, output","project_id":null},
                  {"object":"organization.costs.result","amount":{"value":1.5,"currency":"usd"},
                   "line_item":"Web search tool calls","project_id":null}]}],
                 "has_more":false,"next_page":null}""");

        OpenAiFormat.costPage(page, book);

        assertThat(book.figures("openai", "openai_api")).extracting(ProviderFigure::model, ProviderFigure::costNanos,
                ProviderFigure::costByType).containsExactly(
                org.assertj.core.groups.Tuple.tuple("Web search tool calls", 1_500_000_000L, ByType.NONE),
                org.assertj.core.groups.Tuple.tuple("gpt-4o-mini-2024-07-18", 360_000_123L,
                        new ByType(OptionalLong.of(60_000_000), OptionalLong.of(123), OptionalLong.empty(),
                                OptionalLong.of(300_000_000))));
        assertThat(OpenAiFormat.nextPage(page)).isEmpty();
    }

    @Test
    void shouldReadAnthropicUsageAddingBothCacheWrites() throws Exception {
        FigureBook book = new FigureBook();
        var page = Json.MAPPER.readTree("""
                {"data":[{"starting_at":"2025-08-01T00:00:00Z","ending_at":"2025-08-02T00:00:00Z","results":[
                  {"api_key_id":"apikey_01Rj2N8SVvo6BePZj99NhmiT","cache_creation":{"ephemeral_1h_input_tokens":1000,
                   "ephemeral_5m_input_tokens":500},"cache_read_input_tokens":200,"context_window":"0-200k",
                   "model":"claude-sonnet-4-20250514","output_tokens":500,"server_tool_use":{"web_search_requests":10},
                   "service_tier":"standard","uncached_input_tokens":1500,
                   "workspace_id":"wrkspc_01JwQvzr7rXLA5AGx3HKfFUJ"}]}],
                 "has_more":true,"next_page":"2019-12-27T18:11:19.117Z"}""");

        AnthropicFormat.usagePage(page, book);

        assertThat(book.figures("claude", "anthropic_api")).containsExactly(new ProviderFigure("claude",
                LocalDate.parse("2025-08-01"), "claude-sonnet-4-20250514", "anthropic_api", OptionalLong.empty(),
                ByType.of(1500, 200, 1500, 500), 0, ByType.NONE));
        assertThat(AnthropicFormat.nextPage(page)).contains("2019-12-27T18:11:19.117Z");
    }

    @Test
    void shouldReadAnthropicCostsAsDecimalCents() throws Exception {
        FigureBook book = new FigureBook();
        var page = Json.MAPPER.readTree("""
                {"data":[{"starting_at":"2025-08-01T00:00:00Z","ending_at":"2025-08-02T00:00:00Z","results":[
                  {"amount":"123.45","currency":"USD","cost_type":"tokens","context_window":"0-200k",
                   "description":"Claude Sonnet 4 Usage - Input Tokens","model":"claude-sonnet-4-20250514",
                   "service_tier":"standard","token_type":"uncached_input_tokens","workspace_id":null},
                  {"amount":"0.0001","currency":"USD","cost_type":"tokens","description":"Claude Sonnet 4 Usage -
                   Cache Write","model":"claude-sonnet-4-20250514","service_tier":"standard",
                   "token_type":"cache_creation.ephemeral_5m_input_tokens","workspace_id":null},
                  {"amount":"50","currency":"USD","cost_type":"web_search","description":"Web Search Usage",
                   "model":null,"service_tier":null,"token_type":null,"workspace_id":null}]}],
                 "has_more":false,"next_page":null}""".replace("-\n", "- "));

        AnthropicFormat.costPage(page, book);

        assertThat(book.figures("claude", "anthropic_api")).extracting(ProviderFigure::model,
                ProviderFigure::costNanos, ProviderFigure::costByType).containsExactly(
                org.assertj.core.groups.Tuple.tuple("Web Search Usage", 500_000_000L, ByType.NONE),
                org.assertj.core.groups.Tuple.tuple("claude-sonnet-4-20250514", 1_234_501_000L,
                        new ByType(OptionalLong.of(1_234_500_000), OptionalLong.empty(), OptionalLong.of(1_000),
                                OptionalLong.empty())));
    }

    @Test
    void shouldRefuseAnInvoiceLineByNumberAndReadAGoodOne() {
        String good = "date,model,cost_usd,requests,input_tokens,output_tokens\n"
                + "2026-11-01,gpt-a,0.123456789,3,100,\n\n\"2026-11-02\",\"gpt-a\",1,,,\n";
        assertThat(InvoiceCsv.parse(good, "p", "csv:x")).extracting(ProviderFigure::costNanos,
                ProviderFigure::requests).containsExactly(org.assertj.core.groups.Tuple.tuple(123_456_789L,
                OptionalLong.of(3)), org.assertj.core.groups.Tuple.tuple(1_000_000_000L, OptionalLong.empty()));
        for (var bad : List.of(
                List.of("model,cost_usd\ngpt-a,1\n", "line 1: the header lacks the column 'date'"),
                List.of("date,model,cost_usd,price\n", "line 1: unknown column 'price'"),
                List.of("date,model,cost_usd\n2026-11-01,gpt-a,1\n2026-13-01,gpt-a,1\n",
                        "line 3: date must look like 2026-11-01, was '2026-13-01'"),
                List.of("date,model,cost_usd\n2026-11-01,gpt-a,-1\n", "line 2: cost_usd must be a decimal"),
                List.of("date,model,cost_usd\n2026-11-01,gpt-a,1\n2026-11-01,gpt-a,2\n",
                        "line 3: repeats the date and model of line 2"),
                List.of("date,model,cost_usd,input_tokens\n2026-11-01,gpt-a,1,x\n",
                        "line 2: input_tokens must be a whole number"))) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> InvoiceCsv.parse(bad.get(0), "p", "csv:x"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith(bad.get(1));
        }
    }
}
