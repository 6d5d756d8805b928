package io.tollgate.cluster.governance;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Creating, changing and deleting customers and teams, with what each change means for the ledger. */
final class OwnerWrites {

    private final Definitions defs;

    OwnerWrites(Definitions defs) {
        this.defs = defs;
    }

    Customer createCustomer(CustomerDraft draft) {
        Instant now = defs.now();
        Customer customer = new Customer(defs.values.newId(KeyValues.CUSTOMER_PREFIX), draft.name(), draft.budgets(),
                draft.plan(), now, now);
        defs.insert(defs.customers, customer, customer.id(), claims(customer));
        return customer;
    }

    Customer updateCustomer(String id, CustomerDraft draft) {
        Definitions.Change<Customer> change = defs.update(defs.customers, id, old -> old.toDraft().equals(draft)
                ? Optional.empty()
                : Optional.of(new Customer(id, draft.name(), draft.budgets(), draft.plan(), old.createdAt(),
                        defs.now())),
                OwnerWrites::claims);
        defs.ledgerChange(id, id, Counters.ids(change.before()), Counters.ids(change.after()), Set.of());
        return change.after();
    }

    void deleteCustomer(String id) {
        Customer gone = defs.delete(defs.customers, id, customer -> {
            long teams = defs.view.teams().all().stream()
                    .filter(team -> team.customerId().equals(Optional.of(id))).count();
            long keys = defs.view.keys().all().stream()
                    .filter(key -> key.customerId().equals(Optional.of(id))).count();
            if (teams + keys > 0) {
                throw GovernanceException.conflict("id", "customer '" + customer.name() + "' still has "
                        + count(teams, "team") + " and " + count(keys, "virtual key") + "; move or delete them first");
            }
        }, OwnerWrites::claims);
        removeCounters(id, Counters.ids(gone));
    }

    Team createTeam(TeamDraft draft) {
        defs.requireCustomer(draft.customerId(), "customer_id");
        Instant now = defs.now();
        Team team = new Team(defs.values.newId(KeyValues.TEAM_PREFIX), draft.name(), draft.customerId(),
                draft.budgets(), draft.plan(), now, now);
        defs.insert(defs.teams, team, team.id(), claims(team));
        return team;
    }

    Team updateTeam(String id, TeamDraft draft) {
        Definitions.Change<Team> change = defs.update(defs.teams, id, old -> {
            if (old.toDraft().equals(draft)) {
                return Optional.empty();
            }
            defs.requireCustomer(draft.customerId(), "customer_id");
            return Optional.of(new Team(id, draft.name(), draft.customerId(), draft.budgets(), draft.plan(),
                    old.createdAt(), defs.now()));
        }, OwnerWrites::claims);
        Set<String> keyCounters = new LinkedHashSet<>();
        if (!change.before().accountId().equals(change.after().accountId())) {
            defs.view.keys().all().stream()
                    .filter(key -> key.teamId().equals(Optional.of(id)))
                    .forEach(key -> keyCounters.addAll(Counters.ids(key)));
        }
        defs.ledgerChange(change.before().accountId(), change.after().accountId(), Counters.ids(change.before()),
                Counters.ids(change.after()), keyCounters);
        return change.after();
    }

    void deleteTeam(String id) {
        Team gone = defs.delete(defs.teams, id, team -> {
            long keys = defs.view.keys().all().stream().filter(key -> key.teamId().equals(Optional.of(id))).count();
            if (keys > 0) {
                throw GovernanceException.conflict("id", "team '" + team.name() + "' still has "
                        + count(keys, "virtual key") + "; move or delete them first");
            }
        }, OwnerWrites::claims);
        removeCounters(gone.accountId(), Counters.ids(gone));
    }

    private void removeCounters(String account, Set<String> ids) {
        if (!ids.isEmpty()) {
            defs.ledger.remove(account, ids);
        }
    }

    private static List<Definitions.Claim> claims(Customer customer) {
        return List.of(new Definitions.Claim(Claims.customer(customer.name()), "name",
                "a customer named '" + customer.name() + "' exists"));
    }

    private static List<Definitions.Claim> claims(Team team) {
        return List.of(new Definitions.Claim(Claims.team(team.name()), "name",
                "a team named '" + team.name() + "' exists"));
    }

    private static String count(long count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }
}
