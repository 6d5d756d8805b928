package io.tollgate.node.alerts;

import io.tollgate.cluster.governance.Customer;
import io.tollgate.cluster.governance.GovernanceRegistry;
import io.tollgate.cluster.governance.Team;
import io.tollgate.cluster.governance.VirtualKey;
import io.tollgate.cluster.ledger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The owners above an alert's owner, nearest first, for routing by owner: a provider config's key, a key's team
 * and that team's customer (or the key's own customer), a team's customer. Called on the alerts' thread when an
 * alert is built; the registry answers from the node's local copy.
 */
@FunctionalInterface
public interface OwnerParents {

    /** The owners above {@code id} of {@code level}, nearest first; empty for a top owner or an unknown one. */
    List<AlertOwner> of(Level level, String id);

    /** No parents: alerts carry their own owner only. */
    static OwnerParents none() {
        return (level, id) -> List.of();
    }

    /** Parents as the governance registry defines them now. */
    static OwnerParents from(GovernanceRegistry registry) {
        return (level, id) -> {
            List<AlertOwner> chain = new ArrayList<>();
            switch (level) {
                case PROVIDER_CONFIG -> {
                    int slash = id.indexOf('/');
                    registry.key(slash > 0 ? id.substring(0, slash) : id).ifPresent(key -> {
                        chain.add(new AlertOwner(Level.VIRTUAL_KEY, key.id(), key.name()));
                        keyParents(registry, key, chain);
                    });
                }
                case VIRTUAL_KEY -> registry.key(id).ifPresent(key -> keyParents(registry, key, chain));
                case TEAM -> registry.team(id).ifPresent(team -> customer(registry, team.customerId(), chain));
                case CUSTOMER -> { }
            }
            return List.copyOf(chain);
        };
    }

    private static void keyParents(GovernanceRegistry registry, VirtualKey key, List<AlertOwner> chain) {
        key.teamId().flatMap(registry::team).ifPresent(team -> {
            chain.add(owner(team));
            customer(registry, team.customerId(), chain);
        });
        customer(registry, key.customerId(), chain);
    }

    private static void customer(GovernanceRegistry registry, Optional<String> id, List<AlertOwner> chain) {
        id.flatMap(registry::customer).ifPresent(customer -> chain.add(owner(customer)));
    }

    private static AlertOwner owner(Team team) {
        return new AlertOwner(Level.TEAM, team.id(), team.name());
    }

    private static AlertOwner owner(Customer customer) {
        return new AlertOwner(Level.CUSTOMER, customer.id(), customer.name());
    }
}
