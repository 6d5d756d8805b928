package io.tollgate.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class GlobalOptionsIT extends FakeNodeTestBase {

    @Test
    void shouldPreferTheUrlAndTokenOptionsToTheEnvironment() {
        node.reply("GET", "/api/providers/keys", 200, "{\"keys\":[],\"count\":0}");
        Map<String, String> env = Map.of("TOLLGATE_URL", "http://127.0.0.1:1", "TOLLGATE_ADMIN_TOKEN", "env-token");

        Cli.Result result = Cli.run(env, "--url", node.url() + "/", "keys", "--token", "flag-token");

        assertThat(result.exitCode()).isZero();
        assertThat(node.request().path()).isEqualTo("/api/providers/keys");
        assertThat(node.request().authorization()).isEqualTo("Bearer flag-token");
        assertThat(result.out()).isEqualTo("No provider keys.\n");
    }

    @Test
    void shouldExitTwoWithoutCallingTheNodeWhenNoTokenIsGiven() {
        Cli.Result result = Cli.run(Map.of("TOLLGATE_URL", node.url()), "status");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).isEqualTo("tollgate ops: no admin token: pass --token or set TOLLGATE_ADMIN_TOKEN\n");
        assertThat(node.requests()).isEmpty();
    }

    @Test
    void shouldExitTwoForAUrlThatIsNotHttp() {
        Cli.Result result = run("--url", "127.0.0.1:8080", "status");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).isEqualTo(
                "tollgate ops: --url must be an http:// or https:// URL, was '127.0.0.1:8080'\n");
    }

    @Test
    void shouldExitTwoWhenTheNodeDoesNotAnswerInTime() {
        node.stall("GET", "/api/cluster/status");

        // long enough that connecting to loopback never takes it, even on a loaded machine
        Cli.Result result = run("status", "--timeout-ms", "1500");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).isEqualTo("tollgate ops: cannot reach " + node.url()
                + ": no answer within 1500 ms (--timeout-ms)\n");
    }

    @Test
    void shouldExitTwoWithAHintForAnUnknownCommand() {
        Cli.Result result = run("stauts");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).startsWith("tollgate ops: Unmatched argument at index 0: 'stauts'\n")
                .contains("tollgate ops status").endsWith("Try 'tollgate ops --help'.\n");
    }

    @Test
    void shouldExitTwoWhenNoCommandIsGiven() {
        Cli.Result top = run();
        Cli.Result vk = run("vk");

        assertThat(top.exitCode()).isEqualTo(2);
        assertThat(top.err()).startsWith("tollgate ops: missing command: status, budgets, spend, margin, keys, cache, vk, team, customer, tokens or audit");
        assertThat(vk.exitCode()).isEqualTo(2);
        assertThat(vk.err()).startsWith("tollgate ops: missing command: list, get, create, update, rotate, disable, "
                + "enable, delete\nTry 'tollgate ops vk --help'.");
    }

    @Test
    void shouldPrintHelpAndExitZero() {
        Cli.Result top = run("--help");
        Cli.Result create = run("vk", "create", "--help");

        assertThat(top.exitCode()).isZero();
        assertThat(top.out()).startsWith("Usage: tollgate ops ").contains("status", "budgets", "keys", "vk", "team",
                "customer", "--url=URL", "--token=TOKEN", "--json", "--timeout-ms=MS");
        assertThat(create.exitCode()).isZero();
        assertThat(create.out()).startsWith("Usage: tollgate ops vk create ").contains("--budget=MAX:DURATION[:mode]",
                "--provider=NAME[:MODEL,...]", "--rate-limit-requests=N/DURATION", "--expires-at=INSTANT");
        assertThat(node.requests()).isEmpty();
    }

    @Test
    void shouldReportAnAnswerThatIsNotJson() {
        node.reply("GET", "/api/cluster/status", 502, "<html>bad gateway</html>");

        Cli.Result result = run("status");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).isEqualTo("tollgate ops: the node answered GET /api/cluster/status with status 502 "
                + "and a body that is not JSON\n");
    }

    @Test
    void shouldNeverPrintTheTokenEvenWhenAnErrorEchoesIt() {
        node.reply("GET", "/api/providers/keys", 400, "{\"error\":{\"message\":\"bad header 'Bearer " + Cli.TOKEN
                + "'\",\"type\":\"invalid_request_error\",\"param\":null,\"code\":null}}");

        Cli.Result result = run("keys", "--token", Cli.TOKEN);

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).isEqualTo("tollgate ops: bad header 'Bearer ***'\n");
        assertThat(result.all()).doesNotContain(Cli.TOKEN);
    }
}
