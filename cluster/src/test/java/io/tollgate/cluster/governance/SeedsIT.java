package io.tollgate.cluster.governance;

import static io.tollgate.cluster.governance.Fixtures.budget;
import static io.tollgate.cluster.governance.Fixtures.provider;
import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.cluster.governance.GovernanceException.Kind;
import io.tollgate.cluster.governance.RecordingLedger.Call;
import io.tollgate.config.CustomerSeed;
import io.tollgate.config.GovernanceConfig;
import io.tollgate.config.Secret;
import io.tollgate.config.TeamSeed;
import io.tollgate.config.VirtualKeySeed;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SeedsIT extends RegistryTestBase {

    private static final String SVC_VALUE = "tg-svc-0123456789abcdef";
    private static final String DIRECT_VALUE = "tg-direct-0123456789abcdef";
    private static final String ALONE_VALUE = "tg-alone-0123456789abcdef";

    private static GovernanceConfig hierarchy(String teamBudgetUsd, String svcValue) {
        return seeds(
                List.of(new CustomerSeed("acme", List.of(budget("1000", "1M")))),
                List.of(new TeamSeed("ops", Optional.of("acme"), List.of(budget(teamBudgetUsd, "1d"))),
                        new TeamSeed("solo", Optional.empty(), List.of())),
                List.of(keySeed("svc", svcValue, Optional.of("ops")),
                        new VirtualKeySeed("direct", new Secret(DIRECT_VALUE), true, Optional.empty(),
                                Optional.empty(), Optional.of("acme"), List.of(provider("openai")),
                                List.of(budget("5", "1d")), Optional.empty(), List.of("openai/gpt-4o-mini")),
                        keySeed("alone", ALONE_VALUE, Optional.empty())));
    }

    @Test
    void shouldCreateEverythingOnceAndChangeNothingOnSecondApply() {
        SeedReport first = registry.applySeeds(hierarchy("100", SVC_VALUE));
        Map<String, String> stored = snapshot();
        SeedReport second = registry.applySeeds(hierarchy("100", SVC_VALUE));

        assertThat(first).isEqualTo(new SeedReport(6, 0, 0));
        assertThat(second).isEqualTo(new SeedReport(0, 0, 6));
        assertThat(snapshot()).as("nothing was rewritten, not even a revision").isEqualTo(stored);
        assertThat(ledger.calls()).isEmpty();

        VirtualKey svc = registry.keyByValue(SVC_VALUE).orElseThrow();
        Team ops = registry.team(svc.teamId().orElseThrow()).orElseThrow();
        Customer acme = registry.customer(ops.customerId().orElseThrow()).orElseThrow();
        assertThat(acme.name()).isEqualTo("acme");
        assertThat(registry.keyByValue(DIRECT_VALUE).flatMap(VirtualKey::customerId)).contains(acme.id());
        assertThat(registry.keyByValue(ALONE_VALUE).map(VirtualKey::name)).contains("alone");
        assertThat(registry.keyByValue(DIRECT_VALUE).map(VirtualKey::fallbacks))
                .contains(List.of("openai/gpt-4o-mini"));
        assertThat(registry.path(svc, "openai").accountId()).isEqualTo(acme.id());
    }

    @Test
    void shouldUpdateOnlyWhatDiffers() {
        registry.applySeeds(hierarchy("100", SVC_VALUE));
        String svcId = registry.keyByValue(SVC_VALUE).orElseThrow().id();
        String newValue = "tg-svc-rotated-by-config-42";

        SeedReport report = registry.applySeeds(hierarchy("150", newValue));

        assertThat(report).isEqualTo(new SeedReport(0, 2, 4));
        assertThat(registry.keyByValue(SVC_VALUE)).isEmpty();
        VirtualKey svc = registry.keyByValue(newValue).orElseThrow();
        assertThat(svc.id()).isEqualTo(svcId);
        assertThat(svc.valueHash()).isEqualTo(KeyValues.hash(newValue));
        assertThat(svc.valueHint()).isEqualTo("tg-\u2026g-42");
        assertThat(registry.team(svc.teamId().orElseThrow()).orElseThrow().budgets())
                .containsExactly(budget("150", "1d"));
        assertThat(registry.applySeeds(hierarchy("150", newValue))).isEqualTo(new SeedReport(0, 0, 6));
    }

    @Test
    void shouldMoveCountersWhenSeedMovesKeyToAnotherRoot() {
        registry.applySeeds(withSvcIn("ops"));
        VirtualKey svc = registry.keyByValue(SVC_VALUE).orElseThrow();
        String acmeId = registry.team(svc.teamId().orElseThrow()).orElseThrow().customerId().orElseThrow();
        String soloId = registry.teams().stream().filter(t -> t.name().equals("solo")).findFirst().orElseThrow().id();

        assertThat(registry.applySeeds(withSvcIn("solo"))).isEqualTo(new SeedReport(0, 1, 5));

        assertThat(ledger.calls()).containsExactly(Call.move(acmeId, soloId, "vk:" + svc.id() + ":1d"));
        assertThat(registry.path(registry.key(svc.id()).orElseThrow(), "openai").accountId()).isEqualTo(soloId);
    }

    /** The hierarchy with key "svc" (one daily budget) in the given team. */
    private static GovernanceConfig withSvcIn(String team) {
        GovernanceConfig base = hierarchy("100", SVC_VALUE);
        List<VirtualKeySeed> keys = new ArrayList<>(base.virtualKeys());
        keys.set(0, new VirtualKeySeed("svc", new Secret(SVC_VALUE), true, Optional.empty(), Optional.of(team),
                Optional.empty(), List.of(), List.of(budget("3", "1d")), Optional.empty(), List.of()));
        return seeds(base.customers(), base.teams(), keys);
    }

    @Test
    void shouldLeaveDefinitionsMadeThroughTheApiAlone() {
        Customer other = registry.createCustomer(new CustomerDraft("other", List.of()));
        registry.applySeeds(hierarchy("100", SVC_VALUE));
        assertThat(registry.customers()).extracting(Customer::name).containsExactly("acme", "other");
        assertThat(registry.customer(other.id())).contains(other);
    }

    @Test
    void shouldNameTheSeedWithAnUnknownReference() {
        GovernanceConfig bad = seeds(List.of(), List.of(new TeamSeed("ops", Optional.of("nope"), List.of())),
                List.of());
        assertError(() -> registry.applySeeds(bad), Kind.INVALID, "teams[0].customer",
                "teams[0].customer: unknown customer 'nope'");
        GovernanceConfig badKey = seeds(List.of(), List.of(), List.of(keySeed("k", ALONE_VALUE, Optional.of("x"))));
        assertError(() -> registry.applySeeds(badKey), Kind.INVALID, "virtual_keys[0].team",
                "virtual_keys[0].team: unknown team 'x'");
    }

    @Test
    void shouldNameTheSeedWithAnUnknownProvider() {
        GovernanceConfig bad = seeds(List.of(), List.of(), List.of(new VirtualKeySeed("k", new Secret(ALONE_VALUE),
                true, Optional.empty(), Optional.empty(), Optional.empty(), List.of(provider("azure")), List.of(),
                Optional.empty(), List.of())));
        assertError(() -> registry.applySeeds(bad), Kind.INVALID, "virtual_keys[0].provider_configs[0].provider",
                "virtual_keys[0].provider_configs[0].provider: unknown provider 'azure'; configured: anthropic, openai");
    }

    @Test
    void shouldUpdateAKeyWhoseSeedChangesItsFallbacks() {
        registry.applySeeds(hierarchy("100", SVC_VALUE));
        GovernanceConfig base = hierarchy("100", SVC_VALUE);
        List<VirtualKeySeed> keys = new ArrayList<>(base.virtualKeys());
        keys.set(1, new VirtualKeySeed("direct", new Secret(DIRECT_VALUE), true, Optional.empty(), Optional.empty(),
                Optional.of("acme"), List.of(provider("openai")), List.of(budget("5", "1d")), Optional.empty(),
                List.of("anthropic/claude-haiku-4-5", "openai/gpt-4o-mini")));

        assertThat(registry.applySeeds(seeds(base.customers(), base.teams(), keys)))
                .isEqualTo(new SeedReport(0, 1, 5));
        assertThat(registry.keyByValue(DIRECT_VALUE).map(VirtualKey::fallbacks))
                .contains(List.of("anthropic/claude-haiku-4-5", "openai/gpt-4o-mini"));
        assertThat(ledger.calls()).as("fallbacks own no counters").isEmpty();
    }

    @Test
    void shouldNameTheSeedWithAnUnknownFallbackProvider() {
        GovernanceConfig bad = seeds(List.of(), List.of(), List.of(new VirtualKeySeed("k", new Secret(ALONE_VALUE),
                true, Optional.empty(), Optional.empty(), Optional.empty(), List.of(), List.of(), Optional.empty(),
                List.of("openai/gpt-4o", "azure/gpt-4o"))));
        assertError(() -> registry.applySeeds(bad), Kind.INVALID, "virtual_keys[0].fallbacks[1]",
                "virtual_keys[0].fallbacks[1]: unknown provider 'azure'; configured: anthropic, openai");
    }

    @Test
    void shouldRefuseTwoKeysWithOneValue() {
        GovernanceConfig twice = seeds(List.of(), List.of(), List.of(keySeed("a", ALONE_VALUE, Optional.empty()),
                keySeed("b", ALONE_VALUE, Optional.empty())));
        assertError(() -> registry.applySeeds(twice), Kind.CONFLICT, "virtual_keys[1].value",
                "virtual_keys[1].value: another virtual key has this value");
        assertThat(registry.keys()).extracting(VirtualKey::name).containsExactly("a");
    }

    @Test
    void shouldRefuseSeedValueTooLongToPresent() {
        GovernanceConfig tooLong = seeds(List.of(), List.of(), List.of(keySeed("k", "tg-" + "x".repeat(254),
                Optional.empty())));
        assertError(() -> registry.applySeeds(tooLong), Kind.INVALID, "virtual_keys[0].value",
                "virtual_keys[0].value: must be at most 256 characters, was 257");
    }

    private static Map<String, String> snapshot() {
        Map<String, String> all = new HashMap<>();
        for (String map : List.of(HazelcastGovernanceRegistry.CUSTOMERS_MAP, HazelcastGovernanceRegistry.TEAMS_MAP,
                HazelcastGovernanceRegistry.KEYS_MAP, HazelcastGovernanceRegistry.NAMES_MAP)) {
            grid.instance().<String, String>getMap(map).forEach((key, value) -> all.put(map + "/" + key, value));
        }
        return all;
    }
}
