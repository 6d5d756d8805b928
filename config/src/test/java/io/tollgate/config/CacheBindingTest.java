package io.tollgate.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CacheBindingTest {

    @Test
    void shouldBeOffWithoutASection() {
        TollgateConfig config = ConfigLoader.parse("server: { port: 0 }\n", "test", java.util.Map.of());

        assertThat(config.cache()).isEqualTo(CacheConfig.DEFAULT);
        assertThat(config.cache().settingsFor("anyone").mode()).isEqualTo(CacheMode.OFF);
    }

    @Test
    void shouldBindEverySettingAndOverridesByKeyName() {
        TollgateConfig config = ConfigLoader.parse("""
                providers: { openai: { type: openai, keys: [ { name: k, value: sk-test-000000 } ] } }
                cache:
                  mode: exact
                  ttl_s: 600
                  threshold: 0.9
                  scope: team
                  max_entries: 500
                  max_entry_bytes: 4096
                  max_temperature: 0.5
                  embed: { input: last_turns, turns: 4, include_system: true }
                  embedder: { type: provider, provider: openai, model: text-embedding-3-small, dimensions: 512 }
                  virtual_keys:
                    svc: { mode: semantic, threshold: 0.8 }
                    quiet: { mode: off }
                """, "test", java.util.Map.of());

        CacheConfig cache = config.cache();
        assertThat(cache.mode()).isEqualTo(CacheMode.EXACT);
        assertThat(cache.ttlSeconds()).isEqualTo(600);
        assertThat(cache.scope()).isEqualTo(CacheScope.TEAM);
        assertThat(cache.maxEntries()).isEqualTo(500);
        assertThat(cache.maxEntryBytes()).isEqualTo(4096);
        assertThat(cache.maxTemperature()).isEqualTo(0.5);
        assertThat(cache.embed()).isEqualTo(new CacheConfig.EmbedInput(CacheConfig.EmbedInput.Source.LAST_TURNS,
                4, true));
        assertThat(cache.embedder().provider()).contains("openai");
        assertThat(cache.embedder().dimensions()).contains(512);
        assertThat(cache.settingsFor("svc")).isEqualTo(new CacheConfig.Settings(CacheMode.SEMANTIC, 600, 0.8,
                CacheScope.TEAM));
        assertThat(cache.settingsFor("quiet").mode()).isEqualTo(CacheMode.OFF);
        assertThat(cache.settingsFor("other").mode()).isEqualTo(CacheMode.EXACT);
    }

    @Test
    void shouldTurnTheDemoKeyOnInTheBundledDefault() {
        TollgateConfig config = ConfigLoader.loadDefault(java.util.Map.of());

        assertThat(config.cache().mode()).isEqualTo(CacheMode.OFF);
        assertThat(config.cache().settingsFor("demo").mode()).isEqualTo(CacheMode.SEMANTIC);
    }

    @Test
    void shouldNameTheKeyOfABadValue() {
        assertThatThrownBy(() -> ConfigLoader.parse("cache: { threshold: 1.5 }\n", "test", java.util.Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("cache.threshold")
                .hasMessageContaining("between -1 and 1, was 1.5");
        assertThatThrownBy(() -> ConfigLoader.parse("cache: { mode: fuzzy }\n", "test", java.util.Map.of()))
                .hasMessageContaining("cache.mode")
                .hasMessageContaining("must be one of off, exact, semantic");
        assertThatThrownBy(() -> ConfigLoader.parse("cache: { embedder: { type: provider, provider: nope, "
                + "model: m, dimensions: 8 } }\n", "test", java.util.Map.of()))
                .hasMessageContaining("cache.embedder.provider")
                .hasMessageContaining("names no configured provider");
        assertThatThrownBy(() -> ConfigLoader.parse("cache: { tll_s: 5 }\n", "test", java.util.Map.of()))
                .hasMessageContaining("ttl_s");
    }
}
