package io.tollgate.cluster.governance;

import io.tollgate.cluster.ledger.BudgetLedger;
import io.tollgate.config.Fallbacks;
import io.tollgate.config.KeyProviderSpec;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What the write paths share: the three definition maps, the name claims, the local view, the ledger and the
 * clock, and the checks and ledger bookkeeping every kind of write needs.
 */
final class Definitions {

    /** Compare-and-set attempts before a write gives up with CONFLICT (each retry re-reads and re-checks). */
    private static final int ATTEMPTS = 8;

    final DefinitionMap<Customer> customers;
    final DefinitionMap<Team> teams;
    final DefinitionMap<VirtualKey> keys;
    final Claims claims;
    final LocalView view;
    final BudgetLedger ledger;
    final Clock clock;
    final KeyValues values;
    private final Set<String> providers;

    Definitions(DefinitionMap<Customer> customers, DefinitionMap<Team> teams, DefinitionMap<VirtualKey> keys,
                Claims claims, LocalView view, BudgetLedger ledger, Clock clock, Set<String> providers) {
        this.customers = customers;
        this.teams = teams;
        this.keys = keys;
        this.claims = claims;
        this.view = view;
        this.ledger = ledger;
        this.clock = clock;
        this.values = KeyValues.create();
        this.providers = new TreeSet<>(providers);
    }

    Instant now() {
        return clock.instant();
    }

    /** Runs a compare-and-set write until it lands (it returns a value) or gives up with CONFLICT. */
    private <R> R retrying(String what, String id, Supplier<Optional<R>> attempt) {
        for (int i = 0; i < ATTEMPTS; i++) {
            Optional<R> result = attempt.get();
            if (result.isPresent()) {
                return result.get();
            }
        }
        throw GovernanceException.conflict("id", what + " '" + id + "' kept changing concurrently; try again");
    }

    /** The key's account as the grid holds its team now. */
    String accountOf(VirtualKey key) {
        Optional<Team> team = key.teamId().flatMap(teams::fetch).map(DefinitionMap.Current::value);
        return Counters.accountOf(key, team);
    }

    /** Checks that the customer a reference names exists, or INVALID at {@code field}. */
    void requireCustomer(Optional<String> id, String field) {
        if (id.isPresent() && customers.fetch(id.get()).isEmpty()) {
            throw GovernanceException.invalid(field, "unknown customer '" + id.get() + "'");
        }
    }

    /**
     * Checks that the key draft's team, customer and providers (of its configs and its fallbacks) exist, or INVALID
     * naming the field.
     */
    void checkReferences(VirtualKeyDraft draft) {
        requireCustomer(draft.customerId(), "customer_id");
        List<KeyProviderSpec> configs = draft.providerConfigs();
        for (int i = 0; i < configs.size(); i++) {
            requireProvider(configs.get(i).provider(), "provider_configs[" + i + "].provider");
        }
        List<String> fallbacks = draft.fallbacks();
        for (int i = 0; i < fallbacks.size(); i++) {
            requireProvider(Fallbacks.provider(fallbacks.get(i)), "fallbacks[" + i + "]");
        }
        if (draft.teamId().isPresent() && teams.fetch(draft.teamId().get()).isEmpty()) {
            throw GovernanceException.invalid("team_id", "unknown team '" + draft.teamId().get() + "'");
        }
    }

    private void requireProvider(String provider, String field) {
        if (!providers.contains(provider)) {
            throw GovernanceException.invalid(field, "unknown provider '" + provider + "'; configured: "
                    + String.join(", ", providers));
        }
    }

