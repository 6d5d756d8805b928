package io.tollgate.ops;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code cache}: {@code GET /api/cache}, the answering node's response cache (its entries, memory, hit rates by
 * type, money saved) and the cluster's entry count; {@code cache clear [--scope LEVEL:NAME]}: {@code DELETE
 * /api/cache}, every entry of the cluster or those of one virtual key, team or customer.
 */
@Command(name = "cache", description = "Show the response cache: entries, memory, hit rates, money saved.",
        subcommands = CacheCommand.Clear.class)
final class CacheCommand implements Callable<Integer> {

    @ParentCommand
    private OpsCommand ops;

    @Override
    public Integer call() {
        JsonNode answer = ops.client().get("/api/cache");
        ops.answer(answer, () -> render(answer));
        return 0;
    }

    static String render(JsonNode s) {
        long lookups = s.path("lookups").asLong();
        String mode = Json.text(s, "mode").orElse("-")
                + (s.path("semantic_available").asBoolean() ? " (semantic lookups available)" : " (exact lookups only)");
        Table table = Table.create().left("CACHE").left("");
        table.row("Node", Json.text(s, "node").orElse("-"));
        table.row("Mode", mode);
        table.row("Entries", s.path("entries").asLong() + " on this node (" + s.path("indexed").asLong()
                + " indexed), " + s.path("cluster_entries").asLong() + " in the cluster");
        table.row("Memory", bytes(s.path("memory_bytes").asLong()));
        table.row("Lookups", Long.toString(lookups));
        table.row("Hit rate", rate(s, "hit_rate") + " (exact " + rate(s, "exact_hit_rate") + ", semantic "
                + rate(s, "semantic_hit_rate") + ")");
        table.row("Hits", s.path("exact_hits").asLong() + " exact, " + s.path("semantic_hits").asLong()
                + " semantic, " + s.path("misses").asLong() + " misses");
        table.row("Stored", s.path("stores").asLong() + " (" + s.path("store_failures").asLong() + " failed)");
        table.row("Embeddings", s.path("embeddings").asLong() + ", "
                + Json.decimal(s, "embedding_ms_avg").map(ms -> Amounts.decimal(ms, 1)).orElse("-")
                + " ms on average (" + s.path("embedding_failures").asLong() + " failed)");
        table.row("Saved", Json.decimal(s, "saved_usd").map(Amounts::usd).orElse("-"));
        return table.render();
    }

    private static String rate(JsonNode s, String field) {
        return Json.decimal(s, field).map(Amounts::fraction).orElse("-");
    }

    static String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        BigDecimal value = BigDecimal.valueOf(bytes);
        String[] units = {"KiB", "MiB", "GiB"};
        int unit = -1;
        while (value.compareTo(BigDecimal.valueOf(1024)) >= 0 && unit < units.length - 1) {
            value = value.divide(BigDecimal.valueOf(1024));
            unit++;
        }
        return Amounts.decimal(value, 1) + " " + units[unit];
    }

    /** {@code cache clear}: removes cache entries across the cluster. */
    @Command(name = "clear", description = "Remove every cache entry of the cluster, or those of one scope.")
    static final class Clear implements Callable<Integer> {

        @ParentCommand
        private CacheCommand cache;

        @Option(names = "--scope", paramLabel = "LEVEL:NAME",
                description = "Only the entries of virtual_key:NAME, team:NAME or customer:NAME (a name or an id).")
        private String scope;

        @Override
        public Integer call() {
            if (scope != null && !scope.matches("(virtual_key|team|customer):.+")) {
                throw OpsException.usage("--scope must be virtual_key:NAME, team:NAME or customer:NAME, was '"
                        + scope + "'");
            }
            String path = "/api/cache" + (scope == null ? "" : "?scope="
                    + java.net.URLEncoder.encode(scope, java.nio.charset.StandardCharsets.UTF_8));
            JsonNode answer = cache.ops.client().delete(path);
            cache.ops.answer(answer, () -> Json.text(answer, "message").orElse("cleared") + " ("
                    + answer.path("removed").asLong() + " entries)");
            return 0;
        }
    }
}
