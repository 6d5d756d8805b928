package io.tollgate.cluster.governance;

import static io.tollgate.cluster.governance.Fixtures.budget;
import static io.tollgate.cluster.governance.Fixtures.keyDraft;
import static io.tollgate.cluster.governance.Fixtures.limit;
import static io.tollgate.cluster.governance.Fixtures.provider;
import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.cluster.governance.GovernanceException.Kind;
import io.tollgate.cluster.governance.RecordingLedger.Call;
import io.tollgate.cluster.ledger.BudgetCharge;
import io.tollgate.cluster.ledger.Level;
import io.tollgate.cluster.ledger.WindowCharge;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class HazelcastGovernanceRegistryIT extends RegistryTestBase {

    @Test
    void shouldCreateAndReadEveryKindLocally() {
        Customer acme = registry.createCustomer(new CustomerDraft("acme", List.of(budget("100", "1M"))));
        Team ops = registry.createTeam(new TeamDraft("ops", Optional.of(acme.id()), List.of()));
        CreatedKey created = registry.createKey(keyDraft("svc", Optional.of(ops.id()), Optional.empty()));

        assertThat(acme.id()).startsWith("cust_");
        assertThat(acme.createdAt()).isEqualTo(Fixtures.T0);
        assertThat(registry.customer(acme.id())).contains(acme);
        assertThat(registry.team(ops.id())).contains(ops);
        assertThat(registry.key(created.key().id())).contains(created.key());
        assertThat(registry.customers()).containsExactly(acme);
        assertThat(registry.teams()).containsExactly(ops);
        assertThat(registry.keys()).containsExactly(created.key());
        assertThat(created.key().valueHash()).isEqualTo(KeyValues.hash(created.value().reveal()));
        assertThat(created.key().valueHint()).isEqualTo(KeyValues.hint(created.value().reveal()));
    }

    @Test
    void shouldRejectTakenNamesAsConflict() {
        registry.createCustomer(new CustomerDraft("acme", List.of()));
        registry.createTeam(new TeamDraft("ops", Optional.empty(), List.of()));
        registry.createKey(keyDraft("svc"));

        assertError(() -> registry.createCustomer(new CustomerDraft("acme", List.of())), Kind.CONFLICT, "name",
                "name: a customer named 'acme' exists");
        assertError(() -> registry.createTeam(new TeamDraft("ops", Optional.empty(), List.of())), Kind.CONFLICT,
                "name", "name: a team named 'ops' exists");
        assertError(() -> registry.createKey(keyDraft("svc")), Kind.CONFLICT, "name",
                "name: a virtual key named 'svc' exists");
        assertThat(registry.customers()).hasSize(1);
    }

    @Test
    void shouldAllowSameNameForDifferentKinds() {
        registry.createCustomer(new CustomerDraft("acme", List.of()));
        registry.createTeam(new TeamDraft("acme", Optional.empty(), List.of()));
        registry.createKey(keyDraft("acme"));
        assertThat(registry.keys()).extracting(VirtualKey::name).containsExactly("acme");
    }

    @Test
    void shouldFreeOldNameOnRename() {
        Customer acme = registry.createCustomer(new CustomerDraft("acme", List.of()));
        registry.updateCustomer(acme.id(), new CustomerDraft("acme-corp", List.of()));
        Customer again = registry.createCustomer(new CustomerDraft("acme", List.of()));
        assertThat(registry.customers()).extracting(Customer::name).containsExactly("acme", "acme-corp");
        assertError(() -> registry.updateCustomer(again.id(), new CustomerDraft("acme-corp", List.of())),
                Kind.CONFLICT, "name", "name: a customer named 'acme-corp' exists");
    }

    @Test
    void shouldRejectUnknownReferencesAsInvalid() {
        assertError(() -> registry.createTeam(new TeamDraft("ops", Optional.of("cust_nope"), List.of())),
                Kind.INVALID, "customer_id", "customer_id: unknown customer 'cust_nope'");
        assertError(() -> registry.createKey(keyDraft("svc", Optional.of("team_nope"), Optional.empty())),
                Kind.INVALID, "team_id", "team_id: unknown team 'team_nope'");
        assertError(() -> registry.createKey(keyDraft("svc", Optional.empty(), Optional.of("cust_nope"))),
                Kind.INVALID, "customer_id", "customer_id: unknown customer 'cust_nope'");
        VirtualKeyDraft unknownProvider = new VirtualKeyDraft("svc", true, Optional.empty(), Optional.empty(),
                Optional.empty(), List.of(provider("openai"), provider("azure")), List.of(), Optional.empty());
        assertError(() -> registry.createKey(unknownProvider), Kind.INVALID, "provider_configs[1].provider",
                "provider_configs[1].provider: unknown provider 'azure'; configured: anthropic, openai");
        assertThat(registry.keys()).isEmpty();
        assertThat(registry.createKey(keyDraft("svc")).key().name()).as("the failed creates left no claim")
                .isEqualTo("svc");
    }

    @Test
    void shouldReportUnknownIdsAsNotFound() {
        assertError(() -> registry.updateCustomer("cust_x", new CustomerDraft("a", List.of())), Kind.NOT_FOUND, "id",
                "no customer with id 'cust_x'");
        assertError(() -> registry.deleteTeam("team_x"), Kind.NOT_FOUND, "id", "no team with id 'team_x'");
        assertError(() -> registry.updateKey("vk_x", keyDraft("k")), Kind.NOT_FOUND, "id",
                "no virtual key with id 'vk_x'");
        assertError(() -> registry.rotate("vk_x"), Kind.NOT_FOUND, "id", "no virtual key with id 'vk_x'");
        assertError(() -> registry.deleteKey("vk_x"), Kind.NOT_FOUND, "id", "no virtual key with id 'vk_x'");
        assertError(() -> registry.resetUsage(Level.CUSTOMER, "cust_x"), Kind.NOT_FOUND, "id",
                "no customer with id 'cust_x'");
        String keyId = registry.createKey(keyDraft("svc")).key().id();
        assertError(() -> registry.counters(Level.PROVIDER_CONFIG, keyId + "/openai"), Kind.NOT_FOUND, "id",
                "no provider config with id '" + keyId + "/openai'");
    }

    @Test
    void shouldRefuseDeletingOwnersThatStillHaveDependents() {
        Customer acme = registry.createCustomer(new CustomerDraft("acme", List.of()));
        Team ops = registry.createTeam(new TeamDraft("ops", Optional.of(acme.id()), List.of()));
        registry.createTeam(new TeamDraft("dev", Optional.of(acme.id()), List.of()));
        registry.createKey(keyDraft("direct", Optional.empty(), Optional.of(acme.id())));
        registry.createKey(keyDraft("k1", Optional.of(ops.id()), Optional.empty()));

        assertError(() -> registry.deleteCustomer(acme.id()), Kind.CONFLICT, "id",
                "id: customer 'acme' still has 2 teams and 1 virtual key; move or delete them first");
        assertError(() -> registry.deleteTeam(ops.id()), Kind.CONFLICT, "id",
                "id: team 'ops' still has 1 virtual key; move or delete them first");
        assertThat(registry.customer(acme.id())).isPresent();
        assertThat(ledger.calls()).isEmpty();
    }

    @Test
    void shouldDeleteAndForgetCounters() {
        Customer acme = registry.createCustomer(new CustomerDraft("acme", List.of(budget("9", "1d"))));
        Team ops = registry.createTeam(new TeamDraft("ops", Optional.of(acme.id()), List.of(budget("5", "1w"))));
        CreatedKey key = registry.createKey(new VirtualKeyDraft("svc", true, Optional.empty(), Optional.of(ops.id()),
                Optional.empty(), List.of(provider("openai", List.of(budget("1", "1h")), Optional.empty())),
                List.of(budget("2", "1d")), Optional.of(limit(10, "1m", 0, "never"))));
        String k = key.key().id();

        registry.deleteKey(k);
        registry.deleteTeam(ops.id());
        registry.deleteCustomer(acme.id());

        assertThat(ledger.calls()).containsExactly(
                Call.remove(acme.id(), "vk:" + k + ":1d", "vk:" + k + ":requests", "vk:" + k + ":p:openai:1h"),
                Call.remove(acme.id(), "team:" + ops.id() + ":1w"),
                Call.remove(acme.id(), "cust:" + acme.id() + ":1d"));
        assertThat(registry.keyByValue(key.value().reveal())).isEmpty();
        assertThat(registry.keys()).isEmpty();
        assertThat(registry.teams()).isEmpty();
        assertThat(registry.customers()).isEmpty();
        assertThat(registry.createCustomer(new CustomerDraft("acme", List.of())).name()).isEqualTo("acme");
    }

    @Test
    void shouldFindKeyByValueAndRefuseOthers() {
        CreatedKey created = registry.createKey(keyDraft("svc"));
        assertThat(registry.keyByValue(created.value().reveal())).contains(created.key());
        assertThat(registry.keyByValue("tg-" + "x".repeat(43))).isEmpty();
        assertThat(registry.keyByValue("sk-" + created.value().reveal().substring(3))).isEmpty();
        assertThat(registry.keyByValue("tg-" + "x".repeat(1000))).isEmpty();
        assertThat(created.value().toString()).doesNotContain(created.value().reveal().substring(3, 20));
    }

    @Test
    void shouldStopOldValueAtOnceOnRotate() {
        CreatedKey created = registry.createKey(keyDraft("svc"));
        clock.advance(Duration.ofMinutes(5));
        CreatedKey rotated = registry.rotate(created.key().id());

        assertThat(rotated.value().reveal()).isNotEqualTo(created.value().reveal()).startsWith("tg-");
        assertThat(registry.keyByValue(created.value().reveal())).isEmpty();
        assertThat(registry.keyByValue(rotated.value().reveal())).contains(rotated.key());
        assertThat(rotated.key().id()).isEqualTo(created.key().id());
        assertThat(rotated.key().valueHint()).isEqualTo(KeyValues.hint(rotated.value().reveal()));
        assertThat(rotated.key().updatedAt()).isEqualTo(Fixtures.T0.plus(Duration.ofMinutes(5)));
        assertThat(rotated.key().toDraft()).isEqualTo(created.key().toDraft());
        assertThat(ledger.calls()).as("a rotation keeps the counters").isEmpty();
    }

    @Test
    void shouldNeverStoreValuesInClear() {
        Team ops = registry.createTeam(new TeamDraft("ops", Optional.empty(), List.of()));
        CreatedKey created = registry.createKey(keyDraft("svc", Optional.of(ops.id()), Optional.empty()));
        CreatedKey rotated = registry.rotate(created.key().id());
        String seedValue = "tg-seeded-value-0123456789";
        registry.applySeeds(seeds(List.of(), List.of(), List.of(keySeed("seeded", seedValue, Optional.empty()))));

        List<String> stored = new ArrayList<>();
        for (String map : List.of(HazelcastGovernanceRegistry.CUSTOMERS_MAP, HazelcastGovernanceRegistry.TEAMS_MAP,
                HazelcastGovernanceRegistry.KEYS_MAP, HazelcastGovernanceRegistry.NAMES_MAP)) {
            grid.instance().<String, String>getMap(map).forEach((id, value) -> {
                stored.add(id);
                stored.add(value);
            });
        }
        assertThat(stored).hasSizeGreaterThan(6);
        for (String value : List.of(created.value().reveal(), rotated.value().reveal(), seedValue)) {
            String secretPart = value.substring(3, value.length() - 4);
            assertThat(stored).noneMatch(text -> text.contains(secretPart));
        }
        assertThat(grid.instance().<String, String>getMap(HazelcastGovernanceRegistry.KEYS_MAP)
                .get(created.key().id())).contains("\"v\":1", KeyValues.hash(rotated.value().reveal()));
    }

    @Test
    void shouldComputeAndCachePathThroughTheHierarchy() {
        Customer acme = registry.createCustomer(new CustomerDraft("acme", List.of(budget("1000", "1M"))));
        Team ops = registry.createTeam(new TeamDraft("ops", Optional.of(acme.id()), List.of(budget("100", "1d"))));
        VirtualKey key = registry.createKey(new VirtualKeyDraft("svc", true, Optional.empty(), Optional.of(ops.id()),
                Optional.empty(), List.of(provider("openai", List.of(budget("2", "1h")),
                        Optional.of(limit(0, "never", 5000, "1h")))), List.of(budget("5", "1d")),
                Optional.of(limit(60, "1m", 0, "never")))).key();
        String k = key.id();

        Path path = registry.path(key, "openai");
        assertThat(path.accountId()).isEqualTo(acme.id());
        assertThat(path.budgets()).extracting(BudgetCharge::counterId).containsExactly("vk:" + k + ":p:openai:1h",
                "vk:" + k + ":1d", "team:" + ops.id() + ":1d", "cust:" + acme.id() + ":1M");
        assertThat(path.windows()).extracting(WindowCharge::counterId)
                .containsExactly("vk:" + k + ":requests", "vk:" + k + ":p:openai:tokens");
        assertThat(registry.path(key, "openai")).isSameAs(path);
        assertThat(registry.path(key, "anthropic").allows("claude-sonnet-4-5")).isFalse();

        registry.updateTeam(ops.id(), new TeamDraft("ops", Optional.of(acme.id()), List.of(budget("200", "1d"))));
        Path changed = registry.path(key, "openai");
        assertThat(changed).isNotSameAs(path);
        assertThat(changed.budgets().get(2).spec()).isEqualTo(budget("200", "1d"));
    }

    @Test
    void shouldRootPathsOfEveryShape() {
        Customer acme = registry.createCustomer(new CustomerDraft("acme", List.of()));
        Team solo = registry.createTeam(new TeamDraft("solo", Optional.empty(), List.of()));
        VirtualKey alone = registry.createKey(keyDraft("alone")).key();
        VirtualKey direct = registry.createKey(keyDraft("direct", Optional.empty(), Optional.of(acme.id()))).key();
        VirtualKey teamOnly = registry.createKey(keyDraft("team-only", Optional.of(solo.id()), Optional.empty())).key();

        assertThat(registry.path(alone, "openai").accountId()).isEqualTo(alone.id());
        assertThat(registry.path(direct, "openai").accountId()).isEqualTo(acme.id());
        assertThat(registry.path(teamOnly, "openai").accountId()).isEqualTo(solo.id());
        assertThat(registry.path(alone, "not-configured").accountId()).isEqualTo(alone.id());
    }

    @Test
    void shouldMoveKeyCountersWhenKeyChangesRoot() {
        Customer x = registry.createCustomer(new CustomerDraft("x", List.of()));
        Customer y = registry.createCustomer(new CustomerDraft("y", List.of()));
        Team a = registry.createTeam(new TeamDraft("a", Optional.of(x.id()), List.of()));
        Team b = registry.createTeam(new TeamDraft("b", Optional.of(y.id()), List.of()));
        Team c = registry.createTeam(new TeamDraft("c", Optional.of(x.id()), List.of()));
        VirtualKeyDraft draft = new VirtualKeyDraft("svc", true, Optional.empty(), Optional.of(a.id()),
                Optional.empty(), List.of(provider("openai", List.of(budget("1", "1h")), Optional.empty())),
                List.of(budget("2", "1d"), budget("20", "1M")), Optional.of(limit(10, "1m", 100, "1m")));
        String k = registry.createKey(draft).key().id();

        registry.updateKey(k, withTeam(draft, c.id()));
        assertThat(ledger.calls()).as("same customer, same account: nothing moves").isEmpty();

        VirtualKeyDraft toB = new VirtualKeyDraft("svc", true, Optional.empty(), Optional.of(b.id()),
                Optional.empty(), draft.providerConfigs(), List.of(budget("2", "1d")), draft.rateLimit());
        registry.updateKey(k, toB);
        assertThat(ledger.calls()).containsExactly(
                Call.remove(x.id(), "vk:" + k + ":1M"),
                Call.move(x.id(), y.id(), "vk:" + k + ":1d", "vk:" + k + ":requests", "vk:" + k + ":tokens",
                        "vk:" + k + ":p:openai:1h"));
        ledger.clear();

        registry.updateKey(k, new VirtualKeyDraft("svc", true, Optional.empty(), Optional.empty(), Optional.empty(),
                List.of(), List.of(budget("2", "1d")), draft.rateLimit()));
        assertThat(ledger.calls()).containsExactly(
                Call.remove(y.id(), "vk:" + k + ":p:openai:1h"),
                Call.move(y.id(), k, "vk:" + k + ":1d", "vk:" + k + ":requests", "vk:" + k + ":tokens"));
    }

    @Test
    void shouldMoveTeamAndItsKeysWhenTeamChangesCustomer() {
        Customer x = registry.createCustomer(new CustomerDraft("x", List.of()));
        Team a = registry.createTeam(new TeamDraft("a", Optional.of(x.id()), List.of(budget("5", "1d"))));
        String k1 = registry.createKey(new VirtualKeyDraft("k1", true, Optional.empty(), Optional.of(a.id()),
                Optional.empty(), List.of(), List.of(budget("1", "1d")), Optional.empty())).key().id();
        String k2 = registry.createKey(new VirtualKeyDraft("k2", true, Optional.empty(), Optional.of(a.id()),
                Optional.empty(), List.of(), List.of(), Optional.of(limit(5, "1m", 0, "never")))).key().id();
        registry.createKey(keyDraft("elsewhere", Optional.empty(), Optional.of(x.id())));

        registry.updateTeam(a.id(), new TeamDraft("a", Optional.empty(), List.of(budget("5", "1d"))));

        assertThat(ledger.calls()).containsExactly(Call.move(x.id(), a.id(), "team:" + a.id() + ":1d",
                "vk:" + k1 + ":1d", "vk:" + k2 + ":requests"));
        VirtualKey key1 = registry.key(k1).orElseThrow();
        assertThat(registry.path(key1, "openai").accountId()).isEqualTo(a.id());
    }

    @Test
    void shouldRemoveCountersOfRemovedBudgets() {
        Customer acme = registry.createCustomer(new CustomerDraft("acme", List.of(budget("1", "1d"),
                budget("20", "1M"))));
        registry.updateCustomer(acme.id(), new CustomerDraft("acme", List.of(budget("2", "1d"))));
        registry.updateCustomer(acme.id(), new CustomerDraft("acme", List.of(budget("2", "1d"))));
        assertThat(ledger.calls()).containsExactly(Call.remove(acme.id(), "cust:" + acme.id() + ":1M"));
    }

    @Test
    void shouldResetUsageOfEachOwner() {
        Customer acme = registry.createCustomer(new CustomerDraft("acme", List.of(budget("9", "1d"))));
        Team ops = registry.createTeam(new TeamDraft("ops", Optional.of(acme.id()), List.of(budget("5", "1w"))));
        String k = registry.createKey(new VirtualKeyDraft("svc", true, Optional.empty(), Optional.of(ops.id()),
                Optional.empty(), List.of(provider("openai", List.of(budget("1", "1h")),
                        Optional.of(limit(3, "1m", 0, "never")))), List.of(budget("2", "1d")),
                Optional.empty())).key().id();

        registry.resetUsage(Level.CUSTOMER, acme.id());
        registry.resetUsage(Level.TEAM, ops.id());
        registry.resetUsage(Level.VIRTUAL_KEY, k);
        registry.resetUsage(Level.PROVIDER_CONFIG, k + "/openai");

        assertThat(ledger.calls()).containsExactly(
                Call.reset(acme.id(), "cust:" + acme.id() + ":1d"),
                Call.reset(acme.id(), "team:" + ops.id() + ":1w"),
                Call.reset(acme.id(), "vk:" + k + ":1d", "vk:" + k + ":p:openai:1h", "vk:" + k + ":p:openai:requests"),
                Call.reset(acme.id(), "vk:" + k + ":p:openai:1h", "vk:" + k + ":p:openai:requests"));
    }

    @Test
    void shouldGiveOneOfConcurrentCreatesOfOneName() throws Exception {
        HazelcastGovernanceRegistry other = HazelcastGovernanceRegistry.create(grid, ledger, clock, PROVIDERS);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Customer>> attempts = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                GovernanceRegistry target = i % 2 == 0 ? registry : other;
                attempts.add(pool.submit(() -> {
                    start.await();
                    return target.createCustomer(new CustomerDraft("race", List.of()));
                }));
            }
            start.countDown();
            int created = 0;
            int conflicts = 0;
            for (Future<Customer> attempt : attempts) {
                try {
                    attempt.get(30, TimeUnit.SECONDS);
                    created++;
                } catch (java.util.concurrent.ExecutionException e) {
                    assertThat(e.getCause()).isInstanceOfSatisfying(GovernanceException.class,
                            g -> assertThat(g.kind()).isEqualTo(Kind.CONFLICT));
                    conflicts++;
                }
            }
            assertThat(created).isEqualTo(1);
            assertThat(conflicts).isEqualTo(7);
            assertThat(grid.instance().getMap(HazelcastGovernanceRegistry.CUSTOMERS_MAP).size()).isEqualTo(1);
        } finally {
            pool.shutdownNow();
            other.close();
        }
    }

    @Test
    void shouldLoadExistingDefinitionsAtStart() {
        CreatedKey created = registry.createKey(keyDraft("svc"));
        grid.instance().getMap(HazelcastGovernanceRegistry.NAMES_MAP).clear();
        try (HazelcastGovernanceRegistry restarted = HazelcastGovernanceRegistry.create(grid, ledger, clock,
                PROVIDERS)) {
            assertThat(restarted.keyByValue(created.value().reveal())).contains(created.key());
            assertError(() -> restarted.createKey(keyDraft("svc")), Kind.CONFLICT, "name",
                    "name: a virtual key named 'svc' exists");
        }
    }
}
