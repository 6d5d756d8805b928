package io.tollgate.ops;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MarginCommandIT extends FakeNodeTestBase {

    static final String MARGINS = """
            {"period":"2026-10","group_by":"customer",
             "margins":[{"id":"cust_a","name":"acme","revenue_usd":162.26825,"plan_revenue_usd":105.01825,
                         "event_revenue_usd":57.25,"cost_usd":3.5,"margin_usd":158.76825,"margin_percent":97.84,
                         "requests":12,"billable_tokens":3500},
                        {"id":"cust_i","name":"initech","revenue_usd":0.5,"plan_revenue_usd":0.5,"event_revenue_usd":0,
                         "cost_usd":1,"margin_usd":-0.5,"margin_percent":-100.00,"requests":1,"billable_tokens":1000}],
             "totals":{"revenue_usd":162.76825,"plan_revenue_usd":105.51825,"event_revenue_usd":57.25,"cost_usd":4.5,
                       "margin_usd":158.26825,"margin_percent":97.24},
             "negative":[{"id":"cust_i","name":"initech","revenue_usd":0.5,"cost_usd":1,"margin_usd":-0.5,
                          "margin_percent":-100.00}]}""";

    @Test
    void shouldPrintEachOwnersMarginTheTotalsAndTheLosersAndExitOne() {
        node.reply("GET", "/api/margin", 200, MARGINS);

        Cli.Result result = run("margin", "--period", "2026-10");

        assertThat(node.request().query()).isEqualTo("group_by=customer&period=2026-10");
        assertThat(result.exitCode()).as("a negative margin").isEqualTo(1);
        assertThat(result.out().lines()).containsExactly(
                "Margin by customer in 2026-10",
                "NAME        REVENUE  LLM COST      MARGIN  MARGIN %  REQUESTS",
                "acme     $162.26825     $3.50  $158.76825     97.8%        12",
                "initech       $0.50     $1.00      -$0.50   -100.0%         1",
                "TOTAL    $162.76825     $4.50  $158.26825     97.2%",
                "Negative margins: initech (-$0.50)");
    }

    @Test
    void shouldAskForTeamsWhenTold() {
        node.reply("GET", "/api/margin", 200, """
                {"period":"2026-11","group_by":"team","margins":[],"totals":{},"negative":[]}""");

        Cli.Result result = run("margin", "--by", "team");

        assertThat(node.request().query()).isEqualTo("group_by=team");
        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("Margin by team in 2026-11", "No negative margins.");
    }
}
