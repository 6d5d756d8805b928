package io.tollgate.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class LoggingBindingTest {

    @Test
    void shouldTakeTheDefaultsWithoutASection() {
        TollgateConfig config = ConfigLoader.parse("server: { port: 0 }\n", "test", Map.of());

        assertThat(config.logging()).isEqualTo(LoggingConfig.DEFAULT);
        assertThat(config.logging()).isEqualTo(new LoggingConfig(true, false, 16_384, 10_000, 30));
    }

    @Test
    void shouldBindEverySetting() {
        TollgateConfig config = ConfigLoader.parse("""
                logging:
                  enabled: false
                  content: true
                  max_content_bytes: 1024
                  queue_capacity: 50
                  retention_days: 7
                """, "test", Map.of());

        assertThat(config.logging()).isEqualTo(new LoggingConfig(false, true, 1024, 50, 7));
    }

    @Test
    void shouldNameTheKeyAndValueOfABadSetting() {
        assertThatThrownBy(() -> ConfigLoader.parse("logging: { retention_days: 0 }\n", "test", Map.of()))
                .hasMessage("test: logging.retention_days: must be between 1 and 36500, was 0");
        assertThatThrownBy(() -> ConfigLoader.parse("logging: { queue_capacity: 0 }\n", "test", Map.of()))
                .hasMessage("test: logging.queue_capacity: must be between 1 and 10000000, was 0");
        assertThatThrownBy(() -> ConfigLoader.parse("logging: { contnet: true }\n", "test", Map.of()))
                .hasMessage("test: logging: unknown key 'contnet', did you mean 'content'?");
    }

    @Test
    void shouldDocumentTheSectionInTheBundledDefault() {
        assertThat(ConfigLoader.loadDefault(Map.of()).logging()).isEqualTo(LoggingConfig.DEFAULT);
    }
}
