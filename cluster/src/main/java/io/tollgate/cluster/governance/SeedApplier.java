package io.tollgate.cluster.governance;

import io.tollgate.config.CustomerSeed;
import io.tollgate.config.GovernanceConfig;
import io.tollgate.config.TeamSeed;
import io.tollgate.config.VirtualKeySeed;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Applies the configuration's customers, teams and keys, matched by name: absent ones are created, differing
 * ones updated, equal ones left alone, so applying the same seeds again changes nothing. Seeds never delete.
 * Nodes starting together take turns (a map lock), so each name is created once.
 */
final class SeedApplier {

    private static final String LOCK = "lock:seeds";
    private static final long LOCK_WAIT_SECONDS = 120;
    private static final long LOCK_LEASE_SECONDS = 600;

    private final Definitions defs;
    private final OwnerWrites owners;
    private final KeyWrites keys;
    private int created;
    private int updated;
    private int unchanged;

    SeedApplier(Definitions defs, OwnerWrites owners, KeyWrites keys) {
        this.defs = defs;
        this.owners = owners;
        this.keys = keys;
    }

    SeedReport apply(GovernanceConfig seeds) {
        var lockMap = defs.claims.lockMap();
        boolean locked;
        try {
            locked = lockMap.tryLock(LOCK, LOCK_WAIT_SECONDS, TimeUnit.SECONDS, LOCK_LEASE_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw GovernanceException.conflict("seeds", "interrupted while waiting for another node's seeds");
        }
        if (!locked) {
            throw GovernanceException.conflict("seeds", "another node kept applying seeds for "
                    + LOCK_WAIT_SECONDS + " s");
        }
        try {
            each("customers", seeds.customers(), this::customer);
            each("teams", seeds.teams(), this::team);
            each("virtual_keys", seeds.virtualKeys(), this::key);
            return new SeedReport(created, updated, unchanged);
        } finally {
            lockMap.unlock(LOCK);
        }
    }

    private void customer(CustomerSeed seed) {
        CustomerDraft draft = new CustomerDraft(seed.name(), seed.budgets(), seed.plan());
        upsert(Claims.customer(seed.name()), () -> owners.createCustomer(draft), defs.customers,
                id -> owners.updateCustomer(id, draft));
    }

    private void team(TeamSeed seed) {
        Optional<String> customerId = seed.customer().map(name -> reference(Claims.customer(name), "customer", name));
        TeamDraft draft = new TeamDraft(seed.name(), customerId, seed.budgets(), seed.plan());
        upsert(Claims.team(seed.name()), () -> owners.createTeam(draft), defs.teams,
                id -> owners.updateTeam(id, draft));
    }

    private void key(VirtualKeySeed seed) {
        Optional<String> teamId = seed.team().map(name -> reference(Claims.team(name), "team", name));
        Optional<String> customerId = seed.customer().map(name -> reference(Claims.customer(name), "customer", name));
        VirtualKeyDraft draft = new VirtualKeyDraft(seed.name(), seed.active(), seed.expiresAt(), teamId, customerId,
                seed.providerConfigs(), seed.budgets(), seed.rateLimit(), seed.fallbacks(),
                new EndUserLimits(seed.endUserBudgets(), seed.endUserRateLimit()), java.util.Map.of());
        String value = seed.value().reveal();
        if (value.length() > KeyValues.MAX_VALUE_LENGTH) {
            throw GovernanceException.invalid("value", "must be at most " + KeyValues.MAX_VALUE_LENGTH
                    + " characters, was " + value.length());
        }
        upsert(Claims.key(seed.name()), () -> keys.create(draft, value), defs.keys,
                id -> keys.change(id, current -> draft.withEndUserOverrides(current.endUserOverrides()),
                        Optional.of(value)));
    }

    /** Creates the definition when no one holds its name, else updates it; counts which it was. */
    private <T> void upsert(String nameClaim, Runnable create, DefinitionMap<T> map, Function<String, T> update) {
        Optional<String> id = defs.claims.holder(nameClaim);
        if (id.isEmpty()) {
            create.run();
            created++;
            return;
        }
        T before = map.require(id.get()).value();
        if (before.equals(update.apply(id.get()))) {
            unchanged++;
        } else {
            updated++;
        }
    }

    /** The id a seed's reference by name resolves to, or INVALID naming the field (prefixed by the caller). */
    private String reference(String claim, String what, String name) {
        return defs.claims.holder(claim).orElseThrow(() -> GovernanceException.invalid(what,
                "unknown " + what + " '" + name + "'"));
    }

    /** Applies each seed, prefixing any error's field with {@code list[index].}. */
    private <S> void each(String list, List<S> seeds, Consumer<S> apply) {
        for (int i = 0; i < seeds.size(); i++) {
            try {
                apply.accept(seeds.get(i));
            } catch (GovernanceException e) {
                String field = list + "[" + i + "]." + e.field();
                throw new GovernanceException(e.kind(), field, field + ": " + stripField(e));
            }
        }
    }

    private static String stripField(GovernanceException e) {
        String prefix = e.field() + ": ";
        return e.getMessage().startsWith(prefix) ? e.getMessage().substring(prefix.length()) : e.getMessage();
    }
}
