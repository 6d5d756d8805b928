package io.tollgate.config;

import static io.tollgate.config.ConfigFixtures.failure;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every binding error of {@code governance} and {@code store}, with its exact message: source, path, problem. */
class GovernanceErrorsTest {

    /** A mock provider, and {@code extra} inside the {@code governance} map. */
    private static String governance(String extra) {
        return "providers: { mock: { type: mock } }\ngovernance: { " + extra + " }\n";
    }

    /** One virtual key whose map gets {@code extra} appended. */
    private static String key(String extra) {
        return governance("virtual_keys: [ { name: k, value: tg-kkkkkkkkkkkk" + extra + " } ]");
    }

    /** One customer with one budget whose map gets {@code extra} appended. */
    private static String budget(String extra) {
        return governance("customers: [ { name: c, budgets: [ { " + extra + " } ] } ]");
    }

    /** One provider config of one key, with {@code extra} as its content. */
    private static String providerConfig(String extra) {
        return key(", provider_configs: [ { " + extra + " } ]");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "governance: x                             | governance: must be a map, was \"x\"",
        "governance: { enfroce: true }             | governance: unknown key 'enfroce', did you mean 'enforce'?",
        "governance: { budgets: [] }               | governance: unknown key 'budgets', expected one of: customers, default_output_tokens, enforce, leases, on_state_unavailable, reservation_timeout_ms, tags, teams, virtual_keys",
        "governance: { enforce: always }           | governance.enforce: must be true or false, was \"always\"",
        "governance: { enforce: 1 }                | governance.enforce: must be true or false, was 1",
        "governance: { default_output_tokens: 0 }  | governance.default_output_tokens: must be at least 1, was 0",
        "governance: { default_output_tokens: x }  | governance.default_output_tokens: must be an integer, was \"x\"",
        "governance: { reservation_timeout_ms: 999 } | governance.reservation_timeout_ms: must be at least 1000, was 999",
        "governance: { leases: { ttl_ms: 100 } }   | governance.leases.ttl_ms: must be at least 4 × flush_interval_ms (200), was 100",
        "governance: { leases: { idle_ms: 10 } }   | governance.leases.idle_ms: must be at least flush_interval_ms (50), was 10",
        "governance: { leases: { enable: true } }  | governance.leases: unknown key 'enable', did you mean 'enabled'?",
        "governance: { on_state_unavailable: opne } | governance.on_state_unavailable: must be one of closed, open, was \"opne\", did you mean 'open'?",
        "governance: { customers: { acme: {} } }   | governance.customers: must be a list, was a map",
        "governance: { customers: [ acme ] }       | governance.customers[0]: must be a map, was \"acme\"",
        "governance: { customers: [ { budgets: [] } ] } | governance.customers[0].name: is required",
        "governance: { customers: [ { name: '' } ] } | governance.customers[0].name: must not be blank",
        "governance: { customers: [ { name: a, team: t } ] } | governance.customers[0]: unknown key 'team', expected one of: budgets, name, plan",
        "governance: { customers: [ { name: a }, { name: b }, { name: a } ] } | governance.customers[2].name: duplicate customer name 'a'",
        "governance: { teams: [ { name: t }, { name: t } ] } | governance.teams[1].name: duplicate team name 't'",
        "governance: { teams: [ { name: t, customer: acme } ] } | governance.teams[0].customer: unknown customer 'acme' (no customers are declared)",
        "governance: { customers: [ { name: acme } ], teams: [ { name: t, customer: acm } ] } | governance.teams[0].customer: unknown customer 'acm', did you mean 'acme'?",
        "governance: { customers: [ { name: a }, { name: b } ], teams: [ { name: t, customer: zzz } ] } | governance.teams[0].customer: unknown customer 'zzz' (declared: a, b)",
    })
    void shouldReportGovernanceProblemsWithTheirPath(String yaml, String expected) {
        assertThat(failure(yaml)).isEqualTo("test.yaml: " + expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''                                        | governance.virtual_keys[1].name: duplicate virtual key name 'k'",
        ", valeu: x                                | governance.virtual_keys[0]: unknown key 'valeu', did you mean 'value'?",
        ", is_active: maybe                        | governance.virtual_keys[0].is_active: must be true or false, was \"maybe\"",
        ", expires_at: 2027-01-01                  | governance.virtual_keys[0].expires_at: must be an ISO-8601 instant such as 2027-01-01T00:00:00Z, was \"2027-01-01\"",
        ", team: search                            | governance.virtual_keys[0].team: unknown team 'search' (no teams are declared)",
        ", customer: acme                          | governance.virtual_keys[0].customer: unknown customer 'acme' (no customers are declared)",
        ", budgets: x                              | governance.virtual_keys[0].budgets: must be a list, was \"x\"",
        ", budgets: [ { max_limit: 1, reset_duration: 1d }, { max_limit: 2, reset_duration: 1d } ] | governance.virtual_keys[0].budgets: must have one budget per reset_duration; 1d appears twice",
        ", rate_limit: { request_max_limit: 10 }   | governance.virtual_keys[0].rate_limit.request_reset_duration: is required when request_max_limit is set",
        ", rate_limit: { token_max_limit: 10 }     | governance.virtual_keys[0].rate_limit.token_reset_duration: is required when token_max_limit is set",
        ", rate_limit: { request_max_limit: 10, request_reset_duration: never } | governance.virtual_keys[0].rate_limit.request_reset_duration: must be a duration when request_max_limit is set",
        ", rate_limit: { request_max_limit: -1 }   | governance.virtual_keys[0].rate_limit.request_max_limit: must not be negative, was -1",
        ", rate_limit: { token_max_limit: 5, token_reset_duration: 1 } | governance.virtual_keys[0].rate_limit.token_reset_duration: must be a string, was 1",
        ", rate_limit: { token_max_limit: 5, token_reset_duration: 1x } | governance.virtual_keys[0].rate_limit.token_reset_duration: must be a duration such as 30s, 1m, 5m, 1h, 1d, 1w, 1M, 1Q, 1Y or never, was '1x'",
        ", rate_limit: { requests: 5 }             | governance.virtual_keys[0].rate_limit: unknown key 'requests', expected one of: request_max_limit, request_reset_duration, token_max_limit, token_reset_duration",
        ", rate_limit: 60                          | governance.virtual_keys[0].rate_limit: must be a map, was 60",
        ", fallbacks: mock/echo                    | governance.virtual_keys[0].fallbacks: must be a list, was \"mock/echo\"",
        ", fallbacks: [ echo ]                     | governance.virtual_keys[0].fallbacks[0]: must be provider/model, for example openai/gpt-4o-mini, was \"echo\"",
        ", fallbacks: [ mock/a, '/b' ]             | governance.virtual_keys[0].fallbacks[1]: must be provider/model, for example openai/gpt-4o-mini, was \"/b\"",
        ", fallbacks: [ 'mock/ ' ]                 | governance.virtual_keys[0].fallbacks[0]: must be provider/model, for example openai/gpt-4o-mini, was \"mock/ \"",
        ", fallbacks: [ 7 ]                        | governance.virtual_keys[0].fallbacks[0]: must be a string, was 7",
        ", fallbacks: [ mock/a, mock/b, mock/a ]   | governance.virtual_keys[0].fallbacks[2]: duplicate fallback \"mock/a\"",
        ", fallbacks: [ mokc/echo ]                | governance.virtual_keys[0].fallbacks[0]: unknown provider 'mokc', did you mean 'mock'?",
        ", fallbacks: [ mock/a, gemini/pro ]       | governance.virtual_keys[0].fallbacks[1]: unknown provider 'gemini' (configured: mock)",
        ", fallbacks: [ mock/a, mock/b, mock/c, mock/d, mock/e, mock/f ] | governance.virtual_keys[0].fallbacks: must list at most 5 models, was 6",
        ", fallback: [ mock/a ]                    | governance.virtual_keys[0]: unknown key 'fallback', did you mean 'fallbacks'?",
    })
    void shouldReportVirtualKeyProblemsWithTheirPath(String extra, String expected) {
        String yaml = extra.isEmpty()
                ? governance("virtual_keys: [ { name: k, value: tg-aaaaaaaaaaaa }, { name: k, value: tg-bbbbbbbbbbbb } ]")
                : key(extra);
        assertThat(failure(yaml)).isEqualTo("test.yaml: " + expected);
    }

    @Test
    void shouldRejectAKeyWithBothATeamAndACustomer() {
        assertThat(failure(governance("customers: [ { name: c } ], teams: [ { name: t } ], "
                + "virtual_keys: [ { name: k, value: tg-kkkkkkkkkkkk, team: t, customer: c } ]")))
                .isEqualTo("test.yaml: governance.virtual_keys[0]: a virtual key belongs to a team or a customer, "
                        + "not both");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "value: sk-abcdefghijklmnop         | governance.virtual_keys[0].value: must start with 'tg-' and be at least 12 characters",
        "value: tg-short                    | governance.virtual_keys[0].value: must start with 'tg-' and be at least 12 characters",
        "value: ''                          | governance.virtual_keys[0].value: must not be blank",
        "value: 123456789012345             | governance.virtual_keys[0].value: must be a string",
        "value: [ tg-aaaaaaaaaaaa ]         | governance.virtual_keys[0].value: must be a string",
        "is_active: true                    | governance.virtual_keys[0].value: is required",
    })
    void shouldReportABadKeyValueWithoutShowingIt(String content, String expected) {
        assertThat(failure(governance("virtual_keys: [ { name: k, " + content + " } ]")))
                .isEqualTo("test.yaml: " + expected);
    }

    @Test
    void shouldReportADuplicateValueAtTheSecondKeyWithoutShowingIt() {
        assertThat(failure(governance("virtual_keys: [ { name: a, value: tg-same-value-1 }, "
                + "{ name: b, value: tg-same-value-1 } ]")))
                .isEqualTo("test.yaml: governance.virtual_keys[1].value: duplicate value: virtual key 'a' has the "
                        + "same value");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "reset_duration: 1d                       | max_limit: is required",
        "max_limit: 1                             | reset_duration: is required",
        "max_limit: x, reset_duration: 1d         | max_limit: must be a decimal number, was \"x\"",
        "max_limit: -1, reset_duration: 1d        | max_limit: must not be negative, was -1",
        "max_limit: 0.0000000001, reset_duration: 1d | max_limit: has more than 9 decimal places, was 0.0000000001",
        "max_limit: 1, reset_duration: 1x         | reset_duration: must be a duration such as 30s, 1m, 5m, 1h, 1d, 1w, 1M, 1Q, 1Y or never, was '1x'",
        "max_limit: 1, reset_duration: 30s        | reset_duration: must be 1m or longer for a budget, was 30s",
        "max_limit: 1, reset_duration: 1d, timezone: Europe/Pariss | timezone: must be a time zone such as UTC, Europe/Paris or +02:00, was \"Europe/Pariss\"",
        "max_limit: 1, reset_duration: 1d, timezone: '+25:00' | timezone: must be a time zone such as UTC, Europe/Paris or +02:00, was \"+25:00\"",
        "max_limit: 1, reset_duration: 1d, mode: hrad | mode: must be one of hard, soft, was \"hrad\", did you mean 'hard'?",
        "max_limit: 1, reset_duration: 1d, on_low_budget: trim | on_low_budget: must be one of reject, clamp, was \"trim\"",
        "max_limit: 1, reset_duration: 1d, calendar_aligned: 'no' | calendar_aligned: must be true or false, was \"no\"",
        "max_limt: 1, reset_duration: 1d          | unknown key 'max_limt', did you mean 'max_limit'?",
    })
    void shouldReportBudgetProblemsWithTheirPath(String content, String expected) {
        String path = expected.startsWith("unknown") ? "governance.customers[0].budgets[0]: "
                : "governance.customers[0].budgets[0].";
        assertThat(failure(budget(content))).isEqualTo("test.yaml: " + path + expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "provider: mokc                          | provider: unknown provider 'mokc', did you mean 'mock'?",
        "provider: gemini                        | provider: unknown provider 'gemini' (configured: mock)",
        "weight: 2                               | provider: is required",
        "provider: mock, weight: 0               | weight: must be at least 1, was 0",
        "provider: mock, allowed_models: gpt     | allowed_models: must be a list, was \"gpt\"",
        "provider: mock, allowed_models: [ '' ]  | allowed_models[0]: must not be blank",
        "provider: mock, allowed_models: [ echo, 'regex:gpt-(4' ] | allowed_models[1]: invalid regular expression \"gpt-(4\": Unclosed group near index 6",
        "provider: mock, blocked_models: [ 'regex:*' ] | blocked_models[0]: invalid regular expression \"*\": Dangling meta character '*' near index 0",
        "provider: mock, blocked_models: [ 'regex:' ] | blocked_models[0]: has no pattern after 'regex:'",
        "provider: mock, key_ids: [ defualt ]    | key_ids[0]: unknown API key 'defualt', did you mean 'default'?",
        "provider: mock, key_ids: [ primary ]    | key_ids[0]: unknown API key 'primary' (configured: default)",
        "provider: mock, budgets: [ { max_limit: 1 } ] | budgets[0].reset_duration: is required",
        "provider: mock, rate_limit: { token_max_limit: 1 } | rate_limit.token_reset_duration: is required when token_max_limit is set",
    })
    void shouldReportProviderConfigProblemsWithTheirPath(String content, String expected) {
        assertThat(failure(providerConfig(content)))
                .isEqualTo("test.yaml: governance.virtual_keys[0].provider_configs[0]." + expected);
    }

    @Test
    void shouldReportProviderConfigKeyProblemsAtTheElement() {
        assertThat(failure(providerConfig("provider: mock, allowed_model: [ echo ]")))
                .isEqualTo("test.yaml: governance.virtual_keys[0].provider_configs[0]: unknown key 'allowed_model', "
                        + "did you mean 'allowed_models'?");
        assertThat(failure(key(", provider_configs: [ { provider: mock }, { provider: mock } ]")))
                .isEqualTo("test.yaml: governance.virtual_keys[0].provider_configs[1].provider: "
                        + "duplicate provider 'mock'");
        assertThat(failure("governance: { virtual_keys: [ { name: k, value: tg-kkkkkkkkkkkk, "
                + "provider_configs: [ { provider: mock } ] } ] }"))
                .isEqualTo("test.yaml: governance.virtual_keys[0].provider_configs[0].provider: "
                        + "unknown provider 'mock' (no providers are configured)");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "store: x                                  | store: must be a map, was \"x\"",
        "store: { pasword: x }                     | store: unknown key 'pasword', did you mean 'password'?",
        "store: { dir: x }                         | store: unknown key 'dir', expected one of: data_dir, password, url, user",
        "store: { url: '' }                        | store.url: must not be blank (leave store.url out for the embedded database)",
        "store: { url: 5432 }                      | store.url: must be a string, was 5432",
        "store: { url: 'mysql://u:p@h/db' }        | store.url: must start with jdbc:postgresql: or jdbc:h2:, was \"mysql:...\"",
        "store: { url: 'jdbc:mysql:db?password=p' } | store.url: must start with jdbc:postgresql: or jdbc:h2:, was \"jdbc:mysql:db...\"",
        "store: { url: 'h2-file' }                 | store.url: must start with jdbc:postgresql: or jdbc:h2:, was \"h2-file\"",
        "store: { user: '' }                       | store.user: must not be blank (leave store.user out for none)",
        "store: { password: '' }                   | store.password: must not be blank (leave store.password out for none)",
        "store: { password: 5 }                    | store.password: must be a string",
        "store: { data_dir: '' }                   | store.data_dir: must not be blank",
        "store: { data_dir: [ a ] }                | store.data_dir: must be a string, was a list",
    })
    void shouldReportStoreProblemsWithTheirPath(String yaml, String expected) {
        assertThat(failure(yaml)).isEqualTo("test.yaml: " + expected);
    }

    @Test
    void shouldNameTheUnsetVariableOfAKeyValue() {
        String yaml = key("").replace("tg-kkkkkkkkkkkk", "\"${TOLLGATE_DEMO_KEY}\"");

        assertThat(failure(yaml)).isEqualTo(
                "test.yaml: governance.virtual_keys[0].value: environment variable TOLLGATE_DEMO_KEY is not set");
        assertThat(failure(yaml, Map.of("TOLLGATE_DEMO_KEY", ""))).isEqualTo(
                "test.yaml: governance.virtual_keys[0].value: environment variable TOLLGATE_DEMO_KEY is not set");
        assertThat(failure(key("").replace("tg-kkkkkkkkkkkk", "\"${TOLLGATE_DEMO_KEY:-}\"")))
                .isEqualTo("test.yaml: governance.virtual_keys[0].value: must not be blank");
    }

    @Test
    void shouldNameUnsetVariablesElsewhereInGovernanceAndStore() {
        assertThat(failure("store: { password: \"${TOLLGATE_DB_PASSWORD}\" }"))
                .isEqualTo("test.yaml: store.password: environment variable TOLLGATE_DB_PASSWORD is not set");
        assertThat(failure("store: { url: \"${TOLLGATE_DB_URL}\" }"))
                .isEqualTo("test.yaml: store.url: environment variable TOLLGATE_DB_URL is not set");
        assertThat(failure(budget("max_limit: \"${LIMIT}\", reset_duration: 1d")))
                .isEqualTo("test.yaml: governance.customers[0].budgets[0].max_limit: "
                        + "environment variable LIMIT is not set");
        assertThat(failure("governance: { enforce: \"${ENFORCE}\" }"))
                .isEqualTo("test.yaml: governance.enforce: environment variable ENFORCE is not set");
    }
}