    /**
     * Tells the ledger what a definition change means for its counters: counters the new definition no longer
     * has are removed from the old account; when the account changed, the rest (and {@code alsoMoved}, the
     * counters of owners below) move to the new one.
     */
    void ledgerChange(String oldAccount, String newAccount, Set<String> before, Set<String> after,
                      Set<String> alsoMoved) {
        Set<String> removed = new LinkedHashSet<>(before);
        removed.removeAll(after);
        if (!removed.isEmpty()) {
            ledger.remove(oldAccount, removed);
        }
        if (!oldAccount.equals(newAccount)) {
            Set<String> moved = new LinkedHashSet<>(before);
            moved.retainAll(after);
            moved.addAll(alsoMoved);
            if (!moved.isEmpty()) {
                ledger.move(oldAccount, newAccount, moved, now());
            }
        }
    }

    /** A uniqueness claim a definition holds, and the error to give when another holds it. */
    record Claim(String key, String field, String message) {
    }

    /** A definition before and after a write (the same object when nothing changed). */
    record Change<T>(T before, T after) {
    }

    /**
     * Replaces a definition with what {@code next} makes of its current state (empty: nothing to change, nothing
     * written), retrying when it changed meanwhile. {@code next} runs again on each attempt, checks included.
     */
    <T> Change<T> update(DefinitionMap<T> map, String id, Function<T, Optional<T>> next,
                         Function<T, List<Claim>> claimsOf) {
        return retrying(map.what(), id, () -> {
            DefinitionMap.Current<T> current = map.require(id);
            Optional<T> changed = next.apply(current.value());
            if (changed.isEmpty()) {
                return Optional.of(new Change<>(current.value(), current.value()));
            }
            return replace(map, current, changed.get(), id, claimsOf.apply(current.value()),
                    claimsOf.apply(changed.get()));
        });
    }

    /**
     * Deletes a definition after {@code check} accepted its current state (it throws otherwise) and releases its
     * claims, retrying when it changed meanwhile; returns what was deleted.
     */
    <T> T delete(DefinitionMap<T> map, String id, Consumer<T> check, Function<T, List<Claim>> claimsOf) {
        return retrying(map.what(), id, () -> {
            DefinitionMap.Current<T> current = map.require(id);
            check.accept(current.value());
            if (!map.delete(current)) {
                return Optional.empty();
            }
            claimsOf.apply(current.value()).forEach(claim -> claims.release(claim.key(), id));
            return Optional.of(current.value());
        });
    }

    /** Takes the claims, then stores the new definition; releases the claims when storing fails. */
    <T> void insert(DefinitionMap<T> map, T value, String id, List<Claim> wanted) {
        List<Claim> taken = take(wanted, id);
        try {
            map.insert(value);
        } catch (RuntimeException e) {
            taken.forEach(claim -> claims.release(claim.key(), id));
            throw e;
        }
    }

    /**
     * Takes the claims {@code next} needs that {@code current} lacks, then compare-and-sets; releases the claims
     * it no longer needs. Empty when the definition changed meanwhile (nothing changed then).
     */
    private <T> Optional<Change<T>> replace(DefinitionMap<T> map, DefinitionMap.Current<T> current, T next, String id,
                                    List<Claim> before, List<Claim> after) {
        List<Claim> wanted = after.stream().filter(claim -> absent(before, claim)).toList();
        List<Claim> taken = take(wanted, id);
        if (!map.replace(current, next)) {
            taken.forEach(claim -> claims.release(claim.key(), id));
            return Optional.empty();
        }
        before.stream().filter(claim -> absent(after, claim)).forEach(claim -> claims.release(claim.key(), id));
        return Optional.of(new Change<>(current.value(), next));
    }

    private List<Claim> take(List<Claim> wanted, String id) {
        List<Claim> taken = new ArrayList<>();
        try {
            for (Claim claim : wanted) {
                if (claims.claim(claim.key(), id, claim.field(), claim.message())) {
                    taken.add(claim);
                }
            }
        } catch (RuntimeException e) {
            taken.forEach(claim -> claims.release(claim.key(), id));
            throw e;
        }
        return taken;
    }

    private static boolean absent(List<Claim> claims, Claim claim) {
        return claims.stream().noneMatch(held -> held.key().equals(claim.key()));
    }
}
