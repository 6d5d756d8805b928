package io.tollgate.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class VirtualKeyCommandIT extends FakeNodeTestBase {

    static final String KEY = """
            {"id":"vk_1","name":"search-prod","value_hint":"tg-…7f3a","is_active":true,
             "expires_at":"2026-12-31T00:00:00Z","team_id":"t_1","customer_id":null,
             "provider_configs":[{"provider":"openai","weight":1,"allowed_models":["gpt-4o-mini","regex:gpt-5.*"],
                                  "budgets":[]},{"provider":"anthropic","weight":1,"budgets":[]}],
             "budgets":[{"max_limit":10,"reset_duration":"1M","calendar_aligned":false,"timezone":"UTC",
                         "mode":"hard","on_low_budget":"reject"},
                        {"max_limit":1.5,"reset_duration":"1d","calendar_aligned":false,"timezone":"UTC",
                         "mode":"soft","on_low_budget":"reject"}],
             "rate_limit":{"request_max_limit":600,"request_reset_duration":"1m","token_max_limit":2000000,
                           "token_reset_duration":"1h"},
             "fallbacks":["anthropic/claude-haiku-4-5","openai/gpt-4o-mini"],
             "created_at":"2026-11-01T00:00:00Z","updated_at":"2026-11-01T00:00:00Z"}""";

    static final String OTHER = """
            {"id":"vk_2","name":"ci","value_hint":"tg-…0c1d","is_active":false,"expires_at":null,"team_id":null,
             "customer_id":"c_1","provider_configs":[],"budgets":[]}""";

    static final String NEW_VALUE = "tg-2b9d6c0e4f1a8b7c3d5e9f0a1b2c3d4e";

    private static final String BASE = "/api/governance/virtual-keys";

    @Test
    void shouldListKeysAsATable() {
        node.reply("GET", BASE, 200, "{\"virtual_keys\":[" + KEY + "," + OTHER + "],\"count\":2}");

        Cli.Result result = run("vk", "list");

        assertThat(result.exitCode()).isZero();
        assertThat(node.request().method()).isEqualTo("GET");
        assertThat(node.request().path()).isEqualTo(BASE);
        assertThat(result.out().lines()).containsExactly(
                "ID    NAME         VALUE     OWNER         ACTIVE  EXPIRES               BUDGETS",
                "vk_1  search-prod  tg-…7f3a  team t_1      yes     2026-12-31T00:00:00Z  $10.00/1M, $1.50/1d soft",
                "vk_2  ci           tg-…0c1d  customer c_1  no      -                     -");
    }

    @Test
    void shouldShowOneKeyInDetail() {
        node.reply("GET", BASE + "/vk_1", 200, "{\"virtual_key\":" + KEY + "}");

        Cli.Result result = run("vk", "get", "vk_1");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out().lines()).containsExactly(
                "id          vk_1",
                "name        search-prod",
                "value       tg-…7f3a",
                "active      yes",
                "expires     2026-12-31T00:00:00Z (in 30d 17h)",
                "team        t_1",
                "customer    -",
                "providers   openai (gpt-4o-mini, regex:gpt-5.*), anthropic",
                "budgets     $10.00/1M, $1.50/1d soft",
                "rate limit  600 requests/1m, 2000000 tokens/1h",
                "fallbacks   anthropic/claude-haiku-4-5, openai/gpt-4o-mini");
    }

    @Test
    void shouldSendFallbacksInTheOrderGiven() {
        node.reply("POST", BASE, 201, created(OTHER));

        run("vk", "create", "--name", "ci", "--fallback", "openai/gpt-4o-mini", "--fallback", "mock/echo");

        assertThat(node.request().body())
                .isEqualTo("{\"name\":\"ci\",\"fallbacks\":[\"openai/gpt-4o-mini\",\"mock/echo\"]}");
    }

    @Test
    void shouldClearFallbacksWithAnEmptyValueOnUpdate() {
        node.reply("PUT", BASE + "/vk_2", 200, "{\"virtual_key\":" + OTHER + "}");

        run("vk", "update", "vk_2", "--fallback", "");

        assertThat(node.request().method()).isEqualTo("PUT");
        assertThat(node.request().body()).isEqualTo("{\"fallbacks\":[]}");
    }

    @Test
    void shouldSendExactBudgetJsonWhenCreating() {
        node.reply("POST", BASE, 201, created(OTHER));

        run("vk", "create", "--name", "ci", "--budget", "10:1M");

        FakeNode.Request request = node.request();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo(BASE);
        assertThat(request.contentType()).isEqualTo("application/json");
        assertThat(request.authorization()).isEqualTo("Bearer " + Cli.TOKEN);
        assertThat(request.body()).isEqualTo(
                "{\"name\":\"ci\",\"budgets\":[{\"max_limit\":10,\"reset_duration\":\"1M\"}]}");
    }

    @Test
    void shouldSendEveryCreateOptionAsTheApisFields() {
        node.reply("POST", BASE, 201, created(OTHER));

        Cli.Result result = run("vk", "create", "--name", "search-prod", "--team", "t_1",
                "--budget", "1.50:1d:soft", "--budget", "0.000000001:never", "--rate-limit-requests", "600/1m",
                "--rate-limit-tokens", "2000000/1h", "--provider", "openai:gpt-4o-mini,regex:gpt-5.*",
                "--provider", "anthropic", "--expires-at", "2026-12-31T00:00:00Z");

        assertThat(result.exitCode()).isZero();
        assertThat(Json.parse(node.request().body())).isEqualTo(Json.parse("""
                {"name":"search-prod","budgets":[{"max_limit":1.50,"reset_duration":"1d","mode":"soft"},
                   {"max_limit":0.000000001,"reset_duration":"never"}],
                 "team_id":"t_1",
                 "provider_configs":[{"provider":"openai","allowed_models":["gpt-4o-mini","regex:gpt-5.*"]},
                                     {"provider":"anthropic"}],
                 "expires_at":"2026-12-31T00:00:00Z",
                 "rate_limit":{"request_max_limit":600,"request_reset_duration":"1m","token_max_limit":2000000,
                               "token_reset_duration":"1h"}}"""));
        assertThat(node.request().body()).contains("\"max_limit\":1.50,").contains("\"max_limit\":0.000000001,");
    }

    @Test
    void shouldShowTheNewValueOnceWithANoteWhenCreating() {
        node.reply("POST", BASE, 201, created(OTHER));

        Cli.Result result = run("vk", "create", "--name", "ci");

        assertThat(result.exitCode()).isZero();
        List<String> lines = result.out().lines().toList();
        assertThat(lines.get(0)).isEqualTo("Virtual key vk_2 created.");
        assertThat(lines).contains("name        ci", "value: " + NEW_VALUE);
        assertThat(lines.get(lines.size() - 1))
                .isEqualTo("This value is shown once and cannot be shown again: store it now.");
        assertThat(result.out().split(NEW_VALUE, -1)).hasSize(2);
    }

    @Test
    void shouldPrintTheCreatedJsonAndTheNoteOnStderrWithJson() {
        node.reply("POST", BASE, 201, created(OTHER));

        Cli.Result result = run("vk", "create", "--name", "ci", "--json");

        assertThat(Json.parse(result.out()).path("virtual_key").path("value").asText()).isEqualTo(NEW_VALUE);
        assertThat(result.err()).isEqualTo("This value is shown once and cannot be shown again: store it now.\n");
    }

    @Test
    void shouldRefuseToCreateWithoutAName() {
        Cli.Result result = run("vk", "create", "--budget", "10:1M");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).isEqualTo("tollgate ops: --name is required to create a virtual key\n");
        assertThat(node.requests()).isEmpty();
    }

    @Test
    void shouldPutOnlyTheChangedFields() {
        node.reply("PUT", BASE + "/vk_2", 200, "{\"virtual_key\":" + OTHER + "}");

        Cli.Result result = run("vk", "update", "vk_2", "--name", "ci", "--team", "",
                "--expires-at", "never", "--reset-usage");

        assertThat(result.exitCode()).isZero();
        assertThat(node.request().method()).isEqualTo("PUT");
        assertThat(node.request().path()).isEqualTo(BASE + "/vk_2");
        assertThat(node.request().body())
                .isEqualTo("{\"name\":\"ci\",\"team_id\":null,\"expires_at\":null,\"reset_budget_usage\":true}");
        assertThat(result.out()).startsWith("Virtual key vk_2 updated.\nid          vk_2\n");
    }

    @Test
    void shouldKeepTheOtherRateLimitWhenUpdatingOne() {
        node.reply("GET", BASE + "/vk_1", 200, "{\"virtual_key\":" + KEY + "}");
        node.reply("PUT", BASE + "/vk_1", 200, "{\"virtual_key\":" + KEY + "}");

        run("vk", "update", "vk_1", "--rate-limit-tokens", "5000/1d");

        assertThat(node.requests()).extracting(FakeNode.Request::method).containsExactly("GET", "PUT");
        assertThat(node.requests().get(1).body()).isEqualTo("{\"rate_limit\":{\"request_max_limit\":600,"
                + "\"request_reset_duration\":\"1m\",\"token_max_limit\":5000,\"token_reset_duration\":\"1d\"}}");
    }

    @Test
    void shouldRefuseAnUpdateThatChangesNothing() {
        Cli.Result result = run("vk", "update", "vk_1");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).startsWith("tollgate ops: nothing to change for virtual key vk_1");
        assertThat(node.requests()).isEmpty();
    }

    @Test
    void shouldRotateAndShowTheNewValueOnce() {
        node.reply("POST", BASE + "/vk_1/rotate", 200, "{\"virtual_key\":" + withValue(KEY) + "}");

        Cli.Result result = run("vk", "rotate", "vk_1");

        assertThat(result.exitCode()).isZero();
        assertThat(node.request().method()).isEqualTo("POST");
        assertThat(node.request().path()).isEqualTo(BASE + "/vk_1/rotate");
        assertThat(result.out().lines()).containsExactly(
                "Virtual key vk_1 rotated: the old value stopped working.",
                "",
                "value: " + NEW_VALUE,
                "This value is shown once and cannot be shown again: store it now.");
    }

    @Test
    void shouldDisableAndEnableWithIsActive() {
        node.reply("PUT", BASE + "/vk_1", 200, "{\"virtual_key\":" + KEY + "}");

        Cli.Result disabled = run("vk", "disable", "vk_1");
        Cli.Result enabled = run("vk", "enable", "vk_1");

        assertThat(node.requests()).extracting(FakeNode.Request::method, FakeNode.Request::body).containsExactly(
                org.assertj.core.groups.Tuple.tuple("PUT", "{\"is_active\":false}"),
                org.assertj.core.groups.Tuple.tuple("PUT", "{\"is_active\":true}"));
        assertThat(disabled.out()).isEqualTo("Virtual key vk_1 disabled.\n");
        assertThat(enabled.out()).isEqualTo("Virtual key vk_1 enabled.\n");
    }

    @Test
    void shouldDeleteAndPrintTheApisMessage() {
        node.reply("DELETE", BASE + "/vk_1", 200, "{\"message\":\"virtual key vk_1 deleted\"}");

        Cli.Result result = run("vk", "delete", "vk_1");

        assertThat(result.exitCode()).isZero();
        assertThat(node.request().method()).isEqualTo("DELETE");
        assertThat(result.out()).isEqualTo("virtual key vk_1 deleted\n");
    }

    @Test
    void shouldPrintTheApisErrorMessageAndExitOne() {
        node.reply("GET", BASE + "/nope", 404, """
                {"error":{"message":"No virtual key with id 'nope'.","type":"invalid_request_error","param":null,
                 "code":"not_found"}}""");

        Cli.Result result = run("vk", "get", "nope");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).isEqualTo("tollgate ops: No virtual key with id 'nope'.\n");
        assertThat(result.out()).isEmpty();
    }

    @Test
    void shouldEncodeIdsInThePath() {
        run("vk", "get", "a b/c");

        assertThat(node.request().path()).isEqualTo(BASE + "/a%20b%2Fc");
    }

    @Test
    void shouldRejectABadBudgetBeforeCallingTheNode() {
        Cli.Result result = run("vk", "create", "--name", "x", "--budget", "10:1month");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).startsWith("tollgate ops: Invalid value for option '--budget' "
                + "(MAX:DURATION[:mode]): '1month' is not a duration");
        assertThat(node.requests()).isEmpty();
    }

    private static String created(String key) {
        return "{\"message\":\"virtual key created\",\"virtual_key\":" + withValue(key) + "}";
    }

    private static String withValue(String key) {
        return key.substring(0, key.lastIndexOf('}')) + ",\"value\":\"" + NEW_VALUE + "\"}";
    }
}
