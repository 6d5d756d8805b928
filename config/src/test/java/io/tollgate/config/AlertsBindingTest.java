package io.tollgate.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AlertsBindingTest {

    @Test
    void shouldDefaultToTheFourThresholdsAndNoWebhook() {
        assertThat(ConfigLoader.parse("server: { port: 0 }\n", "test", Map.of()).alerts())
                .isEqualTo(AlertsConfig.DEFAULT);
    }

    @Test
    void shouldBindThresholdsAndWebhooks() {
        AlertsConfig alerts = ConfigLoader.parse("""
                alerts:
                  thresholds: [75, 95]
                  check_interval_ms: 1000
                  max_attempts: 3
                  webhooks:
                    - { type: slack, url: "https://hooks.example.com/T/B/X" }
                    - { url: "http://127.0.0.1:9000/alerts" }
                  cost_spike: { window_minutes: 10, multiple: 2.5 }
                """, "test", Map.of()).alerts();

        assertThat(alerts.thresholds()).containsExactly(75, 95);
        assertThat(alerts.checkIntervalMs()).isEqualTo(1000);
        assertThat(alerts.maxAttempts()).isEqualTo(3);
        assertThat(alerts.costSpike()).contains(new AlertsConfig.CostSpike(10, 60, new java.math.BigDecimal("2.5"),
                java.math.BigDecimal.ONE));
        assertThat(alerts.webhooks()).containsExactly(
                new AlertsConfig.Webhook(AlertsConfig.Webhook.Type.SLACK, URI.create("https://hooks.example.com/T/B/X")),
                new AlertsConfig.Webhook(AlertsConfig.Webhook.Type.JSON, URI.create("http://127.0.0.1:9000/alerts")));
    }

    @Test
    void shouldNameTheKeyOfABadValue() {
        assertThatThrownBy(() -> ConfigLoader.parse("alerts: { thresholds: [90, 80] }\n", "test", Map.of()))
                .hasMessageContaining("alerts.thresholds").hasMessageContaining("ascending");
        assertThatThrownBy(() -> ConfigLoader.parse("alerts: { webhooks: [ { url: \"ftp://x\" } ] }\n", "test",
                Map.of())).hasMessageContaining("alerts.webhooks[0].url: must be an http or https URL");
        assertThat(List.of(50, 80, 90, 100)).isEqualTo(AlertsConfig.DEFAULT.thresholds());
    }

    @Test
    void shouldBindEmailWithItsPasswordFromTheEnvironment() {
        AlertsConfig alerts = ConfigLoader.parse("""
                alerts:
                  email:
                    host: smtp.example.com
                    security: tls
                    from: tollgate@example.com
                    to: [ops@example.com, "finance@example.com"]
                    username: tollgate
                    password: ${SMTP_PASSWORD}
                    timeout_ms: 5000
                """, "test", Map.of("SMTP_PASSWORD", "hunter2-smtp-password")).alerts();

        AlertsConfig.Email email = alerts.email().orElseThrow();
        assertThat(email).isEqualTo(new AlertsConfig.Email("smtp.example.com", 465, AlertsConfig.Email.Security.TLS,
                "tollgate@example.com", List.of("ops@example.com", "finance@example.com"), Optional.of("tollgate"),
                Optional.of(new Secret("hunter2-smtp-password")), 5000));
        assertThat(alerts.toString()).contains("smtp.example.com", "password=****")
                .doesNotContain("hunter2", "smtp-password");
        assertThat(alerts.webhooks()).isEmpty();
    }

    @Test
    void shouldDefaultEmailToStarttlsOnPort587WithoutAuthentication() {
        AlertsConfig.Email email = ConfigLoader.parse("""
                alerts:
                  email: { host: relay.local, from: a@b.c, to: [ops@b.c] }
                """, "test", Map.of()).alerts().email().orElseThrow();

        assertThat(email.security()).isEqualTo(AlertsConfig.Email.Security.STARTTLS);
        assertThat(email.port()).isEqualTo(587);
        assertThat(email.username()).isEmpty();
        assertThat(email.password()).isEmpty();
        assertThat(email.timeoutMs()).isEqualTo(10_000);
        assertThat(new AlertsConfig(List.of(80), 1000, 2, List.of()).email()).as("the 4-argument form").isEmpty();
    }

    @Test
    void shouldNameTheKeyOfABadEmailValue() {
        assertThatThrownBy(() -> email("{ host: \" \", from: a@b.c, to: [ops@b.c] }"))
                .hasMessageContaining("alerts.email.host: must not be blank");
        assertThatThrownBy(() -> email("{ host: h, port: 70000, from: a@b.c, to: [ops@b.c] }"))
                .hasMessageContaining("alerts.email.port: must be between 1 and 65535, was 70000");
        assertThatThrownBy(() -> email("{ host: h, from: tollgate.example.com, to: [ops@b.c] }"))
                .hasMessageContaining("alerts.email.from: must be an e-mail address (name@domain), was "
                        + "'tollgate.example.com'");
        assertThatThrownBy(() -> email("{ host: h, from: a@b.c, to: [ops@b.c, \"x@@y\"] }"))
                .hasMessageContaining("alerts.email: to[1] must be an e-mail address (name@domain), was 'x@@y'");
        assertThatThrownBy(() -> email("{ host: h, from: a@b.c, to: [] }"))
                .hasMessageContaining("alerts.email.to: must list at least one address");
        assertThatThrownBy(() -> email("{ host: h, from: a@b.c }"))
                .hasMessageContaining("alerts.email.to: is required");
        assertThatThrownBy(() -> email("{ host: h, from: a@b.c, to: [ops@b.c], security: ssl }"))
                .hasMessageContaining("alerts.email.security: must be one of none, starttls, tls, was \"ssl\"");
        assertThatThrownBy(() -> email("{ host: h, from: a@b.c, to: [ops@b.c], password: x }"))
                .hasMessageContaining("alerts.email.password: needs a username").message().doesNotContain("'x'");
    }

    @Test
    void shouldRejectUnknownEmailKeysAndNeverShowAMissingPassword() {
        assertThatThrownBy(() -> email("{ host: h, from: a@b.c, to: [ops@b.c], user: me }"))
                .hasMessageContaining("alerts.email").hasMessageContaining("'user'");
        assertThatThrownBy(() -> email("{ host: h, from: a@b.c, to: [ops@b.c], username: me, "
                + "password: \"${SMTP_PASSWORD}\" }"))
                .hasMessageContaining("alerts.email.password: environment variable SMTP_PASSWORD is not set");
    }

    private static AlertsConfig email(String flow) {
        return ConfigLoader.parse("alerts:\n  email: " + flow + "\n", "test", Map.of()).alerts();
    }
}
