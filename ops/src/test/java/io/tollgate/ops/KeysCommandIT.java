package io.tollgate.ops;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KeysCommandIT extends FakeNodeTestBase {

    static final String KEYS = """
            {"keys":[
              {"provider":"openai","name":"primary","state":"healthy","weight":1,"share":0.5,"latency_ms_p50":210,
               "error_rate":0.01,"cooldown_until":null},
              {"provider":"openai","name":"backup","state":"cooldown","weight":2,"share":0.125,
               "latency_ms_p50":1843.6,"error_rate":0.5,"cooldown_until":"2026-11-30T06:50:30Z"},
              {"provider":"mock","name":"k1","state":"healthy","weight":1,"share":null,"latency_ms_p50":null,
               "error_rate":null}
            ],"count":3}""";

    @Test
    void shouldListKeysWithADashForEveryFigureTheNodeDoesNotFill() {
        node.reply("GET", "/api/providers/keys", 200, KEYS);

        Cli.Result result = run("keys");

        assertThat(result.exitCode()).isZero();
        assertThat(node.request().method()).isEqualTo("GET");
        assertThat(node.request().path()).isEqualTo("/api/providers/keys");
        assertThat(result.out().lines()).containsExactly(
                "PROVIDER  KEY      STATE     WEIGHT  SHARE  P50 MS  ERRORS  COOLDOWN",
                "openai    primary  healthy        1  50.0%     210    1.0%  -",
                "openai    backup   cooldown       2  12.5%    1844   50.0%  for 2m 30s",
                "mock      k1       healthy        1      -       -       -  -");
    }

    @Test
    void shouldPrintTheRawJsonWithJson() {
        node.reply("GET", "/api/providers/keys", 200, KEYS);

        Cli.Result result = run("keys", "--json");

        assertThat(result.exitCode()).isZero();
        assertThat(Json.parse(result.out())).isEqualTo(Json.parse(KEYS));
    }
}
