package io.tollgate.node.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.node.testing.MutableClock;
import io.tollgate.node.testing.NodeHarness;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Failed management API authentications limited per client address, and every 401 and 403 counted in
 * {@code tollgate_auth_refusals_total}, on a node whose clock the test moves.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LoginThrottleIT {

    private static final String ADMIN = "throttle-admin-token-000001";

    @Test
    void shouldRefuseAnAddressForTheRestOfTheMinuteAfterItsFailuresAndCountEveryRefusal() {
        MutableClock clock = MutableClock.at(Instant.parse("2026-11-30T10:00:05Z"));
        try (NodeHarness node = NodeHarness.start("""
                server: { port: 0 }
                admin: { token: %s, login_failures_per_minute: 3 }
                governance: { enforce: true }
                providers:
                  mock: { type: mock }
                """.formatted(ADMIN), Map.of(), clock)) {
            String viewer = NodeHarness.json(node.send("POST", "/api/tokens", "{\"name\":\"v\",\"role\":\"viewer\"}",
                    "authorization", "Bearer " + ADMIN)).path("admin_token").path("value").asText();
            assertThat(node.send("POST", "/api/governance/customers", "{\"name\":\"x\"}", "authorization",
                    "Bearer " + viewer).statusCode()).isEqualTo(403);
            assertThat(node.post("/v1/chat/completions", "{\"model\":\"mock/echo\",\"messages\":"
                    + "[{\"role\":\"user\",\"content\":\"hi\"}]}").statusCode()).as("no virtual key").isEqualTo(401);
            for (int i = 0; i < 3; i++) {
                assertThat(node.get("/api/governance/customers", "authorization", "Bearer wrong-" + i)
                        .statusCode()).isEqualTo(401);
            }

            HttpResponse<String> blocked = node.get("/api/governance/customers", "authorization", "Bearer " + ADMIN);

            assertThat(blocked.statusCode()).isEqualTo(429);
            assertThat(NodeHarness.json(blocked).path("error").path("code").asText())
                    .isEqualTo("too_many_login_failures");
            assertThat(blocked.headers().firstValue("retry-after")).hasValue("55");
            assertThat(node.get("/metrics", "authorization", "Bearer " + ADMIN).statusCode()).isEqualTo(429);

            clock.advance(Duration.ofSeconds(55));
            assertThat(node.get("/api/governance/customers", "authorization", "Bearer " + ADMIN).statusCode())
                    .isEqualTo(200);
            String metrics = node.get("/metrics", "authorization", "Bearer " + ADMIN).body();
            assertThat(metrics)
                    .contains("tollgate_auth_refusals_total{api=\"management\",status=\"401\"} 3.0")
                    .contains("tollgate_auth_refusals_total{api=\"management\",status=\"403\"} 1.0")
                    .contains("tollgate_auth_refusals_total{api=\"inference\",status=\"401\"} 1.0");
        }
    }
}
