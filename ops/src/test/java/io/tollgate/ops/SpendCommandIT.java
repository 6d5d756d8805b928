package io.tollgate.ops;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SpendCommandIT extends FakeNodeTestBase {

    @Test
    void shouldShowSpendPerTagValueWithTheTotal() {
        node.reply("GET", "/api/spend", 200, """
                {"group_by":"tag:feature","interval":"total",
                 "spend":[{"group":"","requests":2,"input_tokens":0,"output_tokens":8,"cost_usd":0.008,"saved_usd":0,
                           "errors":0,"cache_hits":0},
                          {"group":"summarize","requests":3,"input_tokens":0,"output_tokens":12,"cost_usd":0.012,
                           "saved_usd":0,"errors":1,"cache_hits":0}],
                 "total_requests":5,"total_cost_usd":0.02,"total_saved_usd":0,"total_errors":1,"total_cache_hits":0}""");

        Cli.Result result = run("spend", "--by", "tag:feature", "--from", "2026-11-01T00:00:00Z");

        assertThat(node.request().query()).isEqualTo("group_by=tag%3Afeature&from=2026-11-01T00%3A00%3A00Z");
        assertThat(result.exitCode()).isZero();
        assertThat(result.out().lines()).containsExactly(
                "TAG:FEATURE  REQUESTS    COST  SAVED  ERRORS",
                "(none)              2  $0.008  $0.00       0",
                "summarize           3  $0.012  $0.00       1",
                "TOTAL               5   $0.02  $0.00       1");
    }
}
