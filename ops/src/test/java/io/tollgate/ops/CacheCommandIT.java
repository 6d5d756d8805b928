package io.tollgate.ops;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CacheCommandIT extends FakeNodeTestBase {

    static final String STATS = """
            {"node":"http://127.0.0.1:8080","mode":"semantic","semantic_available":true,"entries":12,"indexed":11,
             "memory_bytes":43212,"cluster_entries":30,"lookups":100,"exact_hits":30,"semantic_hits":20,
             "misses":50,"hit_rate":0.5,"exact_hit_rate":0.3,"semantic_hit_rate":0.2,"stores":50,
             "store_failures":1,"embeddings":70,"embedding_ms_avg":3.14,"embedding_failures":0,
             "saved_usd":0.1234}""";

    @Test
    void shouldShowTheCacheOfTheAnsweringNode() {
        node.reply("GET", "/api/cache", 200, STATS);

        Cli.Result result = run("cache");

        assertThat(result.exitCode()).isZero();
        assertThat(node.request().path()).isEqualTo("/api/cache");
        assertThat(result.out().lines()).containsExactly(
                "CACHE",
                "Node        http://127.0.0.1:8080",
                "Mode        semantic (semantic lookups available)",
                "Entries     12 on this node (11 indexed), 30 in the cluster",
                "Memory      42.2 KiB",
                "Lookups     100",
                "Hit rate    50.0% (exact 30.0%, semantic 20.0%)",
                "Hits        30 exact, 20 semantic, 50 misses",
                "Stored      50 (1 failed)",
                "Embeddings  70, 3.1 ms on average (0 failed)",
                "Saved       $0.1234");
    }

    @Test
    void shouldClearOneScope() {
        node.reply("DELETE", "/api/cache", 200, "{\"message\":\"cache entries of team:search removed\",\"removed\":3}");

        Cli.Result result = run("cache", "clear", "--scope", "team:search");

        assertThat(result.exitCode()).isZero();
        assertThat(node.request().method()).isEqualTo("DELETE");
        assertThat(node.request().query()).isEqualTo("scope=team%3Asearch");
        assertThat(result.out().strip()).isEqualTo("cache entries of team:search removed (3 entries)");
    }

    @Test
    void shouldRefuseAMalformedScopeWithoutCallingTheNode() {
        Cli.Result result = run("cache", "clear", "--scope", "everything");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("--scope must be virtual_key:NAME, team:NAME or customer:NAME");
    }
}
