package io.tollgate.ops;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TeamAndCustomerCommandIT extends FakeNodeTestBase {

    static final String TEAM = """
            {"id":"t_1","name":"search","customer_id":"c_1","budgets":[{"max_limit":25,"reset_duration":"1w",
             "calendar_aligned":false,"timezone":"UTC","mode":"hard","on_low_budget":"reject"}]}""";

    static final String CUSTOMER = """
            {"id":"c_1","name":"acme","budgets":[{"max_limit":100.25,"reset_duration":"1M","calendar_aligned":true,
             "timezone":"UTC","mode":"hard","on_low_budget":"reject"}]}""";

    @Test
    void shouldListTeamsAsATable() {
        node.reply("GET", "/api/governance/teams", 200, "{\"teams\":[" + TEAM + "],\"count\":1}");

        Cli.Result result = run("team", "list");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out().lines()).containsExactly(
                "ID   NAME    CUSTOMER  BUDGETS",
                "t_1  search  c_1       $25.00/1w");
    }

    @Test
    void shouldCreateATeamWithItsCustomerAndBudget() {
        node.reply("POST", "/api/governance/teams", 201, "{\"message\":\"team created\",\"team\":" + TEAM + "}");

        Cli.Result result = run("team", "create", "--name", "search", "--customer", "c_1",
                "--budget", "25:1w");

        assertThat(result.exitCode()).isZero();
        assertThat(node.request().body()).isEqualTo("{\"name\":\"search\",\"budgets\":[{\"max_limit\":25,"
                + "\"reset_duration\":\"1w\"}],\"customer_id\":\"c_1\"}");
        assertThat(result.out().lines()).containsExactly(
                "Team t_1 created.",
                "id        t_1",
                "name      search",
                "customer  c_1",
                "budgets   $25.00/1w");
    }

    @Test
    void shouldUpdateGetAndDeleteATeam() {
        node.reply("PUT", "/api/governance/teams/t_1", 200, "{\"team\":" + TEAM + "}");
        node.reply("GET", "/api/governance/teams/t_1", 200, "{\"team\":" + TEAM + "}");
        node.reply("DELETE", "/api/governance/teams/t_1", 200, "{\"message\":\"team t_1 deleted\"}");

        Cli.Result updated = run("team", "update", "t_1", "--customer", "", "--reset-usage");
        Cli.Result got = run("team", "get", "t_1");
        Cli.Result deleted = run("team", "delete", "t_1");

        assertThat(node.requests()).extracting(FakeNode.Request::method, FakeNode.Request::body).containsExactly(
                org.assertj.core.groups.Tuple.tuple("PUT", "{\"customer_id\":null,\"reset_budget_usage\":true}"),
                org.assertj.core.groups.Tuple.tuple("GET", ""),
                org.assertj.core.groups.Tuple.tuple("DELETE", ""));
        assertThat(updated.out()).startsWith("Team t_1 updated.\n");
        assertThat(got.out()).startsWith("id        t_1\nname      search\n");
        assertThat(deleted.out()).isEqualTo("team t_1 deleted\n");
    }

    @Test
    void shouldListCreateUpdateAndDeleteCustomers() {
        node.reply("GET", "/api/governance/customers", 200, "{\"customers\":[" + CUSTOMER + "],\"count\":1}");
        node.reply("POST", "/api/governance/customers", 201,
                "{\"message\":\"customer created\",\"customer\":" + CUSTOMER + "}");
        node.reply("PUT", "/api/governance/customers/c_1", 200, "{\"customer\":" + CUSTOMER + "}");
        node.reply("DELETE", "/api/governance/customers/c_1", 200, "{\"message\":\"customer c_1 deleted\"}");

        Cli.Result listed = run("customer", "list");
        Cli.Result created = run("customer", "create", "--name", "acme", "--budget", "100.25:1M");
        run("customer", "update", "c_1", "--name", "acme-corp");
        Cli.Result deleted = run("customer", "delete", "c_1");

        assertThat(listed.out().lines()).containsExactly(
                "ID   NAME  BUDGETS",
                "c_1  acme  $100.25/1M");
        assertThat(created.out().lines()).containsExactly(
                "Customer c_1 created.",
                "id       c_1",
                "name     acme",
                "budgets  $100.25/1M");
        assertThat(node.requests()).extracting(FakeNode.Request::body).containsExactly("",
                "{\"name\":\"acme\",\"budgets\":[{\"max_limit\":100.25,\"reset_duration\":\"1M\"}]}",
                "{\"name\":\"acme-corp\"}", "");
        assertThat(node.requests()).extracting(FakeNode.Request::path).endsWith("/api/governance/customers/c_1");
        assertThat(deleted.out()).isEqualTo("customer c_1 deleted\n");
    }

    @Test
    void shouldPassOnAConflictFromTheApi() {
        node.reply("DELETE", "/api/governance/customers/c_1", 409, """
                {"error":{"message":"Customer 'c_1' still has teams or keys.","type":"invalid_request_error",
                 "param":null,"code":"conflict"}}""");

        Cli.Result result = run("customer", "delete", "c_1");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).isEqualTo("tollgate ops: Customer 'c_1' still has teams or keys.\n");
    }

    @Test
    void shouldSayWhenThereAreNoCustomers() {
        node.reply("GET", "/api/governance/customers", 200, "{\"customers\":[],\"count\":0}");

        assertThat(run("customer", "list").out()).isEqualTo("No customers.\n");
    }
}
