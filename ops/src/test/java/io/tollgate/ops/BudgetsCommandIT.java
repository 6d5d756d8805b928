package io.tollgate.ops;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BudgetsCommandIT extends FakeNodeTestBase {

    static final String BUDGETS = """
            {"budgets":[
              {"id":"vk:vk_1:1d","level":"virtual_key","owner_id":"vk_1","owner_name":"demo","limit_usd":1,
               "usage_usd":0.012,"reserved_usd":0,"remaining_usd":0.988,"mode":"hard","percent_used":1.2,
               "resets_at":"2026-11-30T10:00:00Z"},
              {"id":"team:t_1:1w","level":"team","owner_id":"t_1","owner_name":"search","limit_usd":25,
               "usage_usd":20.000000001,"reserved_usd":1.375,"remaining_usd":3.624999999,"mode":"soft",
               "percent_used":85.5,"resets_at":null},
              {"id":"customer:c_1:1M","level":"customer","owner_id":"c_1","owner_name":null,
               "limit_usd":120.5,"usage_usd":48.2,"reserved_usd":0,"remaining_usd":72.3,"mode":"hard","percent_used":40,"resets_at":"2026-12-01T00:00:00Z"}
            ],"count":3}""";

    @Test
    void shouldListBudgetsByPercentUsedWithExactAmountsBarsAndResets() {
        node.reply("GET", "/api/governance/budgets", 200, BUDGETS);

        Cli.Result result = run("budgets");

        assertThat(result.exitCode()).isZero();
        assertThat(node.request().path()).isEqualTo("/api/governance/budgets");
        assertThat(node.request().authorization()).isEqualTo("Bearer " + Cli.TOKEN);
        assertThat(result.out().lines()).containsExactly(
                "LEVEL        OWNER   BUDGET           MODE           USAGE / LIMIT  RESERVED   USED"
                        + "                        RESETS",
                "team         search  team:t_1:1w      soft  $20.000000001 / $25.00    $1.375  85.5%"
                        + "  █████████████████░░░  never",
                "customer     c_1     customer:c_1:1M  hard        $48.20 / $120.50     $0.00  40.0%"
                        + "  ████████░░░░░░░░░░░░  in 17h 12m",
                "virtual_key  demo    vk:vk_1:1d       hard          $0.012 / $1.00     $0.00   1.2%"
                        + "  ░░░░░░░░░░░░░░░░░░░░  in 3h 12m");
    }

    @Test
    void shouldPassTheJsonThroughWithoutRoundingWithJson() {
        node.reply("GET", "/api/governance/budgets", 200, BUDGETS);

        Cli.Result result = run("--json", "budgets");

        assertThat(Json.parse(result.out())).isEqualTo(Json.parse(BUDGETS));
        assertThat(result.out()).contains("\"usage_usd\" : 20.000000001")
                .contains("\"limit_usd\" : 120.5").contains("\"resets_at\" : null");
    }

    @Test
    void shouldSayWhenThereAreNoBudgets() {
        node.reply("GET", "/api/governance/budgets", 200, "{\"budgets\":[],\"count\":0}");

        Cli.Result result = run("budgets");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).isEqualTo("No budgets.\n");
    }
}
