package io.tollgate.ops;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StatusCommandIT extends FakeNodeTestBase {

    static final String HEALTHY = """
            {"cluster":{"name":"tollgate-prod","size":3,"partitions_safe":true,"quorum":{"required":2,"present":true}},
             "members":[{"address":"127.0.0.1:5701","node_url":"http://127.0.0.1:8080","version":"0.1.0-SNAPSHOT",
                         "uptime_seconds":120,"requests_per_second":12.5,"in_flight":3,"local":true}],
             "store":{"kind":"postgresql","healthy":true},
             "verdict":{"healthy":true,"message":"3 members, partitions safe, store healthy"}}""";

    static final String UNHEALTHY = """
            {"cluster":{"name":"tollgate-prod","size":2,"partitions_safe":false,"quorum":{"required":2,"present":false}},
             "members":[{"address":"10.0.0.1:5701","node_url":"http://10.0.0.1:8080","version":"0.1.0",
                         "uptime_seconds":97445,"requests_per_second":0.04,"in_flight":0,"local":true},
                        {"address":"10.0.0.2:5701","node_url":null,"version":null,"uptime_seconds":null,
                         "requests_per_second":null,"in_flight":null,"local":false}],
             "store":{"kind":"h2","healthy":false},
             "verdict":{"healthy":false,"message":"partitions not safe, store down"}}""";

    @Test
    void shouldPrintMembersSafetyStoreAndVerdictAndExitZeroWhenHealthy() {
        node.reply("GET", "/api/cluster/status", 200, HEALTHY);

        Cli.Result result = run("status");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out().lines()).containsExactly(
                "Cluster tollgate-prod: 3 members",
                "ADDRESS           NODE URL               VERSION         UPTIME  REQ/S  IN-FLIGHT",
                "127.0.0.1:5701 *  http://127.0.0.1:8080  0.1.0-SNAPSHOT      2m   12.5          3",
                "(* the node that answered)",
                "Partitions: safe; quorum: present (2 members required)",
                "Store: postgresql, healthy",
                "OK: 3 members, partitions safe, store healthy");
        assertThat(result.err()).isEmpty();
    }

    @Test
    void shouldCallTheStatusRouteWithTheTokenAsBearer() {
        node.reply("GET", "/api/cluster/status", 200, HEALTHY);

        run("status");

        FakeNode.Request request = node.request();
        assertThat(request.method()).isEqualTo("GET");
        assertThat(request.path()).isEqualTo("/api/cluster/status");
        assertThat(request.authorization()).isEqualTo("Bearer " + Cli.TOKEN);
        assertThat(request.body()).isEmpty();
    }

    @Test
    void shouldSayNotHealthyAndExitOneWhenTheVerdictIsUnhealthy() {
        node.reply("GET", "/api/cluster/status", 200, UNHEALTHY);

        Cli.Result result = run("status");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out().lines()).containsExactly(
                "Cluster tollgate-prod: 2 members",
                "ADDRESS          NODE URL              VERSION  UPTIME  REQ/S  IN-FLIGHT",
                "10.0.0.1:5701 *  http://10.0.0.1:8080  0.1.0     1d 3h    0.0          0",
                "10.0.0.2:5701    -                     -             -      -          -",
                "(* the node that answered)",
                "Partitions: NOT SAFE (migrating, or a backup is missing); quorum: MISSING (2 members required)",
                "Store: h2, NOT HEALTHY",
                "NOT HEALTHY: partitions not safe, store down");
    }

    @Test
    void shouldPrintTheRawJsonPrettyWithJsonAndKeepTheExitCode() {
        node.reply("GET", "/api/cluster/status", 200, UNHEALTHY);

        Cli.Result result = run("status", "--json");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(Json.parse(result.out())).isEqualTo(Json.parse(UNHEALTHY));
        assertThat(result.out()).contains("\n  \"cluster\" : {").contains("\"requests_per_second\" : 0.04");
    }

    @Test
    void shouldExitTwoWithConnectionRefusedWhenTheNodeIsDown() {
        FakeNode gone = FakeNode.start();
        String url = gone.url();
        gone.close();

        Cli.Result result = Cli.run(url, "status");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).isEqualTo("tollgate ops: cannot reach " + url + ": connection refused\n");
        assertThat(result.out()).isEmpty();
    }

    @Test
    void shouldExitTwoWithoutPrintingTheTokenWhenTheNodeRefusesIt() {
        node.reply("GET", "/api/cluster/status", 401, """
                {"error":{"message":"Send the admin token as 'Authorization: Bearer <admin token>'.",
                 "type":"authentication_error","param":null,"code":"invalid_admin_token"}}""");

        Cli.Result result = run("status");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).isEqualTo("tollgate ops: the node refused the admin token "
                + "(check --token or TOLLGATE_ADMIN_TOKEN)\n");
        assertThat(result.all()).doesNotContain(Cli.TOKEN);
    }

    @Test
    void shouldPassOnTheNodesMessageWhenItsManagementApiIsDisabled() {
        node.reply("GET", "/api/cluster/status", 401, """
                {"error":{"message":"The management API is disabled: no admin token is configured.",
                 "type":"authentication_error","param":null,"code":"admin_token_missing"}}""");

        Cli.Result result = run("status");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).isEqualTo(
                "tollgate ops: The management API is disabled: no admin token is configured.\n");
    }

    @Test
    void shouldExplainAnOldNodeWithoutTheStatusRoute() {
        Cli.Result result = run("status");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).isEqualTo("tollgate ops: No route for GET /api/cluster/status.\n");
    }
}
