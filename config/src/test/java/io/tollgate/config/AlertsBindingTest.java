package io.tollgate.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import java.util.Map;
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
}
