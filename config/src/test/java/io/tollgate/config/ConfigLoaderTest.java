package io.tollgate.config;

import static io.tollgate.config.ConfigFixtures.failure;
import static io.tollgate.config.ConfigFixtures.parse;
import static io.tollgate.config.ConfigFixtures.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    private static final Map<String, String> FULL_ENV = Map.of(
            "TOLLGATE_ADMIN_TOKEN", "admin-token-value-123",
            "OPENAI_API_KEY", "sk-openai-value-123",
            "AZURE_OPENAI_API_KEY", "azure-value-123",
            "ANTHROPIC_API_KEY", "sk-ant-value-123");

    @TempDir
    Path dir;

    @Test
    void shouldLoadTheFullExample() {
        TollgateConfig config = parse(resource("full-example.yaml"), FULL_ENV);

        assertThat(config.source()).isEqualTo("test.yaml");
        assertThat(config.warnings()).isEmpty();
        assertThat(config.server()).isEqualTo(new ServerConfig("127.0.0.1", 8080, 10_485_760));
        assertThat(config.admin().token().map(Secret::reveal)).contains("admin-token-value-123");
        assertThat(config.providers()).containsOnlyKeys("openai", "azure", "local-vllm", "anthropic", "mock");
        assertThat(config.providers().keySet()).containsExactly("openai", "azure", "local-vllm", "anthropic", "mock");

        ProviderConfig openai = config.providers().get("openai");
        assertThat(openai.type()).isEqualTo(ProviderType.OPENAI);
        assertThat(openai.baseUrl()).isEqualTo("https://api.openai.com/v1");
        assertThat(openai.apiVersion()).isEmpty();
        assertThat(openai.keys()).containsExactly(new ProviderKey("primary", new Secret("sk-openai-value-123"), 1));
        assertThat(openai.timeouts()).isEqualTo(Timeouts.DEFAULT);
        assertThat(openai.headers()).containsExactly(Map.entry("x-extra", "v"));
        assertThat(openai.enabled()).isTrue();

        ProviderConfig azure = config.providers().get("azure");
        assertThat(azure.baseUrl()).isEqualTo("https://myres.openai.azure.com/openai/deployments/{model}");
        assertThat(azure.apiVersion()).contains("2024-10-21");
        assertThat(azure.keys()).extracting(key -> key.value().reveal()).containsExactly("azure-value-123");

        ProviderConfig vllm = config.providers().get("local-vllm");
        assertThat(vllm.baseUrl()).isEqualTo("http://127.0.0.1:8000/v1");
        assertThat(vllm.keys()).containsExactly(new ProviderKey("k1", new Secret("none"), 1));

        ProviderConfig anthropic = config.providers().get("anthropic");
        assertThat(anthropic.type()).isEqualTo(ProviderType.ANTHROPIC);
        assertThat(anthropic.baseUrl()).isEqualTo("https://api.anthropic.com");

        ProviderConfig mock = config.providers().get("mock");
        assertThat(mock.type()).isEqualTo(ProviderType.MOCK);
        assertThat(mock.baseUrl()).isEmpty();
        assertThat(mock.keys()).containsExactly(new ProviderKey("default", new Secret("mock"), 1));
        assertThat(mock.mock()).isEqualTo(new MockOptions(0, 0, 0, 1, Map.of("k2", 429)));

        assertThat(config.pricing()).containsOnlyKeys("local-vllm/llama-3.1-8b", "openai/gpt-4o");
        assertThat(config.pricing().get("local-vllm/llama-3.1-8b"))
                .isEqualTo(ModelPrice.of(new BigDecimal("0.10"), new BigDecimal("0.20")));
        assertThat(config.pricing().get("openai/gpt-4o")).isEqualTo(new ModelPrice(new BigDecimal("2.50"),
                new BigDecimal("10"), Optional.of(new BigDecimal("1.25")), Optional.of(new BigDecimal("3.75")),
                Optional.of(new BigDecimal("5")), Optional.of(new BigDecimal("10")), Optional.empty()));
    }

    @Test
    void shouldApplyDefaultsForAnEmptyDocument() {
        TollgateConfig config = parse("# nothing but a comment\n");

        assertThat(config.server()).isEqualTo(ServerConfig.DEFAULT);
        assertThat(config.admin()).isEqualTo(AdminConfig.NONE);
        assertThat(config.providers()).isEmpty();
        assertThat(config.pricing()).isEmpty();
        assertThat(config.warnings()).isEmpty();
    }

    @Test
    void shouldDefaultServerFieldByField() {
        assertThat(parse("server: { port: 9090 }").server()).isEqualTo(new ServerConfig("127.0.0.1", 9090, 10_485_760));
        assertThat(parse("server: { host: 0.0.0.0 }").server()).isEqualTo(new ServerConfig("0.0.0.0", 8080, 10_485_760));
        assertThat(parse("server:\nadmin:\n").server()).isEqualTo(ServerConfig.DEFAULT);
        assertThat(parse("server: { body_timeout_ms: 5000 }").server().timeouts())
                .isEqualTo(new ServerConfig.Timeouts(20_000, 5_000, 60_000));
    }

    @Test
    void shouldWarnWhenThePipelineIsOnlyAPassThrough() {
        TollgateConfig config = parse("server: { pass_through: true }");
        assertThat(config.server().passThrough()).isTrue();
        assertThat(config.warnings()).singleElement().asString()
                .startsWith("server.pass_through is on: requests are only routed and relayed, without authentication");
        assertThat(parse("server: { port: 1 }").server().passThrough()).isFalse();
    }

    @Test
    void shouldDefaultProviderFields() {
        TollgateConfig config = parse("""
                providers:
                  oa:
                    type: openai
                    keys: [ { name: a, value: literal-key } ]
                    timeouts: { first_byte_ms: 30000 }
                  an: { type: anthropic, keys: [ { name: b, value: other-key, weight: 3 } ] }
                """);

        ProviderConfig openai = config.providers().get("oa");
        assertThat(openai.baseUrl()).isEqualTo(ProviderType.OPENAI.defaultBaseUrl());
        assertThat(openai.keys()).extracting(ProviderKey::weight).containsExactly(1);
        assertThat(openai.timeouts()).isEqualTo(new Timeouts(5_000, 30_000, 600_000));
        assertThat(openai.headers()).isEmpty();
        assertThat(openai.mock()).isEqualTo(MockOptions.DEFAULT);
        assertThat(openai.disabledReason()).isEmpty();
        assertThat(config.providers().get("an").baseUrl()).isEqualTo(ProviderType.ANTHROPIC.defaultBaseUrl());
        assertThat(config.providers().get("an").keys()).extracting(ProviderKey::weight).containsExactly(3);
    }

    @Test
    void shouldGiveAMockWithoutKeysItsDefaultKey() {
        TollgateConfig config = parse("providers: { m1: { type: mock }, m2: { type: mock, keys: [] } }");

        ProviderKey expected = new ProviderKey("default", new Secret("mock"), 1);
        assertThat(config.providers().get("m1").keys()).containsExactly(expected);
        assertThat(config.providers().get("m2").keys()).containsExactly(expected);
        assertThat(config.providers().get("m1").mock()).isEqualTo(MockOptions.DEFAULT);
    }

    @Test
    void shouldKeepListedMockKeys() {
        TollgateConfig config = parse("""
                providers:
                  mock:
                    type: mock
                    keys: [ { name: k1, value: a }, { name: k2, value: b, weight: 2 } ]
                    mock: { latency_ms: 25, fail_status: 503, fail_every: 3, key_fail_status: { k2: 429 } }
                """);

        ProviderConfig mock = config.providers().get("mock");
        assertThat(mock.keys()).extracting(ProviderKey::name).containsExactly("k1", "k2");
        assertThat(mock.mock()).isEqualTo(new MockOptions(25, 0, 503, 3, Map.of("k2", 429)));
    }

    @Test
    void shouldLoadTheBundledDefaultWithTwoWarningsWhenNoKeyIsSet() {
        TollgateConfig config = ConfigLoader.loadDefault(Map.of());

        assertThat(config.source()).isEqualTo("bundled default");
        assertThat(config.server()).isEqualTo(ServerConfig.DEFAULT);
        assertThat(config.admin()).isEqualTo(AdminConfig.NONE);
        assertThat(config.providers().keySet()).containsExactly("mock", "openai", "anthropic");
        assertThat(config.warnings()).containsExactly(
                "provider 'openai' disabled: environment variable OPENAI_API_KEY is not set",
                "provider 'anthropic' disabled: environment variable ANTHROPIC_API_KEY is not set");
        assertThat(config.providers().get("mock").enabled()).isTrue();
        assertThat(config.providers().get("openai").disabledReason()).contains("OPENAI_API_KEY is not set");
        assertThat(config.providers().get("anthropic").disabledReason()).contains("ANTHROPIC_API_KEY is not set");
        assertThat(config.pricing()).containsOnlyKeys("mock/echo", "mock/mock-large");
        assertThat(config.pricing().get("mock/echo"))
                .isEqualTo(ModelPrice.of(new BigDecimal("0.15"), new BigDecimal("0.60")));
        assertThat(config.pricing().get("mock/mock-large"))
                .isEqualTo(ModelPrice.of(new BigDecimal("2.50"), new BigDecimal("10.00")));
    }

    @Test
    void shouldDeclareTheDemoKeyInTheBundledDefault() {
        TollgateConfig config = ConfigLoader.loadDefault(Map.of());

        GovernanceConfig governance = config.governance();
        assertThat(governance.enforce()).isTrue();
        assertThat(governance.customers()).isEmpty();
        assertThat(governance.teams()).isEmpty();
        assertThat(governance.virtualKeys()).singleElement().satisfies(demo -> {
            assertThat(demo.name()).isEqualTo("demo");
            assertThat(demo.value().reveal()).isEqualTo("tg-demo-local-only-change-me");
            assertThat(demo.active()).isTrue();
            assertThat(demo.expiresAt()).isEmpty();
            assertThat(demo.team()).isEmpty();
            assertThat(demo.customer()).isEmpty();
            assertThat(demo.providerConfigs()).isEmpty();
            assertThat(demo.budgets()).containsExactly(
                    BudgetSpec.of(new BigDecimal("1.00"), new ResetDuration(1, ResetDuration.Unit.DAY)));
            assertThat(demo.rateLimit()).contains(new RateLimitSpec(120,
                    new ResetDuration(1, ResetDuration.Unit.MINUTE), 0, ResetDuration.NEVER));
        });
        assertThat(config.store()).isEqualTo(StoreConfig.EMBEDDED);
        assertThat(config.warnings()).hasSize(2);
    }

    @Test
    void shouldTakeTheDemoKeyOfTheBundledDefaultFromTheEnvironment() {
        TollgateConfig config = ConfigLoader.loadDefault(Map.of("TOLLGATE_DEMO_KEY", "tg-my-own-demo-key"));

        assertThat(config.governance().virtualKeys()).singleElement()
                .extracting(demo -> demo.value().reveal()).isEqualTo("tg-my-own-demo-key");
        assertThat(ConfigFixtures.resource(ConfigLoader.DEFAULT_RESOURCE)).doesNotContain("tg-my-own-demo-key");
        assertThat(config.toString()).doesNotContain("tg-my-own-demo-key");
    }

    @Test
    void shouldEnableOpenAiInTheBundledDefaultWhenItsKeyIsGiven() {
        TollgateConfig config = ConfigLoader.loadDefault(
                Map.of("OPENAI_API_KEY", "sk-test-openai", "TOLLGATE_ADMIN_TOKEN", "admin-secret"));

        assertThat(config.providers().get("openai").enabled()).isTrue();
        assertThat(config.providers().get("openai").keys())
                .containsExactly(new ProviderKey("primary", new Secret("sk-test-openai"), 1));
        assertThat(config.admin().token().map(Secret::reveal)).contains("admin-secret");
        assertThat(config.warnings()).containsExactly(
                "provider 'anthropic' disabled: environment variable ANTHROPIC_API_KEY is not set");
    }

    @Test
    void shouldPreferTheCommandLineThenTollgateConfigThenTheDefault() throws IOException {
        Path cli = write("cli.yaml", "server: { port: 1111 }");
        Path fromEnv = write("env.yaml", "server: { port: 2222 }");
        Map<String, String> env = Map.of("TOLLGATE_CONFIG", fromEnv.toString());

        assertThat(ConfigLoader.resolve(cli.toString(), env).server().port()).isEqualTo(1111);
        assertThat(ConfigLoader.resolve(cli.toString(), env).source()).isEqualTo(cli.toString());
        assertThat(ConfigLoader.resolve("", env).server().port()).isEqualTo(2222);
        assertThat(ConfigLoader.resolve("", env).source()).isEqualTo(fromEnv.toString());
        assertThat(ConfigLoader.resolve("", Map.of("TOLLGATE_CONFIG", "  ")).source()).isEqualTo("bundled default");
        assertThat(ConfigLoader.resolve("", Map.of()).source()).isEqualTo("bundled default");
    }

    @Test
    void shouldLoadAFileUnderItsPath() throws IOException {
        Path file = write("tg.yaml", "server: { port: 3333 }\nproviders: { mock: { type: mock } }\n");

        TollgateConfig config = ConfigLoader.load(file, Map.of());

        assertThat(config.source()).isEqualTo(file.toString());
        assertThat(config.server().port()).isEqualTo(3333);
        assertThat(config.providers()).containsOnlyKeys("mock");
    }

    @Test
    void shouldNameAMissingFile() {
        Path missing = dir.resolve("nope.yaml");

        assertThatThrownBy(() -> ConfigLoader.resolve(missing.toString(), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage(missing + ": file not found");
    }

    @Test
    void shouldNameFileAndPathOfAProblemInAFile() throws IOException {
        Path file = write("tg.yaml", "providers:\n  openai:\n    type: openai\n"
                + "    keys: [ { name: primary, value: sk-x, weight: heavy } ]\n");

        assertThatThrownBy(() -> ConfigLoader.load(file, Map.of()))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.source()).isEqualTo(file.toString());
                    assertThat(e.path()).isEqualTo("providers.openai.keys[0].weight");
                })
                .hasMessage(file + ": providers.openai.keys[0].weight: must be an integer, was \"heavy\"");
    }

    @Test
    void shouldNameFileLineAndColumnOfAYamlSyntaxError() throws IOException {
        Path file = write("broken.yaml", "server:\n  port: 8080\n   host: x\n");

        assertThatThrownBy(() -> ConfigLoader.load(file, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(file + ": invalid YAML at line 3, column ");
        assertThat(failure("providers: [1\nserver: 2\n"))
                .isEqualTo("test.yaml: invalid YAML at line 2, column 7: "
                        + "while parsing a flow sequence: expected ',' or ']', but got :");
    }

    @Test
    void shouldRejectDuplicateKeysAsSyntaxErrors() {
        assertThat(failure("providers:\n  mock: { type: mock }\n  mock: { type: mock }\n"))
                .isEqualTo("test.yaml: invalid YAML at line 3, column 7: duplicate key 'mock'");
    }

    @Test
    void shouldRejectADocumentThatIsNotAMap() {
        assertThat(failure("- server\n- admin\n")).isEqualTo("test.yaml: must be a map, was a list");
    }

    @Test
    void shouldKeepFileOrderOfProviders() {
        List<String> names = List.copyOf(parse("""
                providers: { z: { type: mock }, a: { type: mock }, m: { type: mock } }
                """).providers().keySet());

        assertThat(names).containsExactly("z", "a", "m");
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }
}
