package io.tollgate.ops;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KeysCommandIT extends FakeNodeTestBase {

    static final String KEYS = """
            {"keys":[
              {"provider":"openai","name":"primary","state":"available","weight":1,"share":0.5,"latency_ms":210,
               "error_rate":0.01,"in_flight":3,"cooldown_until":null},
              {"provider":"openai","name":"backup","state":"cooling","weight":2,"share":0.125,
               "latency_ms":1843.6,"error_rate":0.5,"in_flight":0,"cooldown_until":"2026-11-30T06:50:30Z"},
              {"provider":"mock","name":"k1","state":"disabled","weight":1}
            ],"count":3}""";

    @Test
    void shouldListKeysWithADashForEveryFigureTheNodeDoesNotFill() {
        node.reply("GET", "/api/providers/keys", 200, KEYS);

        Cli.Result result = run("keys");

        assertThat(result.exitCode()).isZero();
        assertThat(node.request().method()).isEqualTo("GET");
        assertThat(node.request().path()).isEqualTo("/api/providers/keys");
        assertThat(result.out().lines()).containsExactly(
                "PROVIDER  KEY      STATE      WEIGHT  SHARE  LATENCY MS  ERRORS  IN FLIGHT  COOLDOWN",
                "openai    primary  available       1  50.0%         210    1.0%          3  -",
                "openai    backup   cooling         2  12.5%        1844   50.0%          0  for 2m 30s",
                "mock      k1       disabled        1      -           -       -          -  -");
    }

    @Test
    void shouldPrintTheRawJsonWithJson() {
        node.reply("GET", "/api/providers/keys", 200, KEYS);

        Cli.Result result = run("keys", "--json");

        assertThat(result.exitCode()).isZero();
        assertThat(Json.parse(result.out())).isEqualTo(Json.parse(KEYS));
    }
}
