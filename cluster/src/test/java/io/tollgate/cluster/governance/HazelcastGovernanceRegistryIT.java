package io.tollgate.cluster.governance;

import static io.tollgate.cluster.governance.Fixtures.budget;
import static io.tollgate.cluster.governance.Fixtures.keyDraft;
import static io.tollgate.cluster.governance.Fixtures.provider;
import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.cluster.governance.GovernanceException.Kind;
import io.tollgate.cluster.ledger.Level;
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
    void shouldKeepAKeysFallbacksAndReplaceThemOnUpdate() {
        VirtualKeyDraft draft = new VirtualKeyDraft("svc", true, Optional.empty(), Optional.empty(), Optional.empty(),
                List.of(), List.of(), Optional.empty(), List.of("openai/gpt-4o-mini", "anthropic/claude-haiku-4-5"));
        VirtualKey created = registry.createKey(draft).key();

        assertThat(registry.key(created.id()).map(VirtualKey::fallbacks))
                .contains(List.of("openai/gpt-4o-mini", "anthropic/claude-haiku-4-5"));
        VirtualKey updated = registry.updateKey(created.id(), new VirtualKeyDraft("svc", true, Optional.empty(),
                Optional.empty(), Optional.empty(), List.of(), List.of(), Optional.empty(), List.of("openai/o3")));
        assertThat(updated.fallbacks()).containsExactly("openai/o3");
        assertThat(registry.key(created.id())).contains(updated);
        assertError(() -> registry.updateKey(created.id(), new VirtualKeyDraft("svc", true, Optional.empty(),
                Optional.empty(), Optional.empty(), List.of(), List.of(), Optional.empty(), List.of("azure/gpt-4o"))),
                Kind.INVALID, "fallbacks[0]", "fallbacks[0]: unknown provider 'azure'; configured: anthropic, openai");
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
                .get(created.key().id())).contains("\"v\":3", KeyValues.hash(rotated.value().reveal()));
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
