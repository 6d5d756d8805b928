package io.tollgate.cluster.governance;

import static io.tollgate.cluster.governance.Fixtures.budget;
import static io.tollgate.cluster.governance.Fixtures.keyDraft;
import static io.tollgate.cluster.governance.Fixtures.limit;
import static io.tollgate.cluster.governance.Fixtures.provider;
import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.cluster.governance.RecordingLedger.Call;
import io.tollgate.cluster.ledger.BudgetCharge;
import io.tollgate.cluster.ledger.Level;
import io.tollgate.cluster.ledger.WindowCharge;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Paths through every shape of the hierarchy, and what definition changes tell the ledger. */
class PathAndLedgerIT extends RegistryTestBase {

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
}
